/**
 * Decoding of one 512-byte tar header block (v7, POSIX ustar, GNU and star variants).
 *
 * Only headers are ever decoded byte by byte: the parser skips file data by arithmetic, so the
 * loops here run over at most 512 bytes per entry. Names are raw latin1 strings (one char per
 * byte) so non-UTF-8 names survive; PAX and GNU long-name overrides are applied by the parser.
 */
import type { EntryType } from '../model';
import { TarFormatError } from './errors';

export const BLOCK_SIZE = 512;

/** What a header is: a real entry type, a pseudo-entry carrying metadata, or something to skip. */
export type HeaderKind =
  | EntryType
  | 'gnu-long-name'
  | 'gnu-long-link'
  | 'pax'
  | 'pax-global'
  /** Any other type flag (volume labels, multi-volume continuations, vendor types): data is skipped. */
  | 'other';

export type HeaderFormat = 'v7' | 'ustar' | 'gnu' | 'star';

export interface RawHeader {
  /** Raw name: ustar prefix + '/' + name when a POSIX prefix is present. */
  name: string;
  linkname: string;
  /** The type flag as stored (one char; '\0' for old regular files). */
  typeflag: string;
  kind: HeaderKind;
  format: HeaderFormat;
  /** Permission bits only (some writers store S_IFMT bits too). */
  mode: number;
  uid: number;
  gid: number;
  /** Bytes of data stored after this header (for GNU sparse files, the packed size). */
  size: number;
  mtime: number;
  devmajor: number;
  devminor: number;
  /** GNU sparse ('S'): real file size; -1 otherwise. */
  realSize: number;
  /** GNU sparse ('S'): sparse-map extension blocks follow this header. */
  isExtended: boolean;
}

/** Largest size accepted anywhere: beyond 2^53 a JS number loses bytes, and no real file is that big. */
export const MAX_SAFE_SIZE = Number.MAX_SAFE_INTEGER;

/** True when the 512 bytes at `off` are all zero (end-of-archive marker). */
export function isZeroBlock(buf: Uint8Array, off = 0): boolean {
  for (let i = off, end = off + BLOCK_SIZE; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * Checks the header checksum. Writers disagree on signedness (old Sun tar summed signed chars),
 * so a header is valid if either the unsigned or the signed sum matches, as GNU tar and Go accept.
 */
export function checksumMatches(buf: Uint8Array, off = 0): boolean {
  let stored: number;
  try {
    stored = parseNumeric(buf, off + 148, 8, 'checksum');
  } catch {
    return false;
  }
  const unsigned = unsignedSum(buf, off);
  if (stored === unsigned) return true;
  let high = 0;
  for (let i = off, end = off + BLOCK_SIZE; i < end; i++)
    if (buf[i]! >= 0x80 && (i < off + 148 || i >= off + 156)) high++;
  return stored === unsigned - 256 * high;
}

// A 32-bit view of the last buffer summed: headers come from a few reused read buffers, so one
// view serves them all instead of a new typed array per header.
let viewed: ArrayBufferLike | null = null;
// Signed words: their loads stay 32-bit integers in optimised code (unsigned ones above 2^31 do not).
let viewedWords: Int32Array<ArrayBufferLike> = new Int32Array(0);
function wordsOf(buffer: ArrayBufferLike): Int32Array<ArrayBufferLike> {
  if (buffer !== viewed) {
    viewedWords = new Int32Array(buffer, 0, buffer.byteLength >> 2);
    viewed = buffer;
  }
  return viewedWords;
}

/**
 * Unsigned byte sum of a header with the checksum field counted as spaces. This runs once per
 * entry, so on aligned data it sums 32-bit words: bytes 0 and 2 of each word in the two 16-bit
 * lanes of `even`, bytes 1 and 3 in those of `odd`. A lane holds at most 128 * 255 = 32640, so
 * both stay below 2^31 (integer arithmetic all along), and taking the checksum field's words
 * (37 and 38) back out borrows nothing across lanes.
 */
export function unsignedSum(buf: Uint8Array, off: number): number {
  const abs = buf.byteOffset + off;
  if ((abs & 3) === 0) {
    const words = wordsOf(buf.buffer);
    const base = abs >> 2;
    let even = 0;
    let odd = 0;
    // Four words a step: the loop's own checks cost as much as the sums.
    for (let i = base, end = base + 128; i < end; i += 4) {
      const w = words[i]!;
      const x = words[i + 1]!;
      const y = words[i + 2]!;
      const z = words[i + 3]!;
      even += (w & 0x00ff00ff) + (x & 0x00ff00ff) + (y & 0x00ff00ff) + (z & 0x00ff00ff);
      odd +=
        ((w >>> 8) & 0x00ff00ff) +
        ((x >>> 8) & 0x00ff00ff) +
        ((y >>> 8) & 0x00ff00ff) +
        ((z >>> 8) & 0x00ff00ff);
    }
    const c1 = words[base + 37]!;
    const c2 = words[base + 38]!;
    even -= (c1 & 0x00ff00ff) + (c2 & 0x00ff00ff);
    odd -= ((c1 >>> 8) & 0x00ff00ff) + ((c2 >>> 8) & 0x00ff00ff);
    return (even & 0xffff) + (even >>> 16) + (odd & 0xffff) + (odd >>> 16) + 8 * 0x20;
  }
  let sum = 8 * 0x20;
  for (let i = off, end = off + 148; i < end; i++) sum += buf[i]!;
  for (let i = off + 156, end = off + BLOCK_SIZE; i < end; i++) sum += buf[i]!;
  return sum;
}

/**
 * Parses a numeric field: octal (optionally space-padded, NUL/space terminated) or GNU base-256
 * (first byte & 0x80; 0xFF first byte = negative two's complement, used for pre-1970 mtimes).
 */
export function parseNumeric(buf: Uint8Array, off: number, len: number, field: string): number {
  const first = buf[off]!;
  if (first & 0x80) return parseBase256(buf, off, len, field);
  let i = off;
  const end = off + len;
  while (i < end && buf[i] === 0x20) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
    digits++;
  }
  // After the digits only terminators may follow (a space or NUL ends the field; the rest is ignored).
  if (i < end && buf[i] !== 0 && buf[i] !== 0x20) {
    throw new TarFormatError(`invalid octal number in the ${field} field`);
  }
  if (digits === 0) return 0;
  if (value > MAX_SAFE_SIZE) throw new TarFormatError(`${field} field exceeds 2^53`, 'TOO_LARGE');
  return value;
}

function parseBase256(buf: Uint8Array, off: number, len: number, field: string): number {
  // Negative values are the two's complement of the whole field (marker bit included), so the
  // magnitude minus one is the bitwise complement of every byte.
  const negative = (buf[off]! & 0x40) !== 0;
  let value = 0;
  for (let i = 0; i < len; i++) {
    let b = buf[off + i]!;
    if (negative) b ^= 0xff;
    else if (i === 0) b &= 0x7f; // drop the base-256 marker bit
    value = value * 256 + b;
    if (value > MAX_SAFE_SIZE) throw new TarFormatError(`${field} field exceeds 2^53`, 'TOO_LARGE');
  }
  return negative ? -(value + 1) : value;
}

/** Reads a NUL-terminated raw string field (latin1: one char per byte). */
export function readString(buf: Uint8Array, off: number, len: number): string {
  let end = off;
  const max = off + len;
  while (end < max && buf[end] !== 0) end++;
  if (end === off) return '';
  // A Buffer slices in place; a plain Uint8Array needs a Buffer view first.
  return Buffer.isBuffer(buf)
    ? buf.toString('latin1', off, end)
    : Buffer.from(buf.buffer, buf.byteOffset + off, end - off).toString('latin1');
}

const TYPE_KINDS: Record<string, HeaderKind> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file', // contiguous file: a regular file for every reader but ancient Masscomp systems
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'chardev',
  '4': 'blockdev',
  '5': 'dir',
  D: 'dir', // GNU incremental dump directory: a directory whose data (a listing) is skipped
  '6': 'fifo',
  S: 'file', // GNU sparse file: sizes come from the extra GNU fields
  L: 'gnu-long-name',
  K: 'gnu-long-link',
  x: 'pax',
  g: 'pax-global',
};

