import { describe, expect, it } from 'vitest';
import {
  compareLayers,
  compareSizes,
  diffChildren,
  diffTotals,
  entryDifferences,
  signed,
  type TreeEntryLike,
} from './compare';

const L = (...ids: string[]): { diffId: string }[] => ids.map((diffId) => ({ diffId }));

const e = (path: string, over: Partial<TreeEntryLike> = {}): TreeEntryLike => ({
  name: path.split('/').pop()!,
  path,
  key: path,
  type: 'file',
  size: 10,
  mode: 0o100644,
  uid: 0,
  gid: 0,
  linkname: '',
  changedInLayer: 0,
  childCount: 0,
  ...over,
});
const d = (
  path: string,
  size: number,
  childCount: number,
  over: Partial<TreeEntryLike> = {},
): TreeEntryLike => e(path, { type: 'dir', size, childCount, mode: 0o40755, ...over });

describe('compareLayers', () => {
  it('aligns a shared base and counts the layers only in each image', () => {
    const c = compareLayers(L('base'), L('base', 'x', 'y'));
    expect(c.common).toBe(1);
    expect(c.onlyA).toBe(0);
    expect(c.onlyB).toBe(2);
    expect(c.sharedPrefix).toBe(1);
    expect(c.rows).toEqual([
      { a: 0, b: 0, diffId: 'base' },
      { a: null, b: 1, diffId: 'x' },
      { a: null, b: 2, diffId: 'y' },
    ]);
  });

  it('matches a common layer above differing ones (same diffID, different position)', () => {
    const c = compareLayers(L('b', 'p', 'q', 'z'), L('b', 'r', 'z'));
    expect(c.common).toBe(2);
    expect(c.sharedPrefix).toBe(1);
    expect(c.onlyA).toBe(2);
    expect(c.onlyB).toBe(1);
    const z = c.rows.find((r) => r.diffId === 'z')!;
    expect([z.a, z.b]).toEqual([3, 2]);
    expect(c.rows).toHaveLength(5);
  });

  it('unrelated and empty chains', () => {
    expect(compareLayers(L('a'), L('b'))).toMatchObject({ common: 0, onlyA: 1, onlyB: 1, sharedPrefix: 0 });
    expect(compareLayers([], [])).toEqual({ rows: [], common: 0, onlyA: 0, onlyB: 0, sharedPrefix: 0 });
  });
});

describe('compareSizes', () => {
  it('content is dive’s size, stored the sum of the blobs', () => {
    const img = (size: number, blobs: number[], files: number) => ({
      sizeBytes: size,
      files,
      layers: blobs.map((blobBytes) => ({ blobBytes }) as never),
    });
    expect(compareSizes(img(100, [40, 30], 5), img(250, [40, 30, 90], 9))).toEqual({
      contentA: 100,
      contentB: 250,
      storedA: 70,
      storedB: 160,
      filesA: 5,
      filesB: 9,
    });
  });
});

describe('diffChildren', () => {
  it('finds added, removed, changed and same entries, sorted by name', () => {
    const a = [e('etc/a', { size: 1 }), e('etc/gone'), e('etc/same'), d('etc/sub', 100, 3)];
    const b = [e('etc/a', { size: 2 }), e('etc/new', { size: 7 }), e('etc/same'), d('etc/sub', 100, 3)];
    const rows = diffChildren(a, b);
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['a', 'changed'],
      ['gone', 'removed'],
      ['new', 'added'],
      ['same', 'same'],
      ['sub', 'same'],
    ]);
    expect(rows[0]!.reasons).toEqual(['size']);
    expect(rows.every((r) => !r.expandable)).toBe(true);
    expect(diffTotals(rows)).toEqual({ added: 1, removed: 1, changed: 1, addedBytes: 7, removedBytes: 10 });
  });

  it('a directory is worth listing only when its total size or child count differs', () => {
    const rows = diffChildren(
      [d('bin', 500, 10), d('usr', 900, 4), d('var', 10, 2)],
      [d('bin', 500, 11), d('usr', 901, 4), d('var', 10, 2, { mode: 0o40700 })],
    );
    expect(rows.map((r) => [r.name, r.status, r.expandable])).toEqual([
      ['bin', 'changed', true],
      ['usr', 'changed', true],
      ['var', 'changed', false],
    ]);
    expect(rows[2]!.reasons).toEqual(['mode']);
    // Expandable directories are counted by their own rows once listed, not here.
    expect(diffTotals(rows).changed).toBe(1);
  });

  it('one side missing: everything added or removed', () => {
    expect(diffChildren(null, [e('x'), d('y', 5, 1)]).map((r) => r.status)).toEqual(['added', 'added']);
    expect(diffChildren([e('x')], []).map((r) => r.status)).toEqual(['removed']);
  });

  it('type, owner and link changes; a file rewritten above the shared layers', () => {
    expect(
      entryDifferences(
        e('l', { type: 'symlink', linkname: 'a' }),
        e('l', { type: 'symlink', linkname: 'b' }),
      ),
    ).toEqual(['link']);
    expect(entryDifferences(e('f'), e('f', { uid: 1000 }))).toEqual(['owner']);
    expect(entryDifferences(e('f'), d('f', 10, 0))).toContain('type');
    const base = e('f', { changedInLayer: 0 });
    expect(entryDifferences(base, e('f', { changedInLayer: 0 }), { sharedPrefix: 1 })).toEqual([]);
    expect(entryDifferences(base, e('f', { changedInLayer: 2 }), { sharedPrefix: 1 })).toEqual(['rewritten']);
    // Without knowing the shared layers, same-looking files are the same.
    expect(entryDifferences(base, e('f', { changedInLayer: 2 }))).toEqual([]);
  });
});

describe('signed', () => {
  it('formats a signed difference', () => {
    const f = (n: number): string => `${n} B`;
    expect(signed(5, f)).toBe('+5 B');
    expect(signed(-5, f)).toBe('−5 B');
    expect(signed(0, f)).toBe('±0');
  });
});
