/**
 * Test helper (imported only by fuzz.test.ts): the seeds, the mutations and the oracle of the
 * archive analyzer's fuzz test.
 *
 * - Seeds: small real archives (dive's OCI zstd export, dive's legacy `docker save`) and
 *   synthetic ones (legacy docker-archive with a shared symlinked layer, OCI with gzip layers,
 *   containerd export with manifest.json + index.json).
 * - Byte mutations work on the archive as written, aimed at the 512-byte headers of the outer
 *   tar and of the plain layer tars inside it: truncations, flipped bytes, absurd numeric fields
 *   (octal and base-256, with the checksum fixed or not), hostile names and type flags, random
 *   byte runs, duplicated and removed chunks (block-aligned or not).
 * - Re-pack mutations take the archive apart, change one member (JSON edited as JSON, a layer's
 *   own tar mutated, the member deleted, renamed out of the root, made a link out of the root)
 *   and write it again with the tar builder.
 * - The oracle checks a result for well-formedness (schema, finite non-negative numbers, a tree
 *   with no `..`) and an error for being an ArchiveError naming the file with a one-line reason.
 */
import { Worker } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { ArchiveAnalysisSchema } from '../../src-shared/archive-analysis';
import { tar, type BuildEntry } from '../../test/support/tar-builder';
import type { AnalyzeResult } from './analyze';
import { ArchiveError, type TarEntry } from './model';
import type { ReadOptions } from './read/read-archive';
import { checksumMatches, decodeHeader } from './tar/header';
import { TarParser } from './tar/tar-parser';

// ---------------------------------------------------------------------------------------------
// Seeds

/** `fn()`, or the fallback (a value, or a function of nothing) when it throws. */
function attempt<T>(fn: () => T, fallback: T | (() => T)): T {
  try {
    return fn();
  } catch {
    return typeof fallback === 'function' ? (fallback as () => T)() : fallback;
  }
}

export interface Member {
  name: string;
  type: TarEntry['type'];
  linkname: string;
  mode: number;
  body: Buffer;
}

export interface Seed {
  name: string;
  bytes: Buffer;
  /** Offsets of every header: the outer tar's and those of plain tars stored in it. */
  headers: number[];
  members: Member[];
}

const BLOCK = 512;

/** Header offsets of a well-formed tar and, recursively, of the plain tars it stores. */
export function headerOffsets(buf: Buffer, base = 0, depth = 0): number[] {
  const out: number[] = [];
  for (let off = 0; off + BLOCK <= buf.length;) {
    if (buf.subarray(off, off + BLOCK).every((b) => b === 0)) break;
    if (!checksumMatches(buf, off)) break;
    const h = attempt(() => decodeHeader(buf, off), null);
    if (!h) break; // a mutated layer: its headers stop being known here
    out.push(base + off);
    const dataStart = off + BLOCK;
    const stored = h.kind === 'dir' || h.kind === 'hardlink' ? 0 : h.size;
    if (depth === 0 && h.kind === 'file' && stored >= BLOCK && checksumMatches(buf, dataStart)) {
      out.push(...headerOffsets(buf.subarray(dataStart, dataStart + stored), base + dataStart, 1));
    }
    off = dataStart + Math.ceil(stored / BLOCK) * BLOCK;
  }
  return out;
}

/** The members of a well-formed tar, with their data. */
export function readMembers(buf: Buffer): Member[] {
  const members: Member[] = [];
  const parser = new TarParser(
    (e) => {
      const m: Member = {
        name: e.path,
        type: e.type,
        linkname: e.linkname,
        mode: e.mode,
        body: Buffer.alloc(0),
      };
      members.push(m);
      if (e.type !== 'file' || e.size === 0) return 'skip';
      const parts: Buffer[] = [];
      return (chunk) => {
        if (chunk) parts.push(Buffer.from(chunk));
        else m.body = Buffer.concat(parts);
      };
    },
    { label: 'seed' },
  );
  parser.write(buf);
  parser.end();
  return members;
}

export const toBuildEntry = (m: Member): BuildEntry => ({
  name: m.type === 'dir' ? `${m.name}/` : m.name,
  type: m.type,
  mode: m.mode,
  ...(m.type === 'file' ? { body: m.body } : {}),
  ...(m.type === 'symlink' || m.type === 'hardlink' ? { linkname: m.linkname } : {}),
  // Long names (dive's blobs are short, but mutations may lengthen them) go through GNU 'L'.
  ...(Buffer.byteLength(m.name) > 99 ? { longName: true } : {}),
  ...(Buffer.byteLength(m.linkname) > 99 ? { longLink: true } : {}),
});

export const repack = (members: Member[], extra: BuildEntry[] = []): Buffer =>
  tar([...extra, ...members.map(toBuildEntry)]);

/**
 * One tiny legacy docker-archive (tag tiny:1, one layer: etc/hello and a hardlink to it, 10 KiB)
 * compressed by the bzip2, xz and zstd command-line tools (`-9`, `-9`, `-19`): the outer
 * decompressors have no compressor in this project to build their inputs with.
 */
