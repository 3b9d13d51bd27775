import { describe, expect, it } from 'vitest';
import { buildMergedTree } from './tree-builder';
import { dir, file, hardlink, opaque, symlink, whiteout } from './test-entries';

const names = (rows: { name: string }[]): string[] => rows.map((r) => r.name);

describe('whiteouts', () => {
  it('remove a lower file from that layer on, and count it as removed', () => {
    const tree = buildMergedTree([
      [dir('etc'), file('etc/a', 10), file('etc/b', 5)],
      [dir('etc'), whiteout('etc', 'a')],
    ]);
    expect(tree.stat('etc/a', 0)?.size).toBe(10);
    expect(tree.stat('etc/a', 1)).toBeNull();
    expect(names(tree.children('etc'))).toEqual(['b']);
    expect(tree.layers[1]!.removed).toEqual({ count: 1, files: 1, bytes: 10 });
    expect(tree.layers[1]!.whiteouts).toBe(1);
    expect(tree.fileCountAndBytes(1)).toEqual({ files: 1, dirs: 1, bytes: 5 });
    expect(tree.fileCountAndBytes(0)).toEqual({ files: 2, dirs: 1, bytes: 15 });
  });

  it('remove a lower directory with its whole subtree', () => {
    const tree = buildMergedTree([
      [dir('a'), dir('a/b'), file('a/b/c', 3), file('a/d', 4), file('keep', 1)],
      [whiteout('', 'a')],
    ]);
    expect(names(tree.children('', { asOfLayer: 1 }))).toEqual(['keep']);
    expect(tree.stat('a/b/c', 1)).toBeNull();
    expect(tree.layers[1]!.removed).toEqual({ count: 1, files: 2, bytes: 7 });
    expect(tree.removedItems(1)).toEqual([
      { path: 'a', type: 'dir', reason: 'whiteout', entries: 4, files: 2, bytes: 7 },
    ]);
    const top = tree.children('', { asOfLayer: 1, view: 'layer-only' });
    expect(top).toMatchObject([{ name: 'a', change: 'removed', type: 'dir', size: 7, childCount: 2 }]);
    const inside = tree.children('a', { asOfLayer: 1, view: 'layer-only' });
    expect(inside.map((r) => [r.name, r.change, r.size])).toEqual([
      ['b', 'removed', 3],
      ['d', 'removed', 4],
    ]);
  });

  it('act on lower layers only: a same-layer entry survives whatever the tar order', () => {
    for (const order of ['whiteout-first', 'whiteout-last'] as const) {
      const own = [file('f', 5)];
      const wh = [whiteout('', 'f')];
      const layer1 = order === 'whiteout-first' ? [...wh, ...own] : [...own, ...wh];
      const tree = buildMergedTree([[file('f', 1)], layer1]);
      expect(tree.stat('f')?.size, order).toBe(5);
      expect(tree.stat('f')?.change, order).toBe('modified');
      expect(tree.layers[1]!.removed.count, order).toBe(1);
    }
  });

  it('of a missing path remove nothing and leave a warning', () => {
    const tree = buildMergedTree([[file('x', 1)], [whiteout('', 'ghost')]]);
    expect(tree.layers[1]!.removed.count).toBe(0);
    expect(tree.warnings).toMatchObject([{ layer: 1, code: 'whiteout-missing-target', path: '.wh.ghost' }]);
    expect(tree.fileCountAndBytes().files).toBe(1);
  });

  it('are never files of the result', () => {
    const tree = buildMergedTree([
      [dir('d'), file('d/x', 1)],
      [whiteout('d', 'x'), opaque('d')],
    ]);
    for (const layer of [0, 1]) {
      for (const view of ['merged', 'layer-only'] as const) {
        for (const row of tree.children('d', { asOfLayer: layer, view }))
          expect(row.name).not.toMatch(/^\.wh\./);
      }
    }
    expect(tree.stat('d/.wh.x')).toBeNull();
    expect(tree.stat('d/.wh..wh..opq')).toBeNull();
  });
});

