import { describe, expect, it } from 'vitest';
import { tar, type BuildEntry } from '../../../test/support/tar-builder';
import { ArchiveError, rawPath, type TarEntry } from '../model';
import { TarParser, type DataChoice, type EntryMeta, type TarParserOptions } from './tar-parser';

interface Parsed {
  entries: TarEntry[];
  metas: EntryMeta[];
  data: Map<string, Buffer>;
  summary: ReturnType<TarParser['end']>;
}

/** Parses `buf` in chunks of `chunk` bytes (or at the given split points), collecting every entry's data. */
function parse(
  buf: Uint8Array,
  chunk: number | number[] = buf.length || 1,
  choice: DataChoice | 'stream' = 'collect',
  opts: TarParserOptions = {},
): Parsed {
  const entries: TarEntry[] = [];
  const metas: EntryMeta[] = [];
  const data = new Map<string, Buffer>();
  const parser = new TarParser(
    (e, m) => {
      entries.push(e);
      metas.push(m);
      if (choice !== 'stream') return choice;
      const parts: Buffer[] = [];
      return (c) => (c ? parts.push(Buffer.from(c)) : data.set(e.path, Buffer.concat(parts)));
    },
    { ...opts, onCollected: (e, d) => data.set(e.path, Buffer.from(d)) },
  );
  const cuts = typeof chunk === 'number' ? [] : [...chunk, buf.length];
  for (let pos = 0, i = 0; pos < buf.length; i++) {
    const next = typeof chunk === 'number' ? pos + chunk : cuts[i]!;
    parser.write(buf.subarray(pos, next));
    pos = next;
  }
  return { entries, metas, data, summary: parser.end() };
}

const failure = (fn: () => unknown): ArchiveError => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ArchiveError);
    return err as ArchiveError;
  }
  throw new Error('expected an ArchiveError');
};

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

describe('TarParser: end of archive and damage', () => {
  const two = [
    { name: 'a', body: 'A' },
    { name: 'b', size: 1000 },
  ];

  it('accepts two zero blocks, one, or EOF at a header boundary', () => {
    expect(parse(tar(two, { recordSize: 10240 })).summary).toMatchObject({
      end: 'two-zero-blocks',
      tarBytes: 10240,
      endOffset: 3584,
    });
    expect(parse(tar(two, { end: 'one' })).summary).toMatchObject({ end: 'one-zero-block', entries: 2 });
    expect(parse(tar(two, { end: 'none' })).summary).toMatchObject({
      end: 'eof',
      entries: 2,
      endOffset: 2560,
    });
    expect(parse(tar([], {})).summary).toMatchObject({ entries: 0, end: 'two-zero-blocks' });
    expect(parse(new Uint8Array(0)).summary).toMatchObject({ entries: 0, end: 'eof' });
  });

  it('ignores whatever follows the end marker', () => {
    const buf = Buffer.concat([tar(two), Buffer.from('trailing garbage that is not a header')]);
    expect(parse(buf).summary).toMatchObject({ entries: 2, end: 'two-zero-blocks', tarBytes: buf.length });
  });

  it('reports truncation inside data with the entry name', () => {
    const full = tar(two, { end: 'none' });
    const err = failure(() => parse(full.subarray(0, 1536 + 500), 100));
    expect(err.code).toBe('CORRUPT');
    expect(err.reason).toMatch(/truncated tar: the archive ends inside the data of 'b'/);
    expect(failure(() => parse(full.subarray(0, 1536 + 1000), 100)).reason).toMatch(/inside the data of 'b'/);
  });

  it('reports truncation inside a header, a PAX body, or after a metadata header', () => {
    expect(failure(() => parse(tar(two, { truncate: 1024 + 100 }))).reason).toMatch(/ends inside a header/);
    const pax = tar([{ name: 'p', pax: { path: 'long'.repeat(100) } }], { end: 'none' });
    expect(failure(() => parse(pax.subarray(0, 700))).reason).toMatch(/inside a pax header body/);
    expect(failure(() => parse(pax.subarray(0, 1024))).reason).toMatch(
      /ends after a PAX or GNU long-name header/,
    );
    const label = failure(() => parse(pax.subarray(0, 700), 700, 'skip', { label: 'blobs/sha256/abc' }));
    expect(label.file).toBe('blobs/sha256/abc');
    expect(label.message).toMatch(/^blobs\/sha256\/abc: truncated tar/);
  });

  it('rejects a bad checksum with its offset, and stays failed', () => {
    const buf = tar([
      { name: 'ok', body: 'x' },
      { name: 'bad', checksum: 'bad' },
    ]);
    const parser = new TarParser(() => undefined, { label: 'layer.tar' });
    const err = failure(() => parser.write(buf));
    expect(err.message).toBe('layer.tar: bad header checksum (at offset 1024)');
    expect(() => parser.write(new Uint8Array(512))).toThrow(err);
    expect(() => parser.end()).toThrow(err);
  });

  it('rejects a header after a single zero block, and end markers inside metadata', () => {
    const lone = Buffer.concat([tar([{ name: 'a' }], { end: 'one' }), tar([{ name: 'b' }])]);
    expect(failure(() => parse(lone)).reason).toMatch(/a header follows a single zero block/);
    const meta = tar([{ name: 'x', longName: true }]).subarray(0, 1024);
    expect(failure(() => parse(Buffer.concat([meta, Buffer.alloc(1024)]))).reason).toMatch(
      /end-of-archive marker right after/,
    );
  });
});

describe('TarParser: limits', () => {
  it('caps the entry count', () => {
    const buf = tar(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}` })));
    expect(parse(buf, 512, 'skip', { maxEntries: 5 }).summary.entries).toBe(5);
    const err = failure(() => parse(buf, 512, 'skip', { maxEntries: 4 }));
    expect(err.code).toBe('TOO_LARGE');
  });

  it('caps pseudo-entry bodies at 1 MiB', () => {
    const ok = tar([{ name: 'p', pax: { comment: 'x'.repeat(1024 * 1024 - 100) } }]);
    expect(parse(ok, 65536, 'skip').entries).toHaveLength(1);
    const big = tar([{ name: 'p', pax: { comment: 'x'.repeat(1024 * 1024) } }]);
    const err = failure(() => parse(big, 65536, 'skip'));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.reason).toMatch(/pax header body of \d+ bytes exceeds the 1 MiB limit/);
  });

  it('rejects sizes beyond 2^53 and collecting beyond the collect limit', () => {
    const huge = tar([{ name: 'h', size: 0 }]);
    huge.fill(0xff, 124, 136);
    huge[124] = 0x80;
    // Fix the checksum so only the size is wrong.
    huge.fill(0x20, 148, 156);
    const sum = huge.subarray(0, 512).reduce((a, b) => a + b, 0);
    huge.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    expect(failure(() => parse(huge, 512, 'skip')).code).toBe('TOO_LARGE');
    const err = failure(() =>
      parse(tar([{ name: 'big', size: 2000 }]), 512, 'collect', { maxCollectBytes: 1000 }),
    );
    expect(err.reason).toMatch(/'big' \(2000 bytes\) is larger than the 1000-byte collect limit/);
  });
});
