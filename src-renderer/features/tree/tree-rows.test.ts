import { describe, expect, it } from 'vitest';
import type { TreeEntryDto } from '../../../src-shared/archive-analysis';
import {
  childrenKey,
  compileNameFilter,
  flattenTree,
  globToRegExp,
  sortEntries,
  sortedEntries,
  visibleRange,
  type ChildrenState,
} from './tree-rows';

const e = (path: string, over: Partial<TreeEntryDto> = {}): TreeEntryDto => ({
  name: path.split('/').pop()!,
  path,
  key: path,
  type: 'file',
  size: 1,
  mode: 0o644,
  uid: 0,
  gid: 0,
  linkname: '',
  changedInLayer: 0,
  change: 'unchanged',
  childCount: 0,
  ...over,
});
const dir = (path: string, over: Partial<TreeEntryDto> = {}): TreeEntryDto =>
  e(path, { type: 'dir', ...over });

function cache(layer: number, listings: Record<string, TreeEntryDto[]>): Map<string, ChildrenState> {
  return new Map(
    Object.entries(listings).map(([k, entries]) => [
      childrenKey(layer, 'merged', k),
      { status: 'ready', entries },
    ]),
  );
}
const base = { layer: 3, view: 'merged' as const, sort: 'name' as const, filter: '', changesOnly: false };

describe('flattenTree', () => {
  const children = cache(3, {
    '': [e('zz', { size: 9 }), dir('data', { size: 5, change: 'modified' }), dir('bin', { size: 100 })],
    data: [e('data/a.txt', { size: 7, change: 'added' }), e('data/b.txt', { size: 25 }), dir('data/nested')],
  });

  it('walks only expanded directories, depth first', () => {
    const { rows, missing } = flattenTree({ ...base, children, expanded: new Set(['data']) });
    expect(rows.map((r) => `${r.depth}:${r.entry.path}`)).toEqual([
      '0:bin',
      '0:data',
      '1:data/nested',
      '1:data/a.txt',
      '1:data/b.txt',
      '0:zz',
    ]);
    expect(missing).toEqual([]);
    expect(rows[1]!.expanded).toBe(true);
  });

  it('reports expanded directories without a listing and marks them loading', () => {
    const { rows, missing } = flattenTree({ ...base, children, expanded: new Set(['data', 'data/nested']) });
    expect(missing).toEqual(['data/nested']);
    expect(rows.find((r) => r.entry.path === 'data/nested')!.pending).toBe('loading');
    expect(flattenTree({ ...base, layer: 2, children, expanded: new Set() }).missing).toEqual(['']);
  });

  it('sorts by size, biggest first', () => {
    const { rows } = flattenTree({ ...base, sort: 'size', children, expanded: new Set() });
    expect(rows.map((r) => r.entry.path)).toEqual(['bin', 'zz', 'data']);
  });

  it('filters by name, keeping directories that hold a match or are not loaded', () => {
    const { rows } = flattenTree({ ...base, filter: 'a.t', children, expanded: new Set(['data']) });
    expect(rows.map((r) => r.entry.path)).toEqual(['bin', 'data', 'data/nested', 'data/a.txt']);
  });

  it('filters with a glob, on the path when it has a slash', () => {
    expect(
      flattenTree({ ...base, filter: '*.txt', children, expanded: new Set(['data']) }).rows.map(
        (r) => r.entry.path,
      ),
    ).toEqual(['bin', 'data', 'data/nested', 'data/a.txt', 'data/b.txt']);
    expect(
      flattenTree({ ...base, filter: '/data/b*', children, expanded: new Set(['data']) }).rows.map(
        (r) => r.entry.path,
      ),
    ).toEqual(['bin', 'data', 'data/nested', 'data/b.txt']);
  });

  it('shows changes only', () => {
    const { rows } = flattenTree({ ...base, changesOnly: true, children, expanded: new Set(['data']) });
    expect(rows.map((r) => r.entry.path)).toEqual(['data', 'data/a.txt']);
  });

  it('flattens 200,000 rows quickly', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => e(`big/f${i}`, { size: i }));
    const big = cache(0, { '': [dir('big')], big: many });
    const t = performance.now();
    const { rows } = flattenTree({
      ...base,
      layer: 0,
      sort: 'size',
      children: big,
      expanded: new Set(['big']),
    });
    expect(rows).toHaveLength(200_001);
    expect(rows[1]!.entry.size).toBe(199_999);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('name filters', () => {
  it('is a case-insensitive substring without glob characters', () => {
    const f = compileNameFilter('READ')!;
    expect(f(e('x/readme.md'))).toBe(true);
    expect(f(e('read/x'))).toBe(false);
    expect(compileNameFilter('  ')).toBeNull();
  });
  it('translates globs', () => {
    expect(globToRegExp('*.txt').test('a.txt')).toBe(true);
    expect(globToRegExp('*.txt').test('a/b.txt')).toBe(false);
    expect(globToRegExp('/usr/**/*.so').test('/usr/lib/x/libc.so')).toBe(true);
    expect(globToRegExp('file?.[ch]').test('file1.c')).toBe(true);
    expect(globToRegExp('file?.[!ch]').test('file1.c')).toBe(false);
    expect(globToRegExp('a+b(1).txt').test('a+b(1).txt')).toBe(true);
  });
});

describe('sortEntries and visibleRange', () => {
  it('does not mutate and puts directories first by name', () => {
    const input = [e('b'), dir('c'), e('a')];
    expect(sortEntries(input, 'name').map((x) => x.name)).toEqual(['c', 'a', 'b']);
    expect(input.map((x) => x.name)).toEqual(['b', 'c', 'a']);
  });
  it('sorts a listing once per order and answers the same array after', () => {
    const listing = [e('small', { size: 1 }), e('big', { size: 9 }), dir('dir', { size: 5 })];
    const bySize = sortedEntries(listing, 'size');
    expect(bySize.map((x) => x.name)).toEqual(['big', 'dir', 'small']);
    expect(sortedEntries(listing, 'size')).toBe(bySize);
    expect(sortedEntries(listing, 'name').map((x) => x.name)).toEqual(['dir', 'big', 'small']);
    // Another listing (a reload) with the same entries is sorted afresh.
    expect(sortedEntries([...listing], 'size')).not.toBe(bySize);
    expect(listing.map((x) => x.name)).toEqual(['small', 'big', 'dir']);
  });
  it('computes the rows on screen with overscan', () => {
    expect(visibleRange(0, 240, 24, 1000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(2400, 240, 24, 1000, 5)).toEqual({ start: 95, end: 115 });
    expect(visibleRange(24_000, 240, 24, 1000, 5)).toEqual({ start: 995, end: 1000 });
  });
});
