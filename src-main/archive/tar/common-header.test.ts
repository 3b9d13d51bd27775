import { describe, expect, it } from 'vitest';
import { header, type BuildEntry, type BuildFormat } from '../../../test/support/tar-builder';
import { decodePlainEntry, type DecodedEntry } from './common-header';
import { buildEntry } from './entry';
import { decodeHeader } from './header';
import { parse } from './parse-buffer';
import { tar } from '../../../test/support/tar-builder';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const buf = (h: Uint8Array): Buffer => Buffer.from(h.buffer, h.byteOffset, h.byteLength);

/** What the long way (decodeHeader + buildEntry, no pending metadata) makes of a header, or its error. */
function slow(h: Buffer): DecodedEntry | Error {
  try {
    const ctx = {
      pax: null,
      globalPax: null,
      longName: null,
      longLink: null,
      headerOffset: 1024,
      dataOffset: 1536,
    };
    return buildEntry(decodeHeader(h, 0), ctx);
  } catch (err) {
    return err as Error;
  }
}

/** The fast path either declines or gives exactly what the long way gives, down to the key order. */
function expectAgreement(h: Buffer): DecodedEntry | null {
  const fast = decodePlainEntry(h, 0, 1024, 1536);
  if (fast) {
    const expected = slow(h);
    expect(expected).not.toBeInstanceOf(Error);
    expect(fast).toStrictEqual(expected);
    const { entry, meta } = expected as DecodedEntry;
    expect(Object.keys(fast.entry)).toEqual(Object.keys(entry));
    expect(Object.keys(fast.meta)).toEqual(Object.keys(meta));
  }
  return fast;
}

interface Case {
  name: string;
  typeflag: string;
  format?: BuildFormat;
  prefix?: string;
  linkname?: string;
  size?: number;
  e?: Partial<BuildEntry>;
}

const make = (c: Case): Buffer =>
  buf(
    header({
      name: enc(c.name),
      prefix: c.prefix === undefined ? undefined : enc(c.prefix),
      typeflag: c.typeflag,
      size: c.size ?? 0,
      linkname: c.linkname === undefined ? undefined : enc(c.linkname),
      format: c.format ?? 'ustar',
      e: { name: c.name, ...c.e },
    }),
  );