export const TINY_PACKED: Record<'bz2' | 'xz' | 'zst', string> = {
  bz2:
    'QlpoOTFBWSZTWYWjHisAAhf/nM2QAUjQB//6LmXd3v//32oEQEAAAIAAmEADHAAKARGVIBkABoABoABoAAAAAcAwjCaYhgEA' +
    'yAGEaZMmEYCGhwDCMJpiGAQDIAYRpkyYRgIaCSRMjQ0ENEMgCm1HppP1ID0Rp6DTKB+pHqfqnh9XiCPkZ97vLxPCHAcbMwU2' +
    'oGNzHsc4zQcEGovSARTycpS4Z3LUIclBmcCMwiAjLm5qnjUyikVgkMIFi5Avewjsy7j+p6sfbu7F8Tw3XPydLwo3PUXtSPKp' +
    'LsVjeWM9uuqqkGZxU57xw94zP581nOu0XMzZE1l1N87yvV6nfhZQPTaIJevp5wEHReIchJVMCS7e/b3t6/h8fl+PYIgIYBH5' +
    'DI8Ur3IwKC07hHOcaWxJxtS4UrCXkdaWkQ/ZU8+nEk6HssfmGLXuzCKSm9qEo+q9LZyWRqovMH3NBdCTXsmETfMdBkszOIES' +
    'diWgodH2420L/b8CsrlaYDaUomKWdLAl+tRjAk6zAC+ZWIkk8pYC0cCwiImlYVFSUjQStLIpM8gCovomQilYVzeWJVGhKJne' +
    'l3VUWgRJUYmkC/GqNV6sLyADXJUCLSjCwq0loiLkqZIGStSrSZK1K2gB0RxcTDQRI3lqU7UpJMlBKSUCpKkyERKD7nixYWPw' +
    'd82Xd7/J/L1qJx4KcCtyK6K6sTUR0YCMFoyqCUkYJrYIjLAGZYCeA3AoS8unjXDKe5wJ3TdStyl0JdZcldMpcZkvTj9fo1aD' +
    'hP5/vIK0oN9hakxcZWOS5dOq1gzKfAZqUpGktujeUpSyEsPSxXAelIpSnP3YfS4gefPvpo2Ja6dU0sRzzNNR4Q2861+iO0/Z' +
    'jJp5yW+viOHkMUFV2ZJtBQlseZy8wWdyfqOYzQ4L3O5tNc8FMt6iRoLru9VuJs2K/6Sc2/zLe0Mkyc52zrf9rFS6sAlwLUhG' +
    'gwjahFt5cCZRdhJedPuEdYiyRQ1rm4v4x1xnt4K694RwEaYa4gjVXroeIaoKYKMaKSFJofDLeg8HlvLk8mFVcuMdaBKhPTCh' +
    'JcLlIwCD+LuSKcKEhC0Y8Vg=',
  xz:
    '/Td6WFoAAATm1rRGAgAhARwAAAAQz1jM4Cf/AshdABnoCccDV8CDRHKT2qLNzWWc7UAXa9xaltvaL8dVx157iFhwqGqFDVSi' +
    'R8ZoWpicmTXAYqq2Z4IcsWSi6xtfkKFMnVc68P9kYGumV5+dk+q3GYXDLglBVRSNEVsbDGKmL85xBAGupmYnPw57VQgqPOzm' +
    'DalnXbhsxNEEEpxW8zDLDfnxEFQ3LmYsq8EM7hpwtxvQ1OdlMOY+A5hts7AXUYO7ZXo6aXFN57X26h0G4amgjNIbDNrA6PFa' +
    'TGGlfTwomxSpi+1F77qPOLI39oIPh74dG/p9Hf5d4sGOA9y6Q3sbMAJom3jBF1TYrWExYCFFXGbVy08/N2zdN1FtySdzCC0I' +
    '58t3ykluz1A8cPmF8A/isd27zK0iGnbc+ln/K7FcBwLgj4PJlQ5uZDXSi5UdGS/Se+RPUyq4sGi/2ep0P4JXE+iykcIIOc/F' +
    'bRCcodetE65vrUOeAG0rYmnFA2WBlAFGCU9hBg9GFWfRp+w09UjVMQ3c6YXmkiNqyzbP6Xgs6YuQV0/yIJd7CMiiuOC2z/La' +
    '1ZPYEonpAF54Udqg6HNk6cARRN0n5VGAqX+GZ/tZjZBUUxJ7j5QM98L8J1qyaxEHySfwa/nmUL5S3f+mQYosSKZKdEBTiWMi' +
    'bDkfy59CdaEIJBI+WXGdGO/491w6csL9ftmegGdIepU6WM/L+VnoUGqoaPkk8KgXDlDYxJZv6qp1cBLpchK47fh36gQjyf8g' +
    'rqrRS10wa/nJHN+raQ1dAjh7NqB79QWjgL9Iy7F0zCfARd+BOzq2PsV34aA9lSr/on7W0sfj+UYu2MaVG/wJHUXuDGh81VGp' +
    'AdCN6qjGbyWiS5ZMpTEqg6gE7lBvTle+GLBvzeOXDwLAq57mZcF7/imKKYNZbrYlFE5hThem3Zloj78FFX56BHHfIuqnutfb' +
    'FjMi++KIvjtiqwEj5f4MVPyt+tornQAAn/DexSS51k0AAeQFgFAAALKahQexxGf7AgAAAAAEWVo=',
  zst:
    'KLUv/WQAJy0VAOZiaCMQb/OCtCWN/z+u+AbuCR5AHocf6QV8UNgkO4kEIAgAAIqgNlsAYQBbALlmUBzc6Ec5lIPWYiqI+kzZ' +
    '9Tee1DxVJe3nye4pz60pyRvJGWTMeYwuPejcOejJeTTF4+2lThlnnWsU/p0wXhYrbPJaKdlqsMq3j1VJLyPZc8tBaf0222Rs' +
    'rQVsPTgvbfQnjM/KZd9Ddiujl0LgY3OitcUS92Kr80PzL6B9lSOKlH6o4v2T7UD6MffMW+vm6UwQOIgMMGA4BsohURO9OJgu' +
    'KsKCQFUgagJf54F4DnEOaR5hHrA8wDFn9vf8r5FchOu96At86WacFzKLRsa+eq3L2J6hNk6vNi6njonx2goZm/58OabNxzTL' +
    '4PNPkSRSS+P1pI2CggFFJSpQfrbGE4mSMVb63rb38+PDtqozuaq9v6C1tTFvBavCXlts6cf52VhnSSRR+aEFgRy8J2bkufgG' +
    '5VCK4L3GvG39FzvTYjWSe3OeKhzcADzIFkxP0/xkqZs1uFZa6n63XoN57kcUNQ3Fkcjv4Llxg48tlvyxXotNYQHBocHgIV+g' +
    'MS2BipkiSUFpobAZkGqCmRGJOzbk+KtTrqgNBQvmWGlRWgWTDYCa6modUEvzOsB2io3K3YGgXMSy380TursqDz7UyJibXQcA' +
    '2YCs6rrVgEhrebO7v7v6KmpASYOdtVIcGP6n+p8AZFVJfpC0URKyUP0A+8zwhGOpR7cHnP3hchV6gJfaHCKoaoy624laeRWo' +
    'QDtaL1udI8OAQlulz2dVY1VLhACFAaOEBygJ2Co3Wx7goBXggU1WR4hKJQPemWCtgJLUDmrzIGQPLuEAnZt2Y0VnQZoQXsZq' +
    'YtiBrwBQBAKqgDpgHAJM0inAjDTGiQgnwKasrPvWxh14EAFkiKUKWhUUHg==',
};

