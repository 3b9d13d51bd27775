import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EntryType, type TarEntry } from '../model';
import { PathIndex } from '../merge/path-index';
import { dir, file, hardlink, opaque, whiteout } from '../merge/test-entries';
import { buildMergedTree } from '../merge/tree-builder';
import { diveMetrics } from './dive';
import { reclaimable } from './reclaimable';

// ---------------------------------------------------------------------------------------------
// STOPGAP: a throwaway ustar/GNU/PAX reader, only so this test can read dive's fixture before the
// real tar reader (src-main/archive/tar/) exists. Replace it with the real reader; do not reuse.
// ---------------------------------------------------------------------------------------------
interface RawTarEntry {
  name: string;
  typeflag: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname: string;
  data: Buffer;
}

function stopgapReadTar(buf: Buffer): RawTarEntry[] {
  const out: RawTarEntry[] = [];
  let off = 0;
  let longName: string | null = null;
  let longLink: string | null = null;
  let pax: Record<string, string> = {};
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const str = (start: number, len: number): string => {
      const field = h.subarray(start, start + len);
      const nul = field.indexOf(0);
      return field.subarray(0, nul < 0 ? len : nul).toString('latin1');
    };
    const num = (start: number, len: number): number => parseInt(str(start, len).trim() || '0', 8);
    const size = num(124, 12);
    const typeflag = String.fromCharCode(h[156]!);
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    const text = data.toString('latin1').replace(/\0+$/, '');
    if (typeflag === 'L') longName = text;
    else if (typeflag === 'K') longLink = text;
    else if (typeflag === 'x') {
      for (let rest = text; rest.length > 0; ) {
        const sp = rest.indexOf(' ');
        const len = parseInt(rest.slice(0, sp), 10);
        const [key, ...value] = rest.slice(sp + 1, len - 1).split('=');
        pax[key!] = value.join('=');
        rest = rest.slice(len);
      }
    } else if (typeflag !== 'g') {
      const prefix = str(257, 6).startsWith('ustar') ? str(345, 155) : '';
      const name = pax.path ?? longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
      const linkname = pax.linkpath ?? longLink ?? str(157, 100);
      out.push({ name, typeflag, size, mode: num(100, 8), uid: num(108, 8), gid: num(116, 8), linkname, data });
      longName = longLink = null;
      pax = {};
    }
  }
  return out;
}

const TYPEFLAGS: Record<string, EntryType> = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'chardev', '4': 'blockdev', '5': 'dir', '6': 'fifo' };
const normalise = (name: string): string => name.replace(/^(\.?\/)+/, '').replace(/\/+/g, '/').replace(/\/$/, '').replace(/^\.$/, '');

function stopgapReadDockerArchive(path: string): TarEntry[][] {
  const outer = new Map(stopgapReadTar(readFileSync(path)).map((e) => [e.name, e.data]));
  const manifest = JSON.parse(outer.get('manifest.json')!.toString('utf8')) as { Layers: string[] }[];
  return manifest[0]!.Layers.map((layerPath) =>
    stopgapReadTar(outer.get(layerPath)!).map((e): TarEntry => {
      const type = TYPEFLAGS[e.typeflag] ?? 'file';
      return {
        path: normalise(e.name),
        type,
        size: type === 'file' ? e.size : 0,
        mode: e.mode,
        uid: e.uid,
        gid: e.gid,
        mtime: 0,
        linkname: type === 'hardlink' ? normalise(e.linkname) : e.linkname,
        devmajor: 0,
        devminor: 0,
        dataOffset: 0,
      };
    }),
  );
}
// --------------------------------------- end of stopgap ---------------------------------------

const FIXTURE = '/work/shared/fixtures/dive/test-docker-image.tar';

describe('diveMetrics on dive\'s own test image (figures from dive\'s test suite)', () => {
  const report = diveMetrics(stopgapReadDockerArchive(FIXTURE));

  it('reproduces the image figures exactly', () => {
    expect(report.efficiency).toBe(0.9844212134184309);
    expect(report.sizeBytes).toBe(1220598);
    expect(report.userSizeBytes).toBe(66237);
    expect(report.wastedBytes).toBe(32025);
    expect(report.wastedUserPercent).toBe(0.4834911001404049);
    expect(report.skippedWhiteouts).toBe(0);
  });

  it('reproduces the per-layer sizes', () => {
    expect(report.layers.map((l) => l.sizeBytes)).toEqual([
      1154361, 6405, 0, 6405, 6405, 6405, 6405, 6405, 6405, 0, 2187, 6405, 6405, 6405,
    ]);
  });

  it('reproduces the inefficient files, in dive\'s export order', () => {
    expect(report.inefficientFiles).toEqual([
      { path: 'root/saved.txt', count: 2, sizeBytes: 12810 },
      { path: 'root/example/somefile1.txt', count: 2, sizeBytes: 12810 },
      { path: 'root/example/somefile3.txt', count: 2, sizeBytes: 6405 },
    ]);
  });
});

