import { describe, expect, it } from 'vitest';
import { type TarEntry } from '../model';
import { buildMergedTree } from '../merge/tree-builder';
import { dir, file, hardlink, opaque, whiteout } from '../merge/test-entries';
import { reclaimable } from './reclaimable';

const contentBytes = (layers: TarEntry[][]): number =>
  layers.flat().reduce((sum, e) => sum + (e.type === 'file' ? e.size : 0), 0);

describe('reclaimable', () => {
  it('counts an overwritten file by the layer that stored it', () => {
    const r = reclaimable(buildMergedTree([[file('a', 100)], [file('a', 40)]]));
    expect(r.reclaimableBytes).toBe(100);
    expect(r.files).toEqual([{ path: 'a', layer: 0, size: 100, reason: 'overwritten', goneInLayer: 1 }]);
  });

  it('counts deleted subtrees and opaque-hidden children with their reasons', () => {
    const tree = buildMergedTree([
      [dir('gone'), file('gone/x', 10), file('gone/y', 20), dir('d'), file('d/h', 5)],
      [whiteout('', 'gone'), dir('d'), opaque('d'), file('d/new', 1)],
    ]);
    const r = reclaimable(tree);
    expect(r.reclaimableBytes).toBe(35);
    expect(r.byReason).toEqual({ overwritten: 0, deleted: 30, 'hidden-by-opaque': 5 });
    expect(r.files.map((f) => [f.path, f.reason])).toEqual([
      ['gone/y', 'deleted'],
      ['gone/x', 'deleted'],
      ['d/h', 'hidden-by-opaque'],
    ]);
  });

  it('counts hardlinked bytes once, and only when the last link is gone', () => {
    const layers = [
      [file('bin/busybox', 100), hardlink('bin/sh', 'bin/busybox'), hardlink('bin/ls', 'bin/busybox')],
      [whiteout('bin', 'busybox')],
      [whiteout('bin', 'sh')],
    ];
    expect(reclaimable(buildMergedTree(layers.slice(0, 2))).reclaimableBytes).toBe(0);
    expect(reclaimable(buildMergedTree(layers)).reclaimableBytes).toBe(0);
    const all = [...layers, [whiteout('bin', 'ls')]];
    expect(reclaimable(buildMergedTree(all)).files).toEqual([
      { path: 'bin/busybox', layer: 0, size: 100, reason: 'deleted', goneInLayer: 3 },
    ]);
  });

  it('counts a duplicate shadowed inside its own layer, and a subtree lost to a dir→file swap', () => {
    const r = reclaimable(buildMergedTree([[file('f', 7), file('f', 1)], [dir('p'), file('p/q', 3)], [file('p', 2)]]));
    expect(r.files).toEqual([
      { path: 'f', layer: 0, size: 7, reason: 'overwritten', goneInLayer: 0 },
      { path: 'p/q', layer: 1, size: 3, reason: 'overwritten', goneInLayer: 2 },
    ]);
  });

  it('honours limit without changing the totals', () => {
    const r = reclaimable(buildMergedTree([[file('a', 1), file('b', 2), file('c', 3)], [file('a', 0), file('b', 0), file('c', 0)]]), {
      limit: 1,
    });
    expect(r.reclaimableBytes).toBe(6);
    expect(r.files.map((f) => f.path)).toEqual(['c']);
  });

  it('balances: content bytes of all layers = final bytes + reclaimable bytes', () => {
    const layers = [
      [dir('usr'), file('usr/a', 11), file('usr/b', 13), hardlink('usr/c', 'usr/a'), file('etc/conf', 17)],
      [dir('usr'), opaque('usr'), file('usr/b', 19), whiteout('etc', 'conf'), file('x', 23), file('x', 29)],
      [file('usr', 31), hardlink('y', 'x')],
      [whiteout('', 'x'), dir('usr'), file('usr/z', 37)],
    ];
    const tree = buildMergedTree(layers);
    const r = reclaimable(tree);
    expect(tree.fileCountAndBytes().bytes + r.reclaimableBytes).toBe(contentBytes(layers));
    expect(tree.fileCountAndBytes().bytes).toBe(29 + 37);
  });
});