export function makeSeed(name: string, bytes: Buffer): Seed {
  return { name, bytes, headers: headerOffsets(bytes), members: readMembers(bytes) };
}

// ---------------------------------------------------------------------------------------------
// Byte mutations

const FIELDS = {
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  chksum: [148, 8],
  devmajor: [329, 8],
  devminor: [337, 8],
  sparseOffset0: [386, 12],
  sparseLength0: [398, 12],
  realsize: [483, 12],
} as const;
export type FieldName = keyof typeof FIELDS;

export type FieldValue =
  | { t: 'octal'; digits: string }
  | { t: 'text'; text: string }
  | { t: 'b256'; bytes: Uint8Array; negative: boolean };

/** Positions are fractions of the length in millionths, so one case fits every seed. */
export type ByteMutation =
  | { k: 'truncate'; at: number }
  | { k: 'flip'; h: number; off: number; xor: number; fix: boolean }
  | { k: 'field'; h: number; field: FieldName; value: FieldValue; fix: boolean }
  | { k: 'typeflag'; h: number; flag: number; fix: boolean }
  | { k: 'name'; h: number; which: 'name' | 'linkname' | 'prefix' | 'magic'; value: Uint8Array; fix: boolean }
  | { k: 'bytes'; at: number; bytes: Uint8Array }
  | { k: 'dup'; from: number; len: number; to: number; aligned: boolean }
  | { k: 'remove'; from: number; len: number; aligned: boolean }
  | { k: 'zeroHeader'; h: number };

const FRAC = 1_000_000;
const at = (frac: number, length: number): number => Math.floor((frac / (FRAC + 1)) * length);
const alignDown = (n: number): number => n - (n % BLOCK);

/** Recomputes a header's checksum the way tar writers do. */
export function fixChecksum(buf: Buffer, off: number): void {
  if (off + BLOCK > buf.length) return;
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += buf[off + i]!;
  buf.write(sum.toString(8).padStart(6, '0').slice(-6), off + 148, 'latin1');
  buf[off + 154] = 0;
  buf[off + 155] = 0x20;
}