/** Rewrites the checksum so the header's damage reaches its fields. */
function fixChecksum(h: Buffer): Buffer {
  let sum = 8 * 0x20;
  for (let i = 0; i < 512; i++) if (i < 148 || i >= 156) sum += h[i]!;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

/** Offset and length of the numeric fields the long way parses (checksum aside). */
const NUMERIC: [number, number][] = [
  [100, 8],
  [108, 8],
  [116, 8],
  [124, 12],
  [136, 12],
  [329, 8],
  [337, 8],
];

const FORMATS: BuildFormat[] = ['ustar', 'gnu', 'v7'];

const PLAIN: Case[] = [
  { name: 'usr/bin/env', typeflag: '0', size: 1234, e: { mode: 0o100755, uid: 1000, gid: 50, mtime: 1 } },
  { name: './etc/passwd', typeflag: '\0', size: 7 },
  { name: 'old/dir/', typeflag: '\0', size: 512 },
  { name: 'contig', typeflag: '7', size: 3 },
  { name: 'var/lib/', typeflag: '5', size: 99 },
  { name: '/abs//path/./x', typeflag: '0', size: 1 },
  { name: '../../etc/shadow', typeflag: '0', size: 1 },
  { name: 'lnk', typeflag: '2', linkname: '../../target', size: 5 },
  { name: 'hard', typeflag: '1', linkname: './a/../../b', size: 5 },
  { name: 'hard2', typeflag: '1', linkname: 'usr/bin/env' },
  { name: 'tty', typeflag: '3', e: { devmajor: 4, devminor: 64 }, size: 10 },
  { name: 'sda', typeflag: '4', e: { devmajor: 8, devminor: 0 } },
  { name: 'fifo', typeflag: '6', size: 2 },
  { name: 'caf\xe9\xff', typeflag: '0', size: 1 },
  { name: 'f', typeflag: '0', size: 0o77777777777, e: { mtime: 0o77777777777 } },
];

describe('decodePlainEntry', () => {
  it('decodes every plain type in every format as decodeHeader + buildEntry do', () => {
    let decoded = 0;
    for (const format of FORMATS) {
      for (const c of PLAIN) {
        if (expectAgreement(make({ ...c, format }))) decoded++;
      }
    }
    expect(decoded).toBe(FORMATS.length * PLAIN.length);
  });

  it('joins a ustar prefix, and reads none in GNU headers', () => {
    const ustar = expectAgreement(make({ name: 'file.txt', prefix: 'some/dir', typeflag: '0' }));
    expect(ustar?.entry.path).toBe('some/dir/file.txt');
    const gnu = make({ name: 'file.txt', typeflag: '0', format: 'gnu' });
    expect(expectAgreement(gnu)?.entry.path).toBe('file.txt');
  });

  it('declines pseudo-entries, sparse and unknown types, base-256 and signed checksums', () => {
    const declined: Buffer[] = [
      ...['L', 'K', 'x', 'g', 'S', 'D', 'V', 'M', 'A'].map((typeflag) =>
        make({ name: 'n', typeflag, format: 'gnu' }),
      ),
      make({ name: 'big', typeflag: '0', size: 2 ** 40, e: { base256: ['size'] } }),
      make({ name: 'old', typeflag: '0', e: { mtime: -1 } }),
      make({ name: 'caf\xe9', typeflag: '0', e: { checksum: 'signed' } }),
      make({ name: 'bad', typeflag: '0', e: { checksum: 'bad' } }),
      Buffer.alloc(512),
    ];
    for (const h of declined) expect(decodePlainEntry(h, 0, 0, 512)).toBeNull();
  });

  it('declines every header the long way rejects', () => {
    for (const format of ['ustar', 'gnu'] as const) {
      for (const [at, len] of [...NUMERIC, [148, 8]] as const) {
        const h = make({ name: 'x', typeflag: '0', format });
        h.write('12x'.padEnd(len, '\0'), at, 'latin1');
        if (at !== 148) fixChecksum(h);
        expect(decodePlainEntry(h, 0, 0, 512)).toBeNull();
        expect(slow(h)).toBeInstanceOf(Error);
      }
    }
  });

  it('agrees with the long way on damaged headers', () => {
    // Deterministic pseudo-random damage: bytes set to digits, spaces, NULs, slashes, dots or
    // anything, with the checksum fixed up half of the time so the damage reaches the fields.
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const alphabet = [0x30, 0x37, 0x38, 0x20, 0x00, 0x2f, 0x2e, 0x80, 0xff, 0x41];
    let decoded = 0;
    for (let round = 0; round < 4000; round++) {
      const base = PLAIN[rand(PLAIN.length)]!;
      const h = make({
        ...base,
        format: FORMATS[rand(FORMATS.length)]!,
        prefix: rand(4) === 0 ? 'pre/fix' : undefined,
      });
      for (let k = rand(4) + 1; k > 0; k--) {
        const [field, len] = NUMERIC[rand(NUMERIC.length)]!;
        const at = rand(2) === 0 ? field + rand(len) : rand(512);
        h[at] = rand(3) === 0 ? rand(256) : alphabet[rand(alphabet.length)]!;
      }
      if (rand(2) === 0) fixChecksum(h);
      if (expectAgreement(h)) decoded++;
    }
    // Both branches ran: plenty decoded, plenty declined.
    expect(decoded).toBeGreaterThan(500);
    expect(decoded).toBeLessThan(3500);
  });
});

describe('TarParser with the fast path', () => {
  it('leaves headers after PAX, GNU long-name and global PAX records to the long way', () => {
    const long = `${'d'.repeat(120)}/f`;
    const { entries, metas } = parse(
      tar(
        [
          { name: 'a', body: 'A', pax: { mtime: '5', uid: '7' } },
          { name: long, type: 'file', size: 3, longName: true },
          { name: 'b', body: 'B' },
        ],
        { format: 'gnu', globalPax: { gid: '9' } },
      ),
    );
    expect(entries.map((e) => [e.path, e.mtime, e.uid, e.gid])).toEqual([
      ['a', 5, 7, 9],
      [long, 1_700_000_000, 0, 9],
      ['b', 1_700_000_000, 0, 9],
    ]);
    // 'g' header + body, then each entry's first header: its 'x' or 'L' header, or its own.
    expect(metas.map((m) => m.headerOffset)).toEqual([1024, 3072, 5120]);
  });
});
