import { describe, expect, it } from 'vitest';
import { tar, type BuildEntry } from '../../../test/support/tar-builder';
import { rawPath } from '../model';
import { parse } from './parse-buffer';
import { TarParser } from './tar-parser';

const everything: BuildEntry[] = [
  { name: './', type: 'dir', mode: 0o755 },
  { name: './etc/', type: 'dir' },
  {
    name: './etc/passwd',
    body: 'root:x:0:0::/root:/bin/sh\n',
    mode: 0o644,
    uid: 0,
    gid: 0,
    mtime: 1_650_000_000,
  },
  { name: 'usr/bin/tool', size: 5000, mode: 0o4755, uid: 1000, gid: 1000 },
  { name: 'usr/bin/link', type: 'hardlink', linkname: './usr/bin/tool' },
  { name: 'usr/bin/sym', type: 'symlink', linkname: '../../etc/passwd' },
  { name: 'dev/null', type: 'chardev', devmajor: 1, devminor: 3 },
  { name: 'dev/sda', type: 'blockdev', devmajor: 8, devminor: 0 },
  { name: 'run/pipe', type: 'fifo' },
  { name: 'contig', type: 'contiguous', body: 'c' },
  { name: 'empty', body: '' },
  { name: `${'d'.repeat(90)}/${'e'.repeat(90)}/file`, body: 'prefixed' },
  { name: new Uint8Array([0x6c, 0x61, 0x74, 0xe9, 0xff, 0x80]), body: 'latin' },
  { name: 'long/'.repeat(40) + 'gnu', body: 'L', longName: true },
  { name: 'longlink', type: 'symlink', linkname: 'target/'.repeat(30), longLink: true },
  {
    name: 'x',
    pax: { path: 'pax/'.repeat(60) + 'name', mtime: '1700000000.5', uid: '3000000000' },
    body: 'pax',
  },
  {
    name: 'caps',
    pax: { 'SCHILY.xattr.security.capability': new Uint8Array([1, 0, 0, 2, 0, 0x20, 0, 0, 0xff]) },
    body: 'c',
  },
  { name: 'b256', size: 700, base256: ['size', 'uid', 'mtime'], uid: 42, mtime: -3600 },
];

describe('TarParser: entries', () => {
  const buf = tar(everything);
  const { entries, metas, data, summary } = parse(buf);
  const byPath = new Map(entries.map((e) => [e.path, e]));

  it('emits one entry per real header, after PAX and GNU pseudo-entries are applied', () => {
    expect(entries.map((e) => e.path)).toEqual([
      '',
      'etc',
      'etc/passwd',
      'usr/bin/tool',
      'usr/bin/link',
      'usr/bin/sym',
      'dev/null',
      'dev/sda',
      'run/pipe',
      'contig',
      'empty',
      `${'d'.repeat(90)}/${'e'.repeat(90)}/file`,
      'lat\xe9\xff\x80',
      'long/'.repeat(40) + 'gnu',
      'longlink',
      'pax/'.repeat(60) + 'name',
      'caps',
      'b256',
    ]);
    expect(summary).toEqual({
      entries: 18,
      skipped: 0,
      tarBytes: buf.length,
      endOffset: buf.length,
      end: 'two-zero-blocks',
    });
  });

  it('decodes types, sizes, owners, modes, links and devices', () => {
    expect(byPath.get('etc/passwd')).toMatchObject({
      type: 'file',
      size: 26,
      mode: 0o644,
      uid: 0,
      mtime: 1_650_000_000,
    });
    expect(byPath.get('usr/bin/tool')).toMatchObject({
      type: 'file',
      size: 5000,
      mode: 0o4755,
      uid: 1000,
      gid: 1000,
    });
    expect(byPath.get('usr/bin/link')).toMatchObject({ type: 'hardlink', size: 0, linkname: 'usr/bin/tool' });
    expect(byPath.get('usr/bin/sym')).toMatchObject({
      type: 'symlink',
      size: 0,
      linkname: '../../etc/passwd',
    });
    expect(byPath.get('dev/null')).toMatchObject({ type: 'chardev', devmajor: 1, devminor: 3, size: 0 });
    expect(byPath.get('dev/sda')).toMatchObject({ type: 'blockdev', devmajor: 8, devminor: 0 });
    expect(byPath.get('run/pipe')).toMatchObject({ type: 'fifo', devmajor: 0, linkname: '' });
    expect(byPath.get('contig')).toMatchObject({ type: 'file', size: 1 });
    expect(byPath.get('longlink')?.linkname).toBe('target/'.repeat(30));
    expect(byPath.get('pax/'.repeat(60) + 'name')).toMatchObject({
      mtime: 1_700_000_000.5,
      uid: 3_000_000_000,
      size: 3,
    });
    expect(byPath.get('b256')).toMatchObject({ size: 700, uid: 42, mtime: -3600 });
    expect(byPath.get('etc/passwd')?.xattrs).toBeUndefined();
    expect(byPath.get('caps')?.xattrs).toEqual({
      'security.capability': new Uint8Array([1, 0, 0, 2, 0, 0x20, 0, 0, 0xff]),
    });
  });

  it('points dataOffset at the data, and collects exact bytes', () => {
    for (const e of entries) {
      if (e.type !== 'file') continue;
      expect(buf.subarray(e.dataOffset, e.dataOffset + e.size).equals(data.get(e.path)!), e.path).toBe(true);
      expect(e.dataOffset % 512).toBe(0);
    }
    expect(data.get('etc/passwd')!.toString()).toBe('root:x:0:0::/root:/bin/sh\n');
    expect(data.get(rawPath('lat') + '\xe9\xff\x80')!.toString()).toBe('latin');
    expect(data.get('usr/bin/tool')!.length).toBe(5000);
  });

  it('reports where headers start, stored sizes and hostile links', () => {
    const i = entries.findIndex((e) => e.path.startsWith('pax/'));
    expect(metas[i]!.headerOffset).toBeLessThan(entries[i]!.dataOffset - 512);
    expect(buf[metas[i]!.headerOffset + 156]).toBe(0x78); // 'x': the PAX header comes first
    expect(metas[entries.findIndex((e) => e.path === 'usr/bin/link')]).toMatchObject({
      storedSize: 0,
      hostileLink: false,
    });
    expect(metas.every((m) => !m.hostilePath)).toBe(true);
  });

  it('gives identical results whatever the chunking', () => {
    const reference = JSON.stringify(parse(buf, buf.length, 'stream'));
    for (const chunk of [1, 7, 511, 512, 513, 4096]) {
      expect(JSON.stringify(parse(buf, chunk, 'stream')), `chunk ${chunk}`).toBe(reference);
    }
    const cuts = Array.from({ length: 40 }, (_, i) => Math.floor(((i + 1) * buf.length) / 41) + (i % 3));
    expect(JSON.stringify(parse(buf, cuts, 'stream'))).toBe(reference);
    expect(JSON.stringify(parse(buf, 3, 'collect').entries)).toBe(JSON.stringify(entries));
  });

  it('skips data by default without calling back', () => {
    const parser = new TarParser(() => undefined);
    parser.write(buf);
    expect(parser.end().entries).toBe(18);
  });
});