describe('opaque directories', () => {
  const lower = [dir('d'), file('d/x', 1), file('d/y', 2), dir('d/sub'), file('d/sub/z', 4)];

  it('hide all lower children whether the marker comes before or after the entries', () => {
    const before = [dir('d'), opaque('d'), file('d/new', 8)];
    const after = [dir('d'), file('d/new', 8), opaque('d')];
    for (const layer1 of [before, after]) {
      const tree = buildMergedTree([lower, layer1]);
      expect(names(tree.children('d'))).toEqual(['new']);
      expect(names(tree.children('d', { asOfLayer: 0 }))).toEqual(['sub', 'x', 'y']);
      expect(tree.layers[1]!.hiddenByOpaque).toEqual({ count: 1, files: 3, bytes: 7 });
      expect(tree.removedItems(1)).toEqual([
        { path: 'd', type: 'dir', reason: 'opaque', entries: 4, files: 3, bytes: 7 },
      ]);
      expect(tree.removedItems(0)).toEqual([]);
      expect(tree.stat('d')?.size).toBe(8);
    }
  });

  it('let the layer re-create a hidden name (counted as modified)', () => {
    const tree = buildMergedTree([lower, [dir('d'), opaque('d'), file('d/x', 9)]]);
    expect(names(tree.children('d'))).toEqual(['x']);
    expect(tree.stat('d/x')).toMatchObject({ size: 9, change: 'modified', changedInLayer: 1 });
  });

  it('are harmless on a brand-new directory', () => {
    const tree = buildMergedTree([[dir('a')], [dir('n'), opaque('n'), file('n/f', 3)]]);
    expect(names(tree.children(''))).toEqual(['a', 'n']);
    expect(names(tree.children('n'))).toEqual(['f']);
    expect(tree.layers[1]!.hiddenByOpaque.count).toBe(0);
    expect(tree.layers[1]!.opaques).toBe(1);
    expect(tree.warnings).toEqual([]);
  });
});

