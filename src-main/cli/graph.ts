/**
 * `strata graph [--json | --dot]`: the local engine's tag graph (tags -> image IDs -> the image
 * each is built on) as a readable tree, as JSON, or as a Graphviz digraph.
 */
import { parseArgs } from 'node:util';
import type { ImageGraph } from '../../src-shared/images-dto';
import { createEngineClient, type EngineClient } from '../docker/engine-client';
import { loadImageGraph } from '../services/image-graph';
import { GRAPH_USAGE } from './graph-usage';

export { GRAPH_USAGE };

export interface GraphIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  engine?: () => EngineClient;
}

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`. */
export function dotString(s: string): string {
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n')}"`;
}

export function formatDot(graph: ImageGraph): string {
  const lines = ['digraph strata {', '  rankdir=LR;', '  node [fontname="monospace"];'];
  for (const n of graph.nodes) {
    const shape = n.kind === 'tag' ? 'note' : 'box';
    lines.push(`  ${dotString(n.id)} [label=${dotString(n.label)}, shape=${shape}];`);
  }
  for (const e of graph.edges) {
    const style = e.kind === 'tag' ? 'dashed' : 'solid';
    lines.push(
      `  ${dotString(e.from)} -> ${dotString(e.to)} [style=${style}, label=${dotString(e.kind === 'base' ? 'built on' : 'tag')}];`,
    );
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Base images at the roots, images built on them below; each line: short ID and its tags. */
export function formatTree(graph: ImageGraph): string {
  const images = graph.nodes.filter((n) => n.kind === 'image');
  const tags = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  const hasBase = new Set<string>();
  for (const e of graph.edges) {
    if (e.kind === 'tag') tags.set(e.to, [...(tags.get(e.to) ?? []), e.from]);
    else {
      hasBase.add(e.from);
      children.set(e.to, [...(children.get(e.to) ?? []), e.from]);
    }
  }
  const label = new Map(images.map((n) => [n.id, n.label]));
  const line = (id: string): string => {
    const t = tags.get(id);
    return `${label.get(id) ?? id}  ${t && t.length ? t.join(', ') : '<none> (dangling)'}`;
  };
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string, prefix: string, last: boolean, root: boolean): void => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push(root ? line(id) : `${prefix}${last ? '└── ' : '├── '}${line(id)}`);
    const kids = children.get(id) ?? [];
    const next = root ? '' : prefix + (last ? '    ' : '│   ');
    kids.forEach((k, i) => walk(k, next, i === kids.length - 1, false));
  };
  for (const img of images) if (!hasBase.has(img.id)) walk(img.id, '', true, true);
  for (const img of images) walk(img.id, '', true, true); // cycles, should the engine ever report one
  if (out.length === 0) return 'No local images.\n';
  return out.join('\n') + '\n';
}

/** Runs `strata graph`; returns the exit code (2 on a usage error). */
export async function graphCommand(args: readonly string[], io: GraphIo): Promise<number> {
  let values: { json?: boolean; dot?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, dot: { type: 'boolean' } },
    }));
  } catch (err) {
    io.stderr(`strata: ${(err as Error).message}\n${GRAPH_USAGE}`);
    return 2;
  }
  if (values.json && values.dot) {
    io.stderr(`strata: --json and --dot exclude each other\n${GRAPH_USAGE}`);
    return 2;
  }
  const engine = io.engine?.() ?? createEngineClient(process.env['DOCKER_HOST']);
  const graph = await loadImageGraph(engine);
  if (values.json) io.stdout(JSON.stringify(graph, null, 2) + '\n');
  else if (values.dot) io.stdout(formatDot(graph));
  else io.stdout(formatTree(graph));
  return 0;
}
