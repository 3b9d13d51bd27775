import { describe, expect, it } from 'vitest';
import { PathIndex } from './path-index';
import { lookupPath, nameKind, PathResolver, splitPath } from './paths';

describe('PathIndex', () => {
  it('interns each (parent, name) once and finds it again after many rehashes', () => {
    const index = new PathIndex();
    const ids: number[] = [];
    for (let d = 0; d < 50; d++) {
      const dirId = index.intern(0, `d${d}`);
      for (let f = 0; f < 400; f++) ids.push(index.intern(dirId, `f${f}`));
    }
    expect(index.size).toBe(1 + 50 + 50 * 400);
    expect(new Set(ids).size).toBe(ids.length);
    expect(index.lookupParts(['d49', 'f399'])).toBe(ids[ids.length - 1]);
    expect(index.intern(index.lookup(0, 'd7'), 'f3')).toBe(ids[7 * 400 + 3]);
    expect(index.lookupParts(['d49', 'f400'])).toBe(-1);
    expect(index.lookupParts(['nope'])).toBe(-1);
  });

  it('keeps parents before children and builds paths back', () => {
    const index = new PathIndex();
    const id = index.internParts(['usr', 'lib', 'x86_64-linux-gnu', 'libc.so.6']);
    for (let cur = id; cur > 0; cur = index.parent(cur)) expect(index.parent(cur)).toBeLessThan(cur);
    expect(index.pathOf(id)).toBe('usr/lib/x86_64-linux-gnu/libc.so.6');
    expect(index.pathOf(0)).toBe('');
  });

  it('stores raw bytes exactly, short and long names alike', () => {
    const index = new PathIndex();
    const short = '\xff\x00\x80é';
    const long = 'x'.repeat(300) + '\xfe';
    const a = index.intern(0, short);
    const b = index.intern(a, long);
    expect(index.name(a)).toBe(short);
    expect(index.name(b)).toBe(long);
    expect(index.lookup(a, long)).toBe(b);
  });

  it('lists children through first-child / next-sibling links', () => {
    const index = new PathIndex();
    const d = index.intern(0, 'd');
    for (const n of ['x', 'y', 'z']) index.intern(d, n);
    const names: string[] = [];
    for (let c = index.firstChild(d); c >= 0; c = index.nextSibling(c)) names.push(index.name(c));
    expect(names.sort()).toEqual(['x', 'y', 'z']);
  });

  it('stays usable after compact()', () => {
    const index = new PathIndex();
    index.internParts(['a', 'b']);
    index.compact();
    expect(index.lookupParts(['a', 'b'])).toBe(2);
    expect(index.internParts(['a', 'c'])).toBe(3);
  });
});

describe('paths', () => {
  it('splits tolerantly but refuses ..', () => {
    expect(splitPath('./a//b/./c/')).toEqual(['a', 'b', 'c']);
    expect(splitPath('/')).toEqual([]);
    expect(splitPath('a/../b')).toBe('dot-dot');
  });

  it('classifies whiteout names', () => {
    expect(['x', '.wh.x', '.wh..wh..opq', '.wh..wh.plnk', '.whx'].map(nameKind)).toEqual([
      'plain',
      'whiteout',
      'opaque',
      'whiteout-meta',
      'plain',
    ]);
  });

  it('resolves entry locations with the directory cache and without it alike', () => {
    const index = new PathIndex();
    const r = new PathResolver(index);
    const first = r.locate('a/b/f1');
    const cached = r.locate('a/b/f2');
    const odd = r.locate('a/b/f3/');
    expect(first).toEqual({ parentId: index.lookupParts(['a', 'b']), name: 'f1' });
    expect(cached).toEqual({ parentId: index.lookupParts(['a', 'b']), name: 'f2' });
    expect(odd).toEqual({ parentId: index.lookupParts(['a', 'b']), name: 'f3' });
    expect(r.locate('./')).toEqual({ parentId: -1, name: '' });
    expect(r.locate('a/b/..')).toBe('dot-dot');
    expect(r.locate('a/.wh.b/c')).toBe('whiteout-in-directory');
  });

  it('re-encodes decoded strings (chars above 0xFF) to their UTF-8 bytes', () => {
    const index = new PathIndex();
    index.internParts(['\xcf\x80']);
    expect(lookupPath(index, 'π')).toBe(1);
    // Chars up to 0xFF are indistinguishable from raw bytes and are taken as raw.
    expect(lookupPath(index, 'é')).toBe(-1);
  });
});
