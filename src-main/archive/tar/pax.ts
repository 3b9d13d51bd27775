/**
 * PAX extended header records ("N key=value\n", N counting the whole record), the way POSIX.1-2001
 * tars (GNU tar --format=pax, Go's archive/tar, BuildKit) carry long names, big sizes and xattrs.
 *
 * Values are raw bytes: names stay raw latin1 strings like header names, and xattr values stay
 * `Uint8Array`s because they are binary (`security.capability`). Only the keys an analyzer needs
 * are interpreted; others are ignored, as POSIX allows.
 */
import { TarFormatError } from './errors';

/** Largest pseudo-entry body (PAX record set, GNU long name/link) accepted, as Go and libarchive do. */
export const MAX_META_BODY = 1024 * 1024;

export interface PaxSparse {
  major?: number;
  minor?: number;
  /** Real size of the sparse file: GNU.sparse.realsize (1.0) or GNU.sparse.size (0.x). */
  realSize?: number;
  /** GNU.sparse.name: the real name (1.0 stores `GNUSparseFile.N/name` in the header). */
  name?: string;
}

export interface PaxRecords {
  path?: string;
  linkpath?: string;
  size?: number;
  uid?: number;
  gid?: number;
  /** Seconds since the epoch, possibly fractional. */
  mtime?: number;
  devmajor?: number;
  devminor?: number;
  xattrs?: Record<string, Uint8Array>;
  sparse?: PaxSparse;
}

const XATTR_PREFIX = 'SCHILY.xattr.';
const DECIMAL = /^[0-9]+$/;
const TIME = /^-?[0-9]+(\.[0-9]+)?$/;

function latin1(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
}

function integer(key: string, value: string): number {
  if (!DECIMAL.test(value)) throw new TarFormatError(`invalid PAX ${key} value '${value.slice(0, 40)}'`);
  const n = Number(value);
  if (n > Number.MAX_SAFE_INTEGER) throw new TarFormatError(`PAX ${key} exceeds 2^53`, 'TOO_LARGE');
  return n;
}

/** Calls `onRecord(key, value)` for each record of a PAX body; throws on malformed records. */
export function forEachPaxRecord(body: Uint8Array, onRecord: (key: string, value: Uint8Array) => void): void {
  let pos = 0;
  const n = body.length;
  while (pos < n) {
    // Some writers pad the body with NULs: trailing NULs end the record list.
    if (body[pos] === 0) {
      for (let i = pos; i < n; i++) if (body[i] !== 0) throw new TarFormatError('garbage after PAX records');
      return;
    }
    let len = 0;
    let i = pos;
    while (i < n && body[i]! >= 0x30 && body[i]! <= 0x39 && i - pos < 16)
      len = len * 10 + (body[i++]! - 0x30);
    if (i === pos || body[i] !== 0x20) throw new TarFormatError(`malformed PAX record length at byte ${pos}`);
    const end = pos + len;
    if (len <= i - pos + 1 || end > n || body[end - 1] !== 0x0a) {
      throw new TarFormatError(`PAX record length ${len} at byte ${pos} does not fit the header`);
    }
    const keyStart = i + 1;
    let eq = keyStart;
    while (eq < end - 1 && body[eq] !== 0x3d) eq++;
    if (eq === keyStart || eq >= end - 1)
      throw new TarFormatError(`PAX record without a key=value at byte ${pos}`);
    onRecord(latin1(body, keyStart, eq), body.subarray(eq + 1, end - 1));
    pos = end;
  }
}

/**
 * Parses a PAX body into `into` (later records override earlier ones). An empty value deletes a
 * key's effect (POSIX), except for xattrs, where an empty value is an empty attribute.
 */
export function parsePax(body: Uint8Array, into: PaxRecords = {}): PaxRecords {
  forEachPaxRecord(body, (key, raw) => {
    if (key.startsWith(XATTR_PREFIX)) {
      (into.xattrs ??= {})[key.slice(XATTR_PREFIX.length)] = new Uint8Array(raw); // a copy: `raw` may view a reused buffer
      return;
    }
    const value = raw.length === 0 ? '' : latin1(raw, 0, raw.length);
    KEYS.get(key)?.(into, value === '' ? undefined : value);
  });
  return into;
}

type Setter = (r: PaxRecords, v: string | undefined) => void;
const sparse = (r: PaxRecords): PaxSparse => (r.sparse ??= {});
const KEYS = new Map<string, Setter>(
  Object.entries({
    path: (r, v) => (r.path = v),
    linkpath: (r, v) => (r.linkpath = v),
    size: (r, v) => (r.size = v === undefined ? v : integer('size', v)),
    uid: (r, v) => (r.uid = v === undefined ? v : integer('uid', v)),
    gid: (r, v) => (r.gid = v === undefined ? v : integer('gid', v)),
    mtime: (r, v) => {
      if (v !== undefined && !TIME.test(v)) throw new TarFormatError(`invalid PAX mtime '${v.slice(0, 40)}'`);
      r.mtime = v === undefined ? v : Number(v);
    },
    'SCHILY.devmajor': (r, v) => (r.devmajor = v === undefined ? v : integer('devmajor', v)),
    'SCHILY.devminor': (r, v) => (r.devminor = v === undefined ? v : integer('devminor', v)),
    'GNU.sparse.major': (r, v) => (sparse(r).major = v === undefined ? v : integer('GNU.sparse.major', v)),
    'GNU.sparse.minor': (r, v) => (sparse(r).minor = v === undefined ? v : integer('GNU.sparse.minor', v)),
    'GNU.sparse.realsize': (r, v) =>
      (sparse(r).realSize = v === undefined ? v : integer('GNU.sparse.realsize', v)),
    'GNU.sparse.size': (r, v) => (sparse(r).realSize = v === undefined ? v : integer('GNU.sparse.size', v)),
    'GNU.sparse.name': (r, v) => (sparse(r).name = v),
  } satisfies Record<string, Setter>),
);

/**
 * Merges global records ('g' headers) under local ones. Path, linkpath, size and sparse data are
 * per-file by nature: a global `path` would rename every entry, so those are never inherited.
 */
export function withGlobals(local: PaxRecords | null, global: PaxRecords | null): PaxRecords | null {
  if (!global) return local;
  const merged: PaxRecords = { ...local };
  merged.uid ??= global.uid;
  merged.gid ??= global.gid;
  merged.mtime ??= global.mtime;
  return merged;
}