function headerAt(buf: Buffer, headers: readonly number[], h: number): number | null {
  const off =
    headers.length > 0 ? headers[h % headers.length]! : alignDown((h * BLOCK) % Math.max(BLOCK, buf.length));
  return off + BLOCK <= buf.length ? off : null;
}

function fieldBytes(v: FieldValue, len: number): Buffer {
  const out = Buffer.alloc(len);
  if (v.t === 'b256') {
    Buffer.from(v.bytes).copy(out, 0, 0, len);
    out[0] = v.negative ? 0xff : 0x80 | (out[0]! & 0x7f);
  } else {
    out.write((v.t === 'octal' ? v.digits : v.text).slice(0, len), 0, 'latin1');
  }
  return out;
}

/** Applies mutations in order (offsets of later ones refer to the mutated bytes, headers to the seed's). */
export function applyByteMutations(
  input: Buffer,
  headers: readonly number[],
  muts: readonly ByteMutation[],
): Buffer {
  let buf = Buffer.from(input);
  for (const m of muts) {
    switch (m.k) {
      case 'truncate':
        buf = buf.subarray(0, at(m.at, buf.length));
        break;
      case 'flip': {
        const off = headerAt(buf, headers, m.h);
        if (off === null) break;
        buf[off + (m.off % BLOCK)]! ^= m.xor || 1;
        if (m.fix) fixChecksum(buf, off);
        break;
      }
      case 'field': {
        const off = headerAt(buf, headers, m.h);
        if (off === null) break;
        const [pos, len] = FIELDS[m.field];
        fieldBytes(m.value, len).copy(buf, off + pos);
        if (m.fix && m.field !== 'chksum') fixChecksum(buf, off);
        break;
      }
      case 'typeflag': {
        const off = headerAt(buf, headers, m.h);
        if (off === null) break;
        buf[off + 156] = m.flag;
        if (m.fix) fixChecksum(buf, off);
        break;
      }
      case 'name': {
        const off = headerAt(buf, headers, m.h);
        if (off === null) break;
        const [pos, len] = { name: [0, 100], linkname: [157, 100], prefix: [345, 155], magic: [257, 8] }[
          m.which
        ];
        buf.fill(0, off + pos!, off + pos! + len!);
        Buffer.from(m.value).copy(buf, off + pos!, 0, len!);
        if (m.fix) fixChecksum(buf, off);
        break;
      }
      case 'bytes': {
        const off = at(m.at, buf.length);
        Buffer.from(m.bytes).copy(buf, off, 0, Math.max(0, buf.length - off));
        break;
      }
      case 'dup': {
        let from = at(m.from, buf.length);
        let to = at(m.to, buf.length);
        let len = m.len;
        if (m.aligned)
          [from, to, len] = [alignDown(from), alignDown(to), Math.max(1, Math.ceil(len / BLOCK)) * BLOCK];
        const chunk = Buffer.from(buf.subarray(from, from + len));
        buf = Buffer.concat([buf.subarray(0, to), chunk, buf.subarray(to)]);
        break;
      }
      case 'remove': {
        let from = at(m.from, buf.length);
        let len = m.len;
        if (m.aligned) [from, len] = [alignDown(from), Math.max(1, Math.ceil(len / BLOCK)) * BLOCK];
        buf = Buffer.concat([buf.subarray(0, from), buf.subarray(from + len)]);
        break;
      }
      case 'zeroHeader': {
        const off = headerAt(buf, headers, m.h);
        if (off !== null) buf.fill(0, off, off + BLOCK);
        break;
      }
    }
  }
  return buf;
}