describe('replacement', () => {
  it('dir over dir merges: children stay, attributes change', () => {
    const tree = buildMergedTree([
      [dir('d', { mode: 0o700 }), file('d/x', 1)],
      [dir('d', { mode: 0o755, uid: 1000 })],
    ]);
    expect(tree.stat('d')).toMatchObject({
      mode: 0o755,
      uid: 1000,
      change: 'modified',
      childCount: 1,
      size: 1,
    });
    expect(tree.stat('d', 0)).toMatchObject({ mode: 0o700, uid: 0 });
    expect(tree.layers[1]!.modified.count).toBe(1);
  });

  it('a dir replaced by a file loses its subtree, and coming back as a dir does not restore it', () => {
    const tree = buildMergedTree([[dir('p'), dir('p/q'), file('p/q/r', 4)], [file('p', 9)], [dir('p')]]);
    expect(tree.stat('p', 1)).toMatchObject({ type: 'file', size: 9, change: 'modified' });
    expect(tree.children('p', { asOfLayer: 1 })).toEqual([]);
    expect(tree.layers[1]!.displaced).toEqual({ count: 1, files: 1, bytes: 4 });
    expect(tree.removedItems(1)).toEqual([
      { path: 'p', type: 'dir', reason: 'replaced', entries: 2, files: 1, bytes: 4 },
    ]);
    expect(tree.stat('p', 2)).toMatchObject({ type: 'dir', change: 'modified', childCount: 0 });
    expect(tree.stat('p/q/r', 2)).toBeNull();
    expect(tree.stat('p/q/r', 0)?.size).toBe(4);
    expect(tree.fileCountAndBytes(2)).toEqual({ files: 0, dirs: 1, bytes: 0 });
  });

  it('type changes are modifications: symlink -> file -> dir -> fifo', () => {
    const tree = buildMergedTree([
      [symlink('x', 'y')],
      [file('x', 2)],
      [dir('x')],
      [{ ...file('x', 0), type: 'fifo' }],
    ]);
    expect(tree.stat('x', 0)).toMatchObject({ type: 'symlink', linkname: 'y', change: 'added' });
    expect(tree.stat('x', 1)).toMatchObject({ type: 'file', linkname: '', change: 'modified', size: 2 });
    expect(tree.stat('x', 2)).toMatchObject({ type: 'dir', change: 'modified' });
    expect(tree.stat('x', 3)).toMatchObject({ type: 'fifo', change: 'modified', changedInLayer: 3 });
    expect(tree.layers.map((l) => [l.added.count, l.modified.count])).toEqual([
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
  });

  it('duplicates inside one layer: the last wins, counted once', () => {
    const tree = buildMergedTree([
      [file('f', 1), dir('d', { mode: 0o700 }), file('f', 2), dir('d', { mode: 0o750 })],
    ]);
    expect(tree.stat('f')).toMatchObject({ size: 2, change: 'added' });
    expect(tree.stat('d')?.mode).toBe(0o750);
    expect(tree.layers[0]!.added).toEqual({ count: 2, bytes: 2 });
    expect(tree.layers[0]!.contentBytes).toBe(3);
  });

  it('a duplicate that turns a dir into a file drops what the layer put below it', () => {
    const tree = buildMergedTree([[dir('x'), file('x/y', 3), file('x', 1)]]);
    expect(tree.stat('x')).toMatchObject({ type: 'file', size: 1 });
    expect(tree.stat('x/y')).toBeNull();
    expect(tree.fileCountAndBytes()).toEqual({ files: 1, dirs: 0, bytes: 1 });
  });
});

describe('implicit parents', () => {
  it('are created as directories and counted as added', () => {
    const tree = buildMergedTree([[file('a/b/c/f', 5)], [dir('a', { mode: 0o700 })]]);
    expect(tree.stat('a/b', 0)).toMatchObject({ type: 'dir', mode: 0o755, change: 'added', size: 5 });
    expect(tree.layers[0]!.implicitDirs).toBe(3);
    expect(tree.layers[0]!.added.count).toBe(4);
    expect(tree.stat('a', 1)).toMatchObject({ mode: 0o700, change: 'modified' });
  });

  it('replace a non-directory in the way, with a warning', () => {
    const tree = buildMergedTree([[file('x', 7)], [file('x/y', 1)]]);
    expect(tree.stat('x')).toMatchObject({ type: 'dir', change: 'modified' });
    expect(tree.warnings).toMatchObject([{ code: 'parent-not-directory', path: 'x/y', detail: 'x' }]);
  });

  it('an explicit entry later in the same layer takes over the implicit one', () => {
    const tree = buildMergedTree([[file('a/f', 1), dir('a', { mode: 0o711 })]]);
    expect(tree.stat('a')).toMatchObject({ mode: 0o711, change: 'added' });
    expect(tree.layers[0]!.implicitDirs).toBe(0);
  });
});

describe('hardlinks', () => {
  const base = [dir('bin'), file('bin/busybox', 100)];

  it('to a lower-layer file share its bytes: counted once', () => {
    const tree = buildMergedTree([base, [dir('bin'), hardlink('bin/sh', 'bin/busybox')]]);
    expect(tree.stat('bin/sh')).toMatchObject({ type: 'hardlink', linkname: 'bin/busybox', size: 100 });
    expect(tree.fileCountAndBytes()).toEqual({ files: 2, dirs: 1, bytes: 100 });
    expect(tree.stat('bin')?.size).toBe(100);
    expect(tree.layers[1]!.contentBytes).toBe(0);
  });

  it('keep the bytes alive when the target is deleted later', () => {
    const tree = buildMergedTree([
      base,
      [hardlink('bin/sh', 'bin/busybox'), hardlink('bin/ls', 'bin/sh')],
      [whiteout('bin', 'busybox')],
    ]);
    expect(tree.stat('bin/busybox')).toBeNull();
    expect(tree.stat('bin/sh')?.size).toBe(100);
    expect(tree.stat('bin/ls')?.size).toBe(100);
    expect(tree.fileCountAndBytes()).toEqual({ files: 2, dirs: 1, bytes: 100 });
  });

  it('to missing, absolute or escaping targets warn and never resolve outside the root', () => {
    const tree = buildMergedTree([
      base,
      [
        hardlink('l1', 'nope'),
        hardlink('l2', '/bin/busybox'),
        hardlink('l3', '../../etc/shadow'),
        hardlink('l4', 'bin'),
      ],
    ]);
    expect(tree.warnings.map((w) => w.code)).toEqual([
      'hardlink-missing-target',
      'hardlink-absolute',
      'hardlink-outside-root',
      'hardlink-to-directory',
    ]);
    expect(tree.stat('l2')?.size).toBe(100);
    expect([tree.stat('l1')?.size, tree.stat('l3')?.size, tree.stat('l4')?.size]).toEqual([0, 0, 0]);
    expect(tree.fileCountAndBytes().bytes).toBe(100);
  });
});

describe('hostile names', () => {
  it('are refused with warnings, and nothing appears outside or above the root', () => {
    const tree = buildMergedTree([
      [
        file('../escape', 1),
        file('a/../../b', 1),
        file('ok/../x', 1),
        file('a/.wh.b/c', 1),
        file('.wh..wh.plnk/123', 1),
        file('.wh.', 0),
        file('.wh..', 0),
        file('.wh...', 0),
        symlink('', 'x'),
        file('fine', 2),
      ],
    ]);
    expect(tree.warnings.map((w) => w.code)).toEqual([
      'dot-dot',
      'dot-dot',
      'dot-dot',
      'whiteout-in-directory',
      'whiteout-meta',
      'whiteout-bad-name',
      'whiteout-bad-name',
      'whiteout-bad-name',
      'root-not-directory',
    ]);
    expect(names(tree.children(''))).toEqual(['fine']);
    expect(tree.stat('..')).toBeNull();
    expect(tree.stat('../escape')).toBeNull();
    expect(tree.fileCountAndBytes()).toEqual({ files: 1, dirs: 0, bytes: 2 });
  });

  it('keeps non-UTF-8 names byte-exact', () => {
    const raw = 'caf\xe9/\xff\xfe.bin';
    const tree = buildMergedTree([[file(raw, 3)]]);
    expect(tree.children('caf\xe9')).toMatchObject([{ name: '\xff\xfe.bin', path: raw, size: 3 }]);
    expect(tree.stat(raw)?.size).toBe(3);
  });

  it('tolerates un-normalised spellings of the same path', () => {
    const tree = buildMergedTree([[dir('./a/'), file('/a//f', 1), file('./a/./g', 1)]]);
    expect(names(tree.children('a'))).toEqual(['f', 'g']);
    expect(tree.layers[0]!.implicitDirs).toBe(0);
  });
});