describe('TarParser: formats and edge cases', () => {
  it('applies GNU.sparse data: GNU S headers with extension blocks and PAX 1.0', () => {
    const map: Array<[number, number]> = Array.from({ length: 30 }, (_, i) => [i * 100_000, 10]);
    const buf = tar(
      [
        { name: 'gnu-sparse', size: 300, sparse: { realSize: 4_000_000, map, style: 'gnu' } },
        { name: 'after', body: 'ok' },
        {
          name: 'pax-sparse',
          size: 20,
          sparse: {
            realSize: 9_000_000,
            map: [
              [0, 10],
              [8_999_990, 10],
            ],
            style: 'pax-1.0',
          },
        },
      ],
      { format: 'gnu' },
    );
    const { entries, metas, data } = parse(buf, 100);
    expect(entries.map((e) => [e.path, e.type, e.size])).toEqual([
      ['gnu-sparse', 'file', 4_000_000],
      ['after', 'file', 2],
      ['pax-sparse', 'file', 9_000_000],
    ]);
    expect(metas.map((m) => [m.sparse, m.storedSize])).toEqual([
      [true, 300],
      [false, 2],
      [true, 512 + 20],
    ]);
    // 1 header + 2 extension blocks (26 more segments, 21 per block) precede the data.
    expect(entries[0]!.dataOffset).toBe(3 * 512);
    expect(data.get('after')!.toString()).toBe('ok');
    expect(data.get('pax-sparse')!.subarray(0, 14).toString()).toBe('2\n0\n10\n8999990');
  });

  it('uses the PAX size to find the next header and ignores path/size in global headers', () => {
    const buf = tar(
      [
        { name: 'a', pax: { size: '10' }, body: '0123456789', headerSize: 0 },
        { name: 'b', body: 'B' },
      ],
      { globalPax: { uid: '77', path: 'global-should-not-rename', comment: 'git archive' } },
    );
    const { entries, data } = parse(buf);
    expect(entries.map((e) => [e.path, e.size, e.uid])).toEqual([
      ['a', 10, 77],
      ['b', 1, 77],
    ]);
    expect(data.get('a')!.toString()).toBe('0123456789');
  });

  it('lets PAX path win over a GNU long name, and an empty PAX value fall back to the header', () => {
    const buf = tar([
      { name: 'gnu-name', longName: true, pax: { path: 'pax-name' } },
      { name: 'header-name', pax: { path: '' } },
    ]);
    expect(parse(buf).entries.map((e) => e.path)).toEqual(['pax-name', 'header-name']);
  });

  it('treats an old-style regular file with a trailing slash as a directory (v7)', () => {
    const { entries } = parse(
      tar(
        [
          { name: 'olddir/', typeflag: '\0' },
          { name: 'f', typeflag: '\0', body: 'x' },
        ],
        { format: 'v7' },
      ),
    );
    expect(entries.map((e) => [e.path, e.type, e.size])).toEqual([
      ['olddir', 'dir', 0],
      ['f', 'file', 1],
    ]);
  });

  it('skips unknown types with their data, and keeps data of symlinks/fifos in sync like GNU tar', () => {
    const buf = tar([
      { name: 'label', typeflag: 'V', body: 'volume label data' },
      { name: 'sym', type: 'symlink', linkname: 't', body: 'x'.repeat(600) },
      { name: 'dir', type: 'dir', headerSize: 1024 },
      { name: 'last', body: 'z' },
    ]);
    const { entries, summary } = parse(buf, 64);
    expect(entries.map((e) => e.path)).toEqual(['sym', 'dir', 'last']);
    expect(summary.skipped).toBe(1);
  });

  it('flags paths with .. components but keeps them', () => {
    const { entries, metas } = parse(
      tar([
        { name: '../../evil', body: 'x' },
        { name: 'h', type: 'hardlink', linkname: 'a/../../b' },
      ]),
    );
    expect(entries.map((e) => [e.path, e.linkname])).toEqual([
      ['../../evil', ''],
      ['h', 'a/../../b'],
    ]);
    expect(metas.map((m) => [m.hostilePath, m.hostileLink])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});