const frac = fc.integer({ min: 0, max: FRAC });
const headerIndex = fc.nat({ max: 10_000 });
const octalDigits = fc.oneof(
  fc.constantFrom('77777777777', '7777777', '00000000000', '1', '17777777777', '37777777777', '777777777777'),
  fc.stringMatching(/^[0-7]{1,12}$/),
);
const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  octalDigits.map((digits) => ({ t: 'octal' as const, digits })),
  fc
    .oneof(
      fc.constantFrom('9', '-1', ' 1 2', '        ', '0x10', 'abc', '\u00ff\u00ff', '7 7', ' \u0000 8', ''),
      fc.string({ maxLength: 12 }),
    )
    .map((text) => ({ t: 'text' as const, text })),
  fc
    .record({ bytes: fc.uint8Array({ minLength: 12, maxLength: 12 }), negative: fc.boolean() })
    .map((r) => ({ t: 'b256' as const, ...r })),
  fc.constantFrom<FieldValue>(
    { t: 'b256', bytes: new Uint8Array(12).fill(0xff), negative: false },
    { t: 'b256', bytes: Uint8Array.from([0x80, 0, 0, 0, 0, 0, 0x20, 0, 0, 0, 0, 0]), negative: false },
    {
      t: 'b256',
      bytes: Uint8Array.from([0x80, 0, 0, 0, 0, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      negative: false,
    },
    { t: 'b256', bytes: new Uint8Array(12), negative: true },
  ),
);

const enc = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));
const hostileHeaderName = fc.oneof(
  fc.constantFrom(
    ...[
      '../../etc/passwd',
      '/etc/passwd',
      '..',
      '.',
      '',
      './',
      'manifest.json',
      'index.json',
      'a/../../b',
      '../',
      '/',
      'x'.repeat(100),
      'a\nb',
      '.wh..wh..opq',
    ].map(enc),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 100 }),
);

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: frac }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('flip' as const),
      h: headerIndex,
      off: fc.nat({ max: 511 }),
      xor: fc.integer({ min: 1, max: 255 }),
      fix: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('field' as const),
      h: headerIndex,
      field: fc.constantFrom(...(Object.keys(FIELDS) as FieldName[])),
      value: fieldValue,
      fix: fc.constantFrom(true, true, true, false),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('typeflag' as const),
      h: headerIndex,
      flag: fc.oneof(
        fc.constantFrom(...'01234567xgLKSDVMN\0'.split('').map((c) => c.charCodeAt(0))),
        fc.nat({ max: 255 }),
      ),
      fix: fc.constant(true),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('name' as const),
      h: headerIndex,
      which: fc.constantFrom('name' as const, 'linkname' as const, 'prefix' as const, 'magic' as const),
      value: hostileHeaderName,
      fix: fc.constant(true),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('bytes' as const),
      at: frac,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('dup' as const),
      from: frac,
      len: fc.integer({ min: 1, max: 8192 }),
      to: frac,
      aligned: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('remove' as const),
      from: frac,
      len: fc.integer({ min: 1, max: 8192 }),
      aligned: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('zeroHeader' as const), h: headerIndex }) },
);

// ---------------------------------------------------------------------------------------------
// Re-pack mutations: JSON, members, a layer's own tar

/** Markers replaced in the serialised JSON by text JSON.stringify cannot write. */
const RAW_TEXT: Record<string, () => string> = {
  'deep-array-50000': () => '['.repeat(50_000) + ']'.repeat(50_000),
  'deep-object-5000': () => '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  'string-70000': () => JSON.stringify('x'.repeat(70_000)),
  'array-5000': () => JSON.stringify(Array.from({ length: 5000 }, (_, i) => `a${i}`)),
  '1e999': () => '1e999',
  '-1e999': () => '-1e999',
  '30-digits': () => '123456789012345678901234567890',
  '-0': () => '-0',
};
/** Stands for a piece of JSON text (short in counterexamples, written out by serializeJson). */
const RAW = (name: keyof typeof RAW_TEXT): string => `\u2603${name}\u2603`;

export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      2 ** 53 + 2,
      2 ** 64,
      5e-324,
      '',
      '../../etc/passwd',
      '/etc/passwd',
      '..',
      'manifest.json',
      'index.json',
      `sha256:${'0'.repeat(64)}`,
      'sha256:../../../etc/passwd',
      'blobs/sha256/../../../../etc/passwd',
      'sha256:',
      'line one\nline two\r\n\u0000\u001b[31mred',
      {},
      [],
      [null],
      ['../../x'],
      [`sha256:${'f'.repeat(64)}`],
      { digest: `sha256:${'0'.repeat(64)}`, mediaType: 'application/vnd.oci.image.index.v1+json', size: -5 },
      ...Object.keys(RAW_TEXT).map(RAW),
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.double() },
);

export interface JsonOp {
  path: number[];
  action: 'set' | 'delete' | 'wrap' | 'dup';
  value: unknown;
}

export function applyJsonOp(root: unknown, op: JsonOp): unknown {
  if (op.path.length === 0 || typeof root !== 'object' || root === null) {
    return op.action === 'set' ? op.value : op.action === 'wrap' ? [root] : undefined;
  }
  let node = root as Record<string, unknown> | unknown[];
  for (let i = 0; i < op.path.length; i++) {
    const keys = Array.isArray(node) ? node.map((_, k) => k) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[op.path[i]! % keys.length]!;
    const child = (node as Record<string | number, unknown>)[key];
    const last = i === op.path.length - 1 || typeof child !== 'object' || child === null;
    if (last) {
      const n = node as Record<string | number, unknown>;
      if (op.action === 'set') n[key] = op.value;
      else if (op.action === 'wrap') n[key] = [child];
      else if (op.action === 'dup') {
        // A list item listed again (the same layer or manifest twice), or a key's value copied.
        if (Array.isArray(node)) node.push(structuredClone(child));
        else n[`${key}2`] = structuredClone(child);
      } else if (Array.isArray(node)) node.splice(key as number, 1);
      else Reflect.deleteProperty(n, key);
      break;
    }
    node = child as Record<string, unknown> | unknown[];
  }
  return root;
}