describe('diveMetrics rules', () => {
  it('is 1 with nothing, and 0% wasted without user layers', () => {
    expect(diveMetrics([])).toMatchObject({ efficiency: 1, sizeBytes: 0, wastedUserPercent: 0, inefficientFiles: [] });
    const one = diveMetrics([[file('a', 5)]]);
    expect(one).toMatchObject({ efficiency: 1, sizeBytes: 5, userSizeBytes: 0, wastedUserPercent: 0 });
  });

  it('counts a file rewritten in a later layer: sums both, keeps the smaller', () => {
    const r = diveMetrics([[file('a', 100)], [file('a', 40)]]);
    expect(r.efficiency).toBe(40 / 140);
    expect(r.wastedBytes).toBe(140);
    expect(r.wastedUserPercent).toBe(140 / 40);
    expect(r.inefficientFiles).toEqual([{ path: 'a', count: 2, sizeBytes: 140 }]);
  });

  it('sizes a whiteout of a file as 0 and of a directory as its stacked subtree', () => {
    const fileGone = diveMetrics([[file('f', 10)], [whiteout('', 'f')]]);
    expect(fileGone.efficiency).toBe(0 / 10);
    expect(fileGone.inefficientFiles).toEqual([{ path: 'f', count: 2, sizeBytes: 10 }]);
    const dirGone = diveMetrics([[dir('d'), file('d/x', 3), dir('d/e'), file('d/e/y', 4)], [whiteout('', 'd')]]);
    // d/x and d/e/y were leaves in layer 0; d was not (it had children), so d is seen once: 7 B.
    expect(dirGone.efficiency).toBe(1);
    expect(dirGone.inefficientFiles).toEqual([]);
    expect(dirGone.wastedBytes).toBe(0);
  });

  it('only visits leaves: a directory with children in that layer is not a path of its own', () => {
    const r = diveMetrics([[dir('d'), file('d/x', 1)], [dir('d'), file('d/y', 1)]]);
    expect(r.inefficientFiles).toEqual([]);
    const empty = diveMetrics([[dir('e')], [dir('e')]]);
    expect(empty.inefficientFiles).toEqual([{ path: 'e', count: 2, sizeBytes: 0 }]);
    expect(empty.efficiency).toBe(1);
  });

  it('ignores opaque markers: they neither count nor hide lower files from later whiteouts', () => {
    const r = diveMetrics([
      [dir('d'), file('d/x', 5)],
      [dir('d'), opaque('d'), file('d/y', 1)],
      [whiteout('', 'd')],
      [dir('d')],
    ]);
    // The whiteout of d is sized over dive's stack, where the opaque-hidden d/x still is: 5 + 1.
    // d is a leaf only in layers 2 (the whiteout) and 3 (empty again): seen twice, 6 + 0.
    expect(r.inefficientFiles).toEqual([{ path: 'd', count: 2, sizeBytes: 6 }]);
    expect(r.efficiency).toBe(6 / 12);
    const marker = diveMetrics([[dir('d'), opaque('d')], [dir('d')]]);
    // The marker is never a node, so d is an (empty) leaf in both layers.
    expect(marker.inefficientFiles).toEqual([{ path: 'd', count: 2, sizeBytes: 0 }]);
  });

  it('counts hardlinks by their header size (0)', () => {
    const r = diveMetrics([[file('bin/busybox', 100), hardlink('bin/sh', 'bin/busybox')], [file('bin/sh', 3)]]);
    expect(r.layers.map((l) => l.sizeBytes)).toEqual([100, 3]);
    expect(r.inefficientFiles).toEqual([{ path: 'bin/sh', count: 2, sizeBytes: 3 }]);
    expect(r.efficiency).toBe(100 / 103);
  });

  it('skips whiteouts of paths the lower layers never had', () => {
    const r = diveMetrics([[file('a', 1)], [whiteout('', 'nope')]]);
    expect(r.skippedWhiteouts).toBe(1);
    expect(r.efficiency).toBe(1);
  });

  it('sums sizes across three layers and keeps the minimum', () => {
    const r = diveMetrics([[file('a', 10)], [file('a', 2)], [file('a', 7)]]);
    expect(r.efficiency).toBe(2 / 19);
    expect(r.inefficientFiles).toEqual([{ path: 'a', count: 3, sizeBytes: 19 }]);
    expect(r.wastedBytes).toBe(19);
  });
});

describe('the same fixture through the merge (cross-check of the two models)', () => {
  const layers = stopgapReadDockerArchive(FIXTURE);
  const index = new PathIndex();
  const tree = buildMergedTree(layers, { index });
  const shared = diveMetrics(layers, index);

  it('gives the same dive figures when the path index is shared with the merge', () => {
    expect(shared.efficiency).toBe(0.9844212134184309);
    expect(shared.wastedBytes).toBe(32025);
  });

  it('ends with the files the Dockerfile leaves, busybox hardlinks counted once', () => {
    expect(tree.warnings).toEqual([]);
    expect(tree.children('root').map((r) => r.name)).toEqual(['.data', '.saved.txt', 'saved.txt']);
    expect(tree.stat('root/example')).toBeNull();
    expect(tree.stat('root/example', 8)?.childCount).toBe(3);
    expect(tree.layers[9]!.removed).toEqual({ count: 1, files: 2, bytes: 12810 });
    expect(tree.layers[7]!.removed).toEqual({ count: 1, files: 1, bytes: 6405 });
    const r = reclaimable(tree);
    expect(r.reclaimableBytes).toBe(5 * 6405);
    expect(r.byReason).toEqual({ overwritten: 2 * 6405, deleted: 3 * 6405, 'hidden-by-opaque': 0 });
    expect(tree.fileCountAndBytes().bytes + r.reclaimableBytes).toBe(1220598);
    expect(tree.stat('bin/sh')).toMatchObject({ type: 'hardlink', linkname: 'bin/[', size: 1075464 });
  });
});
