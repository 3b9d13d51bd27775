import { describe, expect, it } from 'vitest';
import {
  breadcrumbs,
  formatBytes,
  hitTest,
  layoutTreemap,
  ownBytes,
  pathTo,
  topLevelOf,
  unloadedDirs,
  withChildren,
  type SizeNode,
} from './treemap';
import { CHANGE_COLOURS, colourer, shade } from './treemap-draw';
import { dir, file } from './size-tree-fixtures';

// bin: 600 (loaded: 400 + 200), usr: 300 (not loaded), etc/hosts: 100.
const tree = (): SizeNode =>
  dir('', 1000, [
    dir('bin', 600, [file('bin/sh', 400, 'added'), file('bin/ls', 200, 'modified')]),
    dir('usr', 300),
    dir('etc', 100, [file('etc/hosts', 100)]),
  ]);
const area = (n: { x0: number; x1: number; y0: number; y1: number }) => (n.x1 - n.x0) * (n.y1 - n.y0);

describe('layoutTreemap', () => {
  it('gives leaves areas proportional to their bytes (no padding)', () => {
    const root = layoutTreemap(tree(), { width: 100, height: 100, padding: 0 });
    expect(root.value).toBe(1000);
    const leaves = root.leaves();
    expect(leaves.map((l) => l.data.path).sort()).toEqual(['bin/ls', 'bin/sh', 'etc/hosts', 'usr']);
    for (const l of leaves) expect(area(l)).toBeCloseTo((l.data.size / 1000) * 100 * 100, 6);
    // The rectangles tile the whole box.
    expect(leaves.reduce((a, l) => a + area(l), 0)).toBeCloseTo(10000, 6);
  });

  it('keeps a directory the same area before and after its children load', () => {
    const before = layoutTreemap(tree(), { width: 200, height: 100, padding: 0 });
    const loaded = withChildren(tree(), 'usr', [file('usr/a', 250), file('usr/b', 50)]);
    const after = layoutTreemap(loaded, { width: 200, height: 100, padding: 0 });
    const usr = (r: typeof before) => r.children!.find((c) => c.data.path === 'usr')!;
    expect(area(usr(after))).toBeCloseTo(area(usr(before)), 6);
    expect(usr(after).children!.map((c) => area(c) / area(usr(after)))).toEqual([
      expect.closeTo(250 / 300, 6),
      expect.closeTo(50 / 300, 6),
    ]);
  });

  it('counts bytes a directory holds beyond its listed children', () => {
    expect(ownBytes(dir('x', 100, [file('x/a', 60)]))).toBe(40);
    expect(ownBytes(dir('x', 100))).toBe(100);
    expect(ownBytes(file('x', 7))).toBe(7);
    expect(layoutTreemap(dir('x', 100, [file('x/a', 60)]), { width: 10, height: 10 }).value).toBe(100);
  });

  it('sorts siblings largest first and lays out only maxDepth levels', () => {
    const root = layoutTreemap(tree(), { width: 100, height: 100, maxDepth: 1 });
    expect(root.children!.map((c) => c.data.name)).toEqual(['bin', 'usr', 'etc']);
    expect(root.children!.every((c) => !c.children)).toBe(true);
    expect(root.value).toBe(1000);
  });

  it('reserves a label band at the top of directories', () => {
    const root = layoutTreemap(tree(), { width: 400, height: 300, labelHeight: 16, padding: 1 });
    const bin = root.children!.find((c) => c.data.name === 'bin')!;
    for (const c of bin.children!) expect(c.y0).toBeGreaterThanOrEqual(bin.y0 + 16);
  });

  it('zooms by laying out a subtree as the root', () => {
    const bin = pathTo(tree(), 'bin')!.at(-1)!;
    const root = layoutTreemap(bin, { width: 100, height: 50, padding: 0 });
    expect(root.value).toBe(600);
    const sh = root.children!.find((c) => c.data.name === 'sh')!;
    expect(area(sh)).toBeCloseTo((400 / 600) * 5000, 6);
  });
});

describe('hitTest', () => {
  const root = layoutTreemap(tree(), { width: 100, height: 100, padding: 0 });
  it('returns the deepest node under a point', () => {
    for (const leaf of root.leaves()) {
      const hit = hitTest(root, (leaf.x0 + leaf.x1) / 2, (leaf.y0 + leaf.y1) / 2);
      expect(hit?.data.path).toBe(leaf.data.path);
    }
  });
  it('returns null outside, and the root on its own padding', () => {
    expect(hitTest(root, -1, 5)).toBeNull();
    expect(hitTest(root, 100, 5)).toBeNull();
    const padded = layoutTreemap(tree(), { width: 100, height: 100, padding: 4 });
    expect(hitTest(padded, 1, 1)?.depth).toBe(0);
  });
  it('finds the top-level ancestor of a hit', () => {
    const sh = root.leaves().find((l) => l.data.name === 'sh')!;
    expect(topLevelOf(hitTest(root, sh.x0 + 0.1, sh.y0 + 0.1)!).data.name).toBe('bin');
  });
});

describe('tree helpers', () => {
  it('builds breadcrumbs down to a focus, falling back to the root', () => {
    expect(breadcrumbs(tree(), 'bin')).toEqual([
      { name: '/', path: '' },
      { name: 'bin', path: 'bin' },
    ]);
    expect(breadcrumbs(tree(), '')).toEqual([{ name: '/', path: '' }]);
    expect(breadcrumbs(tree(), 'nope/x')).toEqual([{ name: '/', path: '' }]);
    expect(pathTo(tree(), 'bin/sh')!.map((n) => n.path)).toEqual(['', 'bin', 'bin/sh']);
    // A sibling whose name extends another's is not mistaken for it.
    const t = dir('', 3, [dir('lib', 1, []), dir('lib64', 2, [file('lib64/x', 2)])]);
    expect(pathTo(t, 'lib64/x')!.map((n) => n.path)).toEqual(['', 'lib64', 'lib64/x']);
  });
  it('replaces children immutably and lists unloaded directories', () => {
    const t = tree();
    const t2 = withChildren(t, 'usr', [file('usr/a', 300)]);
    expect(t.children![1]!.children).toBeUndefined();
    expect(t2.children![1]!.children).toHaveLength(1);
    expect(t2.children![0]).toBe(t.children![0]);
    expect(unloadedDirs(t, 2).map((d) => d.path)).toEqual(['usr']);
    expect(unloadedDirs(t2, 2)).toEqual([]);
  });
  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
  });
});

describe('colours', () => {
  const root = layoutTreemap(tree(), { width: 100, height: 100 });
  it('colours by top-level directory: one colour per top-level subtree', () => {
    const fill = colourer(root, 'top-level');
    const [sh, ls] = root.leaves().filter((l) => l.parent?.data.name === 'bin');
    expect(fill(sh!)).toBe(fill(ls!));
    expect(fill(sh!)).not.toBe(fill(root.children!.find((c) => c.data.name === 'usr')!));
  });
  it('colours by change and darkens with depth', () => {
    const fill = colourer(root, 'change');
    expect(fill(root.leaves().find((l) => l.data.name === 'sh')!)).toBe(CHANGE_COLOURS.added);
    expect(shade('#808080', 1)).toBe('#808080');
    expect(shade('#808080', 3)).not.toBe('#808080');
  });
});