export function serializeJson(v: unknown): Buffer {
  const text = v === undefined ? '' : JSON.stringify(v);
  return Buffer.from(
    text.replace(/"\u2603([^"\u2603]+)\u2603"/g, (whole, name: string) => RAW_TEXT[name]?.() ?? whole),
  );
}

const hostileEntryName = fc.constantFrom(
  '../../etc/evil',
  '/abs/file',
  'a/../../b',
  '..',
  '../',
  'etc/.wh..wh..opq',
  '.wh...',
  '.wh.etc',
  '.wh..',
  '.wh.',
  'etc/.wh..',
  '.wh..wh.plnk',
  'etc/.wh.hello',
  'bin/sh/x',
  'etc/hello',
  'x'.repeat(300),
  'dir/',
  'a\nb',
);
const hostileLink = fc.constantFrom(
  '../../etc/passwd',
  '/etc/passwd',
  'bin/sh',
  '',
  'etc/hello',
  '../../../../',
  'loop-a',
  'loop-b',
  'etc',
  '.',
  'etc/.wh.hello',
  'etc/hello/x',
);

export const hostileEntry: fc.Arbitrary<BuildEntry> = fc
  .record({
    name: hostileEntryName,
    type: fc.constantFrom(
      'file' as const,
      'dir' as const,
      'symlink' as const,
      'hardlink' as const,
      'chardev' as const,
      'fifo' as const,
    ),
    linkname: hostileLink,
    size: fc.nat({ max: 2000 }),
    pax: fc.option(
      fc.constantFrom<Record<string, string>>(
        { path: '../../pax-escape' },
        { path: '/pax-abs' },
        { size: '99999999999999999999' },
        { size: '12' },
        { linkpath: '../../etc/shadow' },
        { 'SCHILY.xattr.security.capability': '\u0001\u0002' },
        { mtime: '-1e9' },
        { uid: '4294967296' },
      ),
      { nil: undefined },
    ),
  })
  .map((r) => ({
    name: r.name,
    type: r.type,
    ...(r.type === 'file' ? { size: r.size } : {}),
    ...(r.type === 'symlink' || r.type === 'hardlink' ? { linkname: r.linkname } : {}),
    ...(Buffer.byteLength(r.name) > 100 ? { longName: true } : {}),
    ...(r.pax ? { pax: r.pax } : {}),
  }));

/** Two hardlinks pointing at each other, and a self-referencing one. */
export const LINK_LOOPS: BuildEntry[] = [
  { name: 'loop-a', type: 'hardlink', linkname: 'loop-b' },
  { name: 'loop-b', type: 'hardlink', linkname: 'loop-a' },
  { name: 'loop-self', type: 'hardlink', linkname: 'loop-self' },
  { name: 'sym-a', type: 'symlink', linkname: 'sym-b' },
  { name: 'sym-b', type: 'symlink', linkname: 'sym-a' },
];

export type MemberOp =
  | { k: 'json'; member: number; ops: JsonOp[] }
  | { k: 'jsonBytes'; member: number; muts: ByteMutation[] }
  | { k: 'layer'; member: number; muts: ByteMutation[]; extra: BuildEntry[]; loops: boolean }
  | {
      k: 'member';
      member: number;
      action:
        | 'delete'
        | 'dotdot'
        | 'absolute'
        | 'symlinkOut'
        | 'hardlinkOut'
        | 'dir'
        | 'dupEmpty'
        | 'selfLink'
        | 'truncateBody';
    }
  | { k: 'outerExtra'; extra: BuildEntry[] };

export const jsonOp: fc.Arbitrary<JsonOp> = fc.record({
  path: fc.array(fc.nat({ max: 50 }), { maxLength: 5 }),
  action: fc.constantFrom(
    'set' as const,
    'set' as const,
    'set' as const,
    'delete' as const,
    'wrap' as const,
    'dup' as const,
  ),
  value: hostileJson,
});

export const memberOp: fc.Arbitrary<MemberOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('json' as const),
      member: fc.nat(),
      ops: fc.array(jsonOp, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('jsonBytes' as const),
      member: fc.nat(),
      muts: fc.array(
        byteMutation.filter(
          (m) => m.k === 'truncate' || m.k === 'bytes' || m.k === 'dup' || m.k === 'remove',
        ),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('layer' as const),
      member: fc.nat(),
      muts: fc.array(byteMutation, { maxLength: 2 }),
      extra: fc.array(hostileEntry, { maxLength: 4 }),
      loops: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('member' as const),
      member: fc.nat(),
      action: fc.constantFrom(
        'delete' as const,
        'dotdot' as const,
        'absolute' as const,
        'symlinkOut' as const,
        'hardlinkOut' as const,
        'dir' as const,
        'dupEmpty' as const,
        'selfLink' as const,
        'truncateBody' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('outerExtra' as const),
      extra: fc.array(hostileEntry, { minLength: 1, maxLength: 4 }),
    }),
  },
);

