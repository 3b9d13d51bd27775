/**
 * dive's figures computed from the merge's plan of each layer (what the analyzer does) must equal
 * the ones computed from the raw entry paths (diveMetrics), whatever the paths look like:
 * whiteouts, opaque markers, aufs names, `..`, `.`, empty components, the root, duplicates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImageMerge } from '../image-merge';
import type { EntryType, TarEntry } from '../model';
import { dir, entry, file, hardlink, opaque, whiteout } from '../merge/test-entries';
import { diveMetrics, type DiveReport } from './dive';

function viaMerge(layers: readonly TarEntry[][]): DiveReport {
  const merge = new ImageMerge();
  for (const entries of layers)
    merge.add({
      blobPath: 'x',
      compression: 'none',
      blobBytes: 0,
      tarBytes: 0,
      entries,
      diffIdComputed: null,
    });
  return merge.dive.result();
}

describe('dive metrics from the merge plan', () => {
  it('match diveMetrics on hand-picked layers', () => {
    const layers = [
      [dir(''), dir('d'), file('d/x', 3), dir('d/e'), file('d/e/y', 4), file('f', 10), file('bin/a', 7)],
      [whiteout('', 'f'), whiteout('', 'd'), file('d', 2), file('g/h/i', 5), hardlink('bin/b', 'bin/a')],
      [
        opaque('g'),
        opaque(''),
        file('g/h/i', 1),
        file('../up', 9),
        file('a/.wh.x/y', 2),
        file('.wh..wh.plnk/z', 4),
      ],
      [file('./k//l/', 6), whiteout('g', ''), whiteout('', 'nope'), file('k/l', 1), file('k/l', 8)],
    ];
    expect(viaMerge(layers)).toEqual(diveMetrics(layers));
  });

  it('match diveMetrics on random layers', () => {
    const part = fc.constantFrom(
      'a',
      'b',
      'c',
      '.wh.a',
      '.wh.b',
      '.wh..wh..opq',
      '.wh..wh.plnk',
      '..',
      '.',
      '',
      '.wh.',
    );
    const type = fc.constantFrom<EntryType>('file', 'file', 'dir', 'dir', 'hardlink', 'symlink');
    const anEntry = fc
      .tuple(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        type,
        fc.nat(100),
        fc.array(part, { maxLength: 3 }),
      )
      .map(([parts, t, size, link]) =>
        entry(parts.join('/'), t, {
          size: t === 'file' ? size : 0,
          linkname: t === 'dir' ? '' : link.join('/'),
        }),
      );
    fc.assert(
      fc.property(
        fc.array(fc.array(anEntry, { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        (layers) => {
          expect(viaMerge(layers)).toEqual(diveMetrics(layers));
        },
      ),
      { numRuns: 300 },
    );
  });
});
