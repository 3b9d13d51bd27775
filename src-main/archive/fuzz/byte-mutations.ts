/**
 * Test helper (imported only by fuzz.test.ts): byte mutations of an archive as written, aimed at
 * the 512-byte headers of the outer tar and of the plain layer tars inside it: truncations,
 * flipped bytes, absurd numeric fields (octal and base-256, with the checksum fixed or not),
 * hostile names and type flags, random byte runs, duplicated and removed chunks (block-aligned or
 * not).
 */
import fc from 'fast-check';
import { BLOCK } from './seeds';

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