const isJsonName = (m: Member): boolean =>
  m.type === 'file' &&
  m.body.length > 0 &&
  m.body.length < 1_000_000 &&
  (m.body[0] === 0x7b || m.body[0] === 0x5b);
const isLayerBlob = (m: Member): boolean =>
  m.type === 'file' &&
  m.body.length >= BLOCK &&
  ((m.body[0] === 0x1f && m.body[1] === 0x8b) || checksumMatches(m.body, 0));

/** Applies one re-pack mutation to a seed's members and writes the archive again. */
export function applyMemberOp(seed: Seed, op: MemberOp): Buffer {
  const members = seed.members.map((m) => ({ ...m }));
  const pick = (pred: (m: Member) => boolean, n: number): Member | null => {
    const list = members.filter(pred);
    return list.length > 0 ? list[n % list.length]! : null;
  };
  let extra: BuildEntry[] = [];
  switch (op.k) {
    case 'json': {
      const m = pick(isJsonName, op.member);
      if (!m) break;
      // An earlier op may have broken this JSON: then there is nothing to edit as JSON.
      let v = attempt<unknown>(() => JSON.parse(m.body.toString()), undefined);
      if (v === undefined) break;
      for (const o of op.ops) v = applyJsonOp(v, o);
      // JSON.stringify recurses: a deep value from an earlier op cannot be written again as JSON.
      m.body = attempt(() => serializeJson(v), m.body);
      break;
    }
    case 'jsonBytes': {
      const m = pick(isJsonName, op.member);
      if (m) m.body = applyByteMutations(m.body, [], op.muts);
      break;
    }
    case 'layer': {
      const m = pick(isLayerBlob, op.member);
      if (!m) break;
      const gz = m.body[0] === 0x1f;
      const inner = gz ? attempt(() => gunzipSync(m.body), null) : m.body;
      if (!inner) break; // an earlier op broke the gzip stream
      let layer: Buffer = inner;
      if (op.extra.length > 0 || op.loops) {
        const extra = [...op.extra, ...(op.loops ? LINK_LOOPS : [])];
        // An earlier op may have broken the layer's tar: then append the entries after its bytes.
        layer = attempt(
          () => repack(readMembers(inner), extra),
          () => Buffer.concat([inner, tar(extra)]),
        );
      }
      layer = applyByteMutations(layer, headerOffsets(layer), op.muts);
      m.body = gz ? gzipSync(layer) : layer;
      break;
    }
    case 'member': {
      const m = pick(() => true, op.member);
      if (!m) break;
      switch (op.action) {
        case 'delete':
          members.splice(members.indexOf(m), 1);
          break;
        case 'dotdot':
          m.name = `../${m.name}`;
          break;
        case 'absolute':
          m.name = `/${m.name}`;
          break;
        case 'symlinkOut':
          Object.assign(m, { type: 'symlink', linkname: '../../../etc/passwd', body: Buffer.alloc(0) });
          break;
        case 'hardlinkOut':
          Object.assign(m, { type: 'hardlink', linkname: '../../etc/passwd', body: Buffer.alloc(0) });
          break;
        case 'dir':
          Object.assign(m, { type: 'dir', body: Buffer.alloc(0) });
          break;
        case 'dupEmpty':
          members.push({ ...m, body: Buffer.alloc(0) });
          break;
        case 'selfLink':
          Object.assign(m, {
            type: 'symlink',
            linkname: m.name.split('/').pop() ?? '',
            body: Buffer.alloc(0),
          });
          break;
        case 'truncateBody':
          m.body = m.body.subarray(0, m.body.length >> 1);
          break;
      }
      break;
    }
    case 'outerExtra':
      extra = op.extra;
      break;
  }
  return repack(members, extra);
}

// ---------------------------------------------------------------------------------------------
// Analyzer options

/** Mostly the defaults; now and then a limit low enough to trip, or a platform to pick. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

export const readOptions: fc.Arbitrary<ReadOptions> = fc
  .record({
    verify: fc.boolean(),
    maxInflatedBytes: sometimes(fc.constantFrom(0, 1, 511, 4096, 100_000, 2 ** 20)),
    maxEntriesPerLayer: sometimes(fc.constantFrom(1, 2, 5, 1000)),
    platform: sometimes(
      fc.constantFrom('linux/amd64', 'linux/arm64', 'linux/arm64/v8', 'windows/amd64', '../..'),
    ),
  })
  .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as ReadOptions);

// ---------------------------------------------------------------------------------------------
// The oracle

export const ERROR_CODES = new Set(['NOT_AN_IMAGE', 'CORRUPT', 'UNSUPPORTED', 'TOO_LARGE']);

/** Problems with a rejection (empty when it is the clear ArchiveError the issue asks for). */
export function checkError(err: unknown, file: string): string[] {
  if (!(err instanceof ArchiveError)) {
    const e = err as Error;
    return [`not an ArchiveError: ${e?.name ?? typeof err}: ${e?.message ?? String(err)}\n${e?.stack ?? ''}`];
  }
  const problems: string[] = [];
  if (err.file !== file) problems.push(`error names '${err.file}', not the archive '${file}'`);
  if (!ERROR_CODES.has(err.code)) problems.push(`unexpected code ${err.code}`);
  if (typeof err.reason !== 'string' || err.reason.trim() === '') problems.push('empty reason');
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/.test(err.reason))
    problems.push(`reason is not one printable line: ${JSON.stringify(err.reason.slice(0, 300))}`);
  else if (err.reason.length > 2000)
    problems.push(`reason of ${err.reason.length} chars: ${err.reason.slice(0, 200)}...`);
  if (err.message !== `${err.file}: ${err.reason}`)
    problems.push(`message '${err.message}' is not 'file: reason'`);
  return problems;
}

