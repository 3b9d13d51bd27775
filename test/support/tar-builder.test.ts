/**
 * The builder is checked against GNU tar, an independent reader: if GNU lists what the builder
 * meant to write, the parser tests built on it test the parser, not the builder's mistakes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asGnuListing, gnuTarAvailable, gnuTarList } from '../../src-main/archive/tar/gnu-tar-list';
import { TarParser } from '../../src-main/archive/tar/tar-parser';
import type { TarEntry } from '../../src-main/archive/model';
import { paxBody, tar, type BuildEntry, type BuildOptions } from './tar-builder';

const dir = mkdtempSync(join(tmpdir(), 'tar-builder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function gnu(entries: BuildEntry[], opts: BuildOptions = {}) {
  const file = join(dir, `t${n++}.tar`);
  writeFileSync(file, tar(entries, opts));
  return gnuTarList(file);
}

function ours(buf: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  const p = new TarParser((e) => void out.push(e));
  p.write(buf);
  p.end();
  return out;
}

describe.skipIf(!gnuTarAvailable())('tar-builder, checked with GNU tar', () => {
  const cases: Record<string, [BuildEntry[], BuildOptions?]> = {
    'ustar basics and prefix names': [
      [
        { name: 'dir/', type: 'dir', mode: 0o750, uid: 1000, gid: 1000, mtime: 1_600_000_000 },
        { name: 'dir/file', body: 'hello', mode: 0o640 },
        { name: `${'p'.repeat(120)}/${'n'.repeat(80)}`, body: 'prefixed' },
        { name: 'hl', type: 'hardlink', linkname: 'dir/file' },
        { name: 'sl', type: 'symlink', linkname: '/abs/target' },
        { name: 'null', type: 'chardev', devmajor: 1, devminor: 3 },
        { name: 'disk', type: 'blockdev', devmajor: 259, devminor: 7 },
        { name: 'pipe', type: 'fifo' },
        { name: 'contig', type: 'contiguous', body: 'c' },
      ],
    ],
    'GNU long names and links': [
      [
        { name: 'long/'.repeat(50) + 'name', body: 'x' },
        { name: 'sym', type: 'symlink', linkname: 'far/'.repeat(40) + 'away' },
        { name: 'hl-' + 'h'.repeat(200), type: 'hardlink', linkname: 'long/'.repeat(50) + 'name' },
      ],
      { format: 'gnu' },
    ],
    'PAX path, linkpath, size, times, owners, binary xattrs': [
      [
        {
          name: 'x1',
          pax: { path: 'pax/'.repeat(70) + 'file', uid: '3000000000', mtime: '1700000000.75' },
          body: 'p',
        },
        { name: 'x2', type: 'symlink', pax: { linkpath: 'to/'.repeat(50) + 'target' } },
        { name: 'x3', pax: { size: '12' }, body: 'twelve bytes', headerSize: 0 },
        {
          name: 'x4',
          pax: { 'SCHILY.xattr.security.capability': new Uint8Array([1, 0, 0, 2, 0xff, 0, 0x0a]) },
          body: 'c',
        },
      ],
    ],
    'base-256 numbers': [
      [
        { name: 'big-uid', uid: 3_000_000_000, gid: 5, base256: ['uid', 'size'], size: 3 },
        { name: 'old', mtime: -1_000_000, base256: ['mtime'] },
      ],
      { format: 'gnu' },
    ],
    'non-UTF-8 names and signed checksums': [
      [
        {
          name: new Uint8Array([0x66, 0xe9, 0xff, 0x80, 0x2e, 0x62, 0x69, 0x6e]),
          body: 'latin1',
          checksum: 'signed',
        },
        { name: 'utf8-\u00e9\u4e2d', body: 'utf8' },
      ],
    ],
    'GNU sparse with extension blocks, and PAX 1.0 sparse': [
      [
        {
          name: 'gnu-sparse',
          size: 400,
          sparse: {
            realSize: 5_000_000,
            map: Array.from({ length: 40 }, (_, i) => [i * 100_000, 10] as [number, number]),
            style: 'gnu',
          },
        },
        {
          name: 'pax-sparse',
          size: 20,
          sparse: {
            realSize: 3_000_000,
            map: [
              [0, 10],
              [2_999_990, 10],
            ],
            style: 'pax-1.0',
          },
        },
      ],
      // GNU tar seeks over sparse data and insists on archives padded to its 10 KiB records.
      { format: 'gnu', recordSize: 10240 },
    ],
    'one zero block at the end': [[{ name: 'only', body: '1' }], { end: 'one' }],
    'v7 with an old-style directory': [
      [
        { name: 'd/', typeflag: '\0' },
        { name: 'd/f', typeflag: '\0', body: 'v7' },
      ],
      { format: 'v7' },
    ],
    'global PAX header': [
      [{ name: 'g', body: 'g' }],
      { globalPax: { uid: '1234', comment: 'made by git archive' } },
    ],
  };

  it.each(Object.entries(cases))('%s: GNU lists what our parser reads', (_name, [entries, opts]) => {
    const buf = tar(entries, opts);
    const listing = gnu(entries, opts);
    expect(listing.map(({ mode: _mode, ...rest }) => rest)).toEqual(ours(buf).map(asGnuListing));
    expect(listing).toHaveLength(entries.length);
  });

  it('writes the fields it is given, as GNU sees them', () => {
    const [d, f, , hl, sl, chr, blk, fifo, contig] = gnu(cases['ustar basics and prefix names']![0]);
    expect(d).toMatchObject({
      typeChar: 'd',
      mode: 'rwxr-x---',
      uid: 1000,
      gid: 1000,
      time: '2020-09-13 12:26:40',
      path: 'dir',
    });
    expect(f).toMatchObject({ typeChar: '-', mode: 'rw-r-----', size: 5, path: 'dir/file' });
    expect(hl).toMatchObject({ typeChar: 'h', link: 'dir/file' });
    expect(sl).toMatchObject({ typeChar: 'l', link: '/abs/target' });
    expect(chr).toMatchObject({ typeChar: 'c', devmajor: 1, devminor: 3 });
    expect(blk).toMatchObject({ typeChar: 'b', devmajor: 259, devminor: 7 });
    expect(fifo?.typeChar).toBe('p');
    expect(contig?.size).toBe(1);
    const [x1, , x3] = gnu(cases['PAX path, linkpath, size, times, owners, binary xattrs']![0]);
    expect(x1).toMatchObject({
      uid: 3_000_000_000,
      time: '2023-11-14 22:13:20',
      path: 'pax/'.repeat(70) + 'file',
    });
    expect(x3?.size).toBe(12);
    const [big, old] = gnu(cases['base-256 numbers']![0], { format: 'gnu' });
    expect(big?.uid).toBe(3_000_000_000);
    expect(old?.time).toBe('1969-12-20 10:13:20');
    const [sparse] = gnu(cases['GNU sparse with extension blocks, and PAX 1.0 sparse']![0], {
      format: 'gnu',
    });
    expect(sparse?.size).toBe(5_000_000);
  });

  it('writes archives GNU rejects when asked to', () => {
    expect(() =>
      gnu([
        { name: 'a', body: 'x' },
        { name: 'bad', checksum: 'bad' },
      ]),
    ).toThrow(/Skipping to next header|failed/);
    expect(() => gnu([{ name: 'a', size: 2000 }], { truncate: 1500 })).toThrow(/Unexpected EOF/);
  });

  it('pads to a record size and can cut its output', () => {
    expect(tar([{ name: 'a' }], { recordSize: 10240 })).toHaveLength(10240);
    expect(tar([{ name: 'a', body: 'x' }], { truncate: 700 })).toHaveLength(700);
    expect(tar([{ name: 'a' }], { end: 'none' })).toHaveLength(512);
  });
});

describe('tar-builder internals', () => {
  it('computes PAX record lengths across digit boundaries', () => {
    for (let len = 1; len < 1100; len += 7) {
      const body = Buffer.from(paxBody({ k: 'v'.repeat(len) }));
      const declared = Number(body.toString('latin1').split(' ')[0]);
      expect(declared).toBe(body.length);
    }
  });

  it('refuses names that no header field can hold', () => {
    expect(() => tar([{ name: 'x'.repeat(101) }])).toThrow(/needs prefix, PAX or GNU long names/);
    expect(() => tar([{ name: 'x'.repeat(101) }], { format: 'v7' })).toThrow();
  });
});