export function detectFormat(buf: Uint8Array, off: number): HeaderFormat {
  const m = off + 257;
  if (
    buf[m] === 0x75 &&
    buf[m + 1] === 0x73 &&
    buf[m + 2] === 0x74 &&
    buf[m + 3] === 0x61 &&
    buf[m + 4] === 0x72
  ) {
    // "ustar  \0" is GNU (its bytes 345.. hold atime/ctime/sparse data, not a prefix).
    if (buf[m + 5] === 0x20 && buf[m + 6] === 0x20) return 'gnu';
    if (buf[m + 5] === 0) {
      // star writes "tar\0" at 508 and uses only 131 bytes of prefix.
      const t = off + 508;
      return buf[t] === 0x74 && buf[t + 1] === 0x61 && buf[t + 2] === 0x72 && buf[t + 3] === 0
        ? 'star'
        : 'ustar';
    }
  }
  return 'v7';
}

/** The raw name of a header: ustar prefix + '/' + name when a POSIX prefix is present. */
export function headerName(buf: Uint8Array, off: number, format: HeaderFormat): string {
  const name = readString(buf, off, 100);
  if (format !== 'ustar' && format !== 'star') return name;
  const prefix = readString(buf, off + 345, format === 'star' ? 131 : 155);
  return prefix ? `${prefix}/${name}` : name;
}

/**
 * Decodes the header at `off`. Throws `TarFormatError` for a bad checksum or malformed numbers:
 * a header that fails its checksum means the stream is corrupt or out of sync, never a file.
 */
export function decodeHeader(buf: Uint8Array, off = 0): RawHeader {
  if (!checksumMatches(buf, off)) throw new TarFormatError('bad header checksum');
  const format = detectFormat(buf, off);
  const name = headerName(buf, off, format);
  const typeflag = String.fromCharCode(buf[off + 156]!);
  const kind = TYPE_KINDS[typeflag] ?? 'other';
  const sparse = typeflag === 'S' && format === 'gnu';
  const hasDev = format !== 'v7';
  return {
    name,
    linkname: readString(buf, off + 157, 100),
    typeflag,
    kind,
    format,
    mode: parseNumeric(buf, off + 100, 8, 'mode') & 0o7777,
    uid: parseNumeric(buf, off + 108, 8, 'uid'),
    gid: parseNumeric(buf, off + 116, 8, 'gid'),
    size: parseNumeric(buf, off + 124, 12, 'size'),
    mtime: parseNumeric(buf, off + 136, 12, 'mtime'),
    devmajor: hasDev ? parseNumeric(buf, off + 329, 8, 'devmajor') : 0,
    devminor: hasDev ? parseNumeric(buf, off + 337, 8, 'devminor') : 0,
    realSize: sparse ? parseNumeric(buf, off + 483, 12, 'sparse realsize') : -1,
    isExtended: sparse && buf[off + 482] !== 0,
  };
}

/** In a GNU sparse extension block, byte 504 says whether another extension block follows. */
export function sparseExtensionContinues(buf: Uint8Array, off = 0): boolean {
  return buf[off + 504] !== 0;
}