function walkNumbers(v: unknown, path: string, out: string[]): void {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) out.push(`${path} = ${v}`);
  } else if (Array.isArray(v)) v.forEach((x, i) => walkNumbers(x, `${path}[${i}]`, out));
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) walkNumbers(x, `${path}.${k}`, out);
}

const BAD_NAME = (n: string): boolean => n === '' || n === '.' || n === '..' || n.includes('/');

/** Problems with a result (empty when it is well formed). */
export function checkResult(res: AnalyzeResult, file: string): string[] {
  const problems: string[] = [];
  const a = res.analysis;
  if (a.file !== file) problems.push(`analysis.file '${a.file}' is not '${file}'`);
  if (!Array.isArray(a.images)) return [...problems, 'no images array'];
  const parsed = ArchiveAnalysisSchema.safeParse(a);
  if (!parsed.success) problems.push(`schema: ${parsed.error.message.slice(0, 500)}`);
  const bad: string[] = [];
  walkNumbers(a, 'analysis', bad);
  if (bad.length > 0) problems.push(`numbers not finite or negative: ${bad.slice(0, 5).join(', ')}`);
  for (const img of a.images) {
    for (const l of img.layers) {
      if (l.blobPath.startsWith('/') || l.blobPath.split('/').includes('..'))
        problems.push(`layer blob outside the archive: ${l.blobPath}`);
    }
    const tree = res.trees.get(img.id);
    if (!tree) {
      problems.push(`no tree for ${img.id}`);
      continue;
    }
    // Walk the merged tree (bounded): no `..`, no empty names, sizes finite.
    const queue = [''];
    let seen = 0;
    while (queue.length > 0 && seen < 3000) {
      const dir = queue.shift()!;
      for (const e of tree.children(dir)) {
        seen++;
        const expected = dir === '' ? e.name : `${dir}/${e.name}`;
        if (BAD_NAME(e.name) || e.path !== expected)
          problems.push(`tree row '${e.path}' (name '${e.name}') under '${dir}'`);
        if (!Number.isFinite(e.size) || e.size < 0 || !Number.isInteger(e.childCount) || e.childCount < 0) {
          problems.push(`tree row '${e.path}': size ${e.size}, childCount ${e.childCount}`);
        }
        if (e.type === 'dir' && !BAD_NAME(e.name)) queue.push(e.path);
      }
    }
    for (let k = 0; k < tree.layerCount; k++) {
      tree.children('', { view: 'layer-only', asOfLayer: k });
      tree.removedItems(k);
      const t = tree.fileCountAndBytes(k);
      if (![t.files, t.dirs, t.bytes].every((n) => Number.isFinite(n) && n >= 0))
        problems.push(`layer ${k} totals ${JSON.stringify(t)}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// A watchdog for synchronous hangs (a Promise.race cannot interrupt a blocked event loop)

export interface Watchdog {
  start(desc: string, file: string, ms: number): void;
  stop(): void;
  close(): Promise<void>;
}

export function startWatchdog(keepAs: string): Watchdog {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const fs = require('node:fs');
    let current = null;
    parentPort.on('message', (m) => { current = m.t === 'start' ? m : null; });
    setInterval(() => {
      if (!current || Date.now() < current.deadline) return;
      try { fs.copyFileSync(current.file, ${JSON.stringify(keepAs)}); } catch {}
      fs.writeSync(2, '\\nFUZZ WATCHDOG: the analyzer blocked the event loop for more than ' + current.ms +
        ' ms (a synchronous hang) on: ' + current.desc + '\\nthe input was copied to ' + ${JSON.stringify(keepAs)} + '\\n');
      process.kill(process.pid, 'SIGKILL');
    }, 250);
  `;
  const w = new Worker(code, { eval: true });
  w.unref();
  return {
    start: (desc, file, ms) => w.postMessage({ t: 'start', desc, file, ms, deadline: Date.now() + ms }),
    stop: () => w.postMessage({ t: 'stop' }),
    close: async () => void (await w.terminate()),
  };
}
