// Summarizes a V8 .cpuprofile (node --cpu-prof): self and inclusive time by function, self time by file.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  self: ProfileRow[];
  inclusive: ProfileRow[];
  files: ProfileRow[];
}

const fileOf = (url: string): string => {
  if (!url) return '(native / V8)';
  const p = url.replace(/^file:\/\//, '');
  const out = p.indexOf('/out/main/');
  if (out >= 0) return p.slice(out + 1);
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) return p.slice(nm + 1);
  return p.startsWith('node:') ? p : path.basename(p);
};

const keyOf = (n: ProfileNode): string => {
  const f = n.callFrame;
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  return `${name}  ${fileOf(f.url)}:${f.lineNumber + 1}`;
};

export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfById = new Map<number, number>();
  for (let i = 0; i < prof.samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample: charge it to the sample that ends it.
    const id = prof.samples[i]!;
    selfById.set(id, (selfById.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
  }
  const totalMs = [...selfById.values()].reduce((a, b) => a + b, 0);

  const self = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, ms] of selfById) {
    const n = byId.get(id)!;
    self.set(keyOf(n), (self.get(keyOf(n)) ?? 0) + ms);
    const f = n.callFrame.url ? fileOf(n.callFrame.url) : n.callFrame.functionName || '(native / V8)';
    files.set(f, (files.get(f) ?? 0) + ms);
  }

  // Inclusive: each node's subtree, counted once per function even when it recurses.
  const inclusive = new Map<string, number>();
  const subtree = new Map<number, number>();
  const root = prof.nodes[0]!;
  const sizeOf = (n: ProfileNode): number => {
    let ms = selfById.get(n.id) ?? 0;
    for (const c of n.children ?? []) ms += sizeOf(byId.get(c)!);
    subtree.set(n.id, ms);
    return ms;
  };
  sizeOf(root);
  const walk = (n: ProfileNode, open: Set<string>): void => {
    const k = keyOf(n);
    const fresh = !open.has(k);
    if (fresh) {
      inclusive.set(k, (inclusive.get(k) ?? 0) + subtree.get(n.id)!);
      open.add(k);
    }
    for (const c of n.children ?? []) walk(byId.get(c)!, open);
    if (fresh) open.delete(k);
  };
  walk(root, new Set());
  inclusive.delete('(root)');

  const rows = (m: Map<string, number>): ProfileRow[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
  return { totalMs, self: rows(self), inclusive: rows(inclusive), files: rows(files) };
}

export function formatProfile(title: string, s: ProfileSummary): string {
  const table = (head: string, rows: ProfileRow[]): string =>
    [
      `  ${head}`,
      ...rows.map(
        (r) => `    ${r.ms.toFixed(0).padStart(7)} ms ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.name}`,
      ),
    ].join('\n');
  return [
    `${title}: ${s.totalMs.toFixed(0)} ms sampled`,
    table('self time by function', s.self),
    table('inclusive time by function', s.inclusive),
    table('self time by file', s.files),
  ].join('\n');
}
