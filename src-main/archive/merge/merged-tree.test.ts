import { describe, expect, it } from 'vitest';
import { buildMergedTree } from './tree-builder';
import { dir, file, hardlink, symlink, whiteout } from './test-entries';

const layers = [
  [dir('etc'), file('etc/passwd', 100), file('etc/hosts', 10), dir('bin'), file('bin/sh', 50), symlink('bin/bash', 'sh')],
  [dir('etc'), file('etc/passwd', 120), dir('app'), file('app/main.js', 7)],
  [dir('etc'), whiteout('etc', 'hosts'), dir('app'), dir('app/lib'), file('app/lib/x.js', 3)],
];
const tree = buildMergedTree(layers);
const rows = (path: string, asOfLayer: number, view: 'merged' | 'layer-only') =>
  tree.children(path, { asOfLayer, view }).map((r) => [r.name, r.change, r.size, r.childCount]);

describe('MergedTree.children, merged view', () => {
  it('lists the union as of each layer, sorted, with dir totals and child counts', () => {
    expect(rows('', 0, 'merged')).toEqual([
      ['bin', 'added', 50, 2],
      ['etc', 'added', 110, 2],
    ]);
    expect(rows('', 2, 'merged')).toEqual([
      ['app', 'modified', 10, 2],
      ['bin', 'unchanged', 50, 2],
      ['etc', 'modified', 120, 1],
    ]);
    expect(rows('etc', 1, 'merged')).toEqual([
      ['hosts', 'unchanged', 10, 0],
      ['passwd', 'modified', 120, 0],
    ]);
  });

  it('fills every field of a row', () => {
    expect(tree.children('bin', { asOfLayer: 2 })).toEqual([
      {
        name: 'bash',
        path: 'bin/bash',
        type: 'symlink',
        size: 0,
        mode: 0o644,
        uid: 0,
        gid: 0,
        linkname: 'sh',
        changedInLayer: 0,
        change: 'unchanged',
        childCount: 0,
      },
      expect.objectContaining({ name: 'sh', path: 'bin/sh', type: 'file', size: 50, changedInLayer: 0 }),
    ]);
  });

  it('returns [] for files, unknown paths and paths removed by then', () => {
    expect(tree.children('bin/sh')).toEqual([]);
    expect(tree.children('nope')).toEqual([]);
    expect(tree.children('app', { asOfLayer: 0 })).toEqual([]);
  });

  it('accepts un-normalised query paths', () => {
    expect(tree.children('/etc/').map((r) => r.name)).toEqual(['passwd']);
    expect(tree.stat('./etc/passwd')?.size).toBe(120);
  });
});

describe('MergedTree.children, layer-only view', () => {
  it('shows what the layer added, modified and removed, with unchanged dirs leading to changes', () => {
    expect(rows('', 2, 'layer-only')).toEqual([
      ['app', 'modified', 3, 1],
      ['etc', 'modified', 0, 1],
    ]);
    expect(rows('etc', 2, 'layer-only')).toEqual([['hosts', 'removed', 10, 0]]);
    expect(rows('app', 2, 'layer-only')).toEqual([['lib', 'added', 3, 1]]);
    expect(rows('', 1, 'layer-only')).toEqual([
      ['app', 'added', 7, 1],
      ['etc', 'modified', 120, 1],
    ]);
  });

  it('lists parents of changes as unchanged when the layer has no entry for them', () => {
    const t = buildMergedTree([[dir('a'), dir('a/b'), file('a/b/f', 1)], [file('a/b/g', 2)]]);
    expect(t.children('', { asOfLayer: 1, view: 'layer-only' })).toMatchObject([
      { name: 'a', change: 'unchanged', size: 2, childCount: 1, changedInLayer: 0 },
    ]);
    expect(t.children('a/b', { asOfLayer: 1, view: 'layer-only' }).map((r) => r.name)).toEqual(['g']);
  });

  it('shows nothing for a layer that changed nothing below a path', () => {
    expect(tree.children('bin', { asOfLayer: 1, view: 'layer-only' })).toEqual([]);
  });
});

describe('MergedTree.stat and fileCountAndBytes', () => {
  it('answers as of any layer without copying trees', () => {
    expect(tree.stat('etc/passwd', 0)).toMatchObject({ size: 100, change: 'added', changedInLayer: 0 });
    expect(tree.stat('etc/passwd', 2)).toMatchObject({ size: 120, change: 'unchanged', changedInLayer: 1 });
    expect(tree.stat('etc/hosts', 1)?.size).toBe(10);
    expect(tree.stat('etc/hosts', 2)).toBeNull();
    expect(tree.stat('')).toMatchObject({ name: '', path: '', type: 'dir', size: 180, childCount: 3 });
  });

  it('counts files, dirs and bytes per layer', () => {
    expect([0, 1, 2].map((n) => tree.fileCountAndBytes(n))).toEqual([
      { files: 4, dirs: 2, bytes: 160 },
      { files: 5, dirs: 3, bytes: 187 },
      { files: 5, dirs: 4, bytes: 180 },
    ]);
  });

  it('rejects layers that do not exist', () => {
    expect(() => tree.children('', { asOfLayer: 3 })).toThrow(RangeError);
    expect(() => tree.stat('', -1)).toThrow(RangeError);
    expect(() => tree.fileCountAndBytes(0.5)).toThrow(RangeError);
  });

  it('is empty, not broken, with no layers', () => {
    const empty = buildMergedTree([]);
    expect(empty.children('')).toEqual([]);
    expect(empty.stat('')).toBeNull();
    expect(empty.fileCountAndBytes()).toEqual({ files: 0, dirs: 0, bytes: 0 });
  });

  it('keeps hardlinked bytes once in directory totals', () => {
    const t = buildMergedTree([[dir('a'), file('a/f', 9), hardlink('a/g', 'a/f'), dir('b'), hardlink('b/h', 'a/f')]]);
    expect(t.stat('')?.size).toBe(9);
    expect((t.stat('a')?.size ?? 0) + (t.stat('b')?.size ?? 0)).toBe(9);
    expect(t.stat('b/h')?.size).toBe(9);
  });
});
