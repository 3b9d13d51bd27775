/**
 * Cross-check of the compact merge against a deliberately naive one (a Map of full paths,
 * snapshotted per layer) on randomly generated layers full of edge cases: whiteouts, opaque
 * markers, type changes, duplicates, implicit parents, hardlinks to anything.
 */
import { describe, expect, it } from 'vitest';
import { type EntryType, type TarEntry } from '../model';
import { reclaimable } from '../metrics/reclaimable';
import { type MergedTree } from './merged-tree';
import { buildMergedTree } from './tree-builder';
import { dir, entry, file, hardlink, opaque, symlink, whiteout } from './test-entries';

interface NaiveNode {
  type: EntryType;
  mode: number;
  ino: number | null;
}
type NaiveFs = Map<string, NaiveNode>;

const parentOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const dropBelow = (fs: NaiveFs, p: string): void => {
  for (const key of [...fs.keys()]) if (key.startsWith(p + '/')) fs.delete(key);
};

function naiveApply(fs: NaiveFs, entries: TarEntry[], inodes: number[]): void {
  for (const e of entries) {
    const name = baseName(e.path);
    if (name.startsWith('.wh.') && name !== '.wh..wh..opq') {
      const target = parentOf(e.path) === '' ? name.slice(4) : `${parentOf(e.path)}/${name.slice(4)}`;
      fs.delete(target);
      dropBelow(fs, target);
    }
  }
  for (const e of entries) {
    if (baseName(e.path) !== '.wh..wh..opq') continue;
    const d = parentOf(e.path);
    if (d === '' || fs.get(d)?.type === 'dir') dropBelow(fs, d === '' ? '' : d);
  }
  for (const e of entries) {
    if (baseName(e.path).startsWith('.wh.')) continue;
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const a = parts.slice(0, i).join('/');
      if (fs.get(a)?.type !== 'dir') fs.set(a, { type: 'dir', mode: 0o755, ino: null });
    }
    const cur = fs.get(e.path);
    if (cur?.type === 'dir' && e.type !== 'dir') dropBelow(fs, e.path);
    let ino: number | null = null;
    if (e.type === 'file') ino = inodes.push(e.size) - 1;
    if (e.type === 'hardlink') {
      const t = fs.get(e.linkname);
      ino = t !== undefined && t.type !== 'dir' ? t.ino : null;
    }
    fs.set(e.path, { type: e.type, mode: e.mode, ino });
  }
}

/** Every visible path of the compact tree as of a layer, walked through children(). */
function listAll(tree: MergedTree, layer: number): Map<string, { type: EntryType; mode: number; size: number }> {
  const out = new Map<string, { type: EntryType; mode: number; size: number }>();
  const todo = [''];
  while (todo.length > 0) {
    for (const row of tree.children(todo.pop()!, { asOfLayer: layer })) {
      out.set(row.path, { type: row.type, mode: row.mode, size: row.type === 'dir' ? 0 : row.size });
      if (row.type === 'dir') todo.push(row.path);
    }
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomLayers(seed: number): TarEntry[][] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const randPath = (): string => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(['a', 'b', 'c'])).join('/');
  const layers: TarEntry[][] = [];
  for (let l = 0; l < 1 + Math.floor(rnd() * 5); l++) {
    const layer: TarEntry[] = [];
    for (let i = 0; i < 1 + Math.floor(rnd() * 8); i++) {
      const p = randPath();
      const d = parentOf(p);
      const op = pick(['file', 'file', 'dir', 'dir', 'hardlink', 'symlink', 'fifo', 'whiteout', 'opaque'] as const);
      if (op === 'file') layer.push(file(p, Math.floor(rnd() * 100), { mode: 0o600 + i }));
      else if (op === 'dir') layer.push(dir(p, { mode: 0o700 + i }));
      else if (op === 'hardlink') layer.push(hardlink(p, randPath()));
      else if (op === 'symlink') layer.push(symlink(p, randPath()));
      else if (op === 'fifo') layer.push(entry(p, 'fifo'));
      else if (op === 'whiteout') layer.push(whiteout(d, baseName(p)));
      else layer.push(opaque(p));
    }
    layers.push(layer);
  }
  return layers;
}

describe('compact merge vs naive model, on random layers', () => {
  it('agrees on every visible path, type, mode, size and total, as of every layer', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const layers = randomLayers(seed);
      const tree = buildMergedTree(layers);
      const fs: NaiveFs = new Map();
      const inodes: number[] = [];
      layers.forEach((entries, layer) => {
        naiveApply(fs, entries, inodes);
        const expected = new Map(
          [...fs].map(([p, n]) => [p, { type: n.type, mode: n.mode, size: n.ino === null || n.type === 'dir' ? 0 : inodes[n.ino]! }]),
        );
        expect(listAll(tree, layer), `seed ${seed} layer ${layer}`).toEqual(expected);
        const liveInodes = new Set([...fs.values()].flatMap((n) => (n.ino === null ? [] : [n.ino])));
        const bytes = [...liveInodes].reduce((s, i) => s + inodes[i]!, 0);
        expect(tree.fileCountAndBytes(layer).bytes, `seed ${seed} layer ${layer}`).toBe(bytes);
      });
      const content = layers.flat().reduce((s, e) => s + (e.type === 'file' ? e.size : 0), 0);
      expect(tree.fileCountAndBytes().bytes + reclaimable(tree).reclaimableBytes, `seed ${seed}`).toBe(content);
    }
  });
});
