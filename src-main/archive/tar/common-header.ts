/**
 * The common case of a header, decoded straight into the model's `TarEntry` and its `EntryMeta`:
 * a ustar, GNU or v7 header of a plain type (file, dir, link, device, FIFO) with octal numbers
 * and a valid unsigned checksum, with no PAX or GNU long-name record waiting for it. Nearly every
 * header of a layer is one, and this skips the `RawHeader`, the metadata context and the strings
 * nobody reads (a file's link name).
 *
 * It returns null for anything else (bad checksum or numbers, base-256, sparse, pseudo-entries,
 * unknown types): the parser then runs `decodeHeader` + `buildEntry`, which own every error
 * message. So it never throws, and whenever it answers, the answer is what those two would give
 * (checked header by header in common-header.test.ts).
 */
import type { EntryType, TarEntry } from '../model';
import { NO_LINK, linkTarget, storedSize, type EntryMeta } from './entry';
import { MAX_SAFE_SIZE, detectFormat, headerName, readString, unsignedSum } from './header';
import { normalizeTarPath } from './normalize';

export interface DecodedEntry {
  entry: TarEntry;
  meta: EntryMeta;
}

/** Entry type of each type flag byte the fast path takes (as TYPE_KINDS in header.ts). */
const PLAIN_KINDS: (EntryType | undefined)[] = [];
PLAIN_KINDS[0x00] = 'file';
PLAIN_KINDS[0x30] = 'file';
PLAIN_KINDS[0x37] = 'file';
PLAIN_KINDS[0x31] = 'hardlink';
PLAIN_KINDS[0x32] = 'symlink';
PLAIN_KINDS[0x33] = 'chardev';
PLAIN_KINDS[0x34] = 'blockdev';
PLAIN_KINDS[0x35] = 'dir';
PLAIN_KINDS[0x36] = 'fifo';

/**
 * An octal field as `parseNumeric` reads it, or -1 where that would throw or read base-256
 * (the fields are never negative in octal, so -1 is free).
 */
function octal(buf: Uint8Array, off: number, len: number): number {
  let c = buf[off]!;
  if (c === 0) return 0; // an empty field
  if (c & 0x80) return -1;
  const end = off + len;
  let i = off;
  while (c === 0x20 && ++i < end) c = buf[i]!;
  let value = 0;
  for (; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 7) break;
    value = value * 8 + d;
  }
  if (i < end && buf[i] !== 0 && buf[i] !== 0x20) return -1;
  return value > MAX_SAFE_SIZE ? -1 : value;
}

/** Decodes the header at `off` when it is a plain one (see above), else returns null. */
export function decodePlainEntry(
  buf: Buffer,
  off: number,
  headerOffset: number,
  dataOffset: number,
): DecodedEntry | null {
  const flag = buf[off + 156]!;
  let type = PLAIN_KINDS[flag];
  if (type === undefined) return null;
  const checksum = octal(buf, off + 148, 8);
  if (checksum < 0 || checksum !== unsignedSum(buf, off)) return null;
  const format = detectFormat(buf, off);
  const mode = octal(buf, off + 100, 8);
  const uid = octal(buf, off + 108, 8);
  const gid = octal(buf, off + 116, 8);
  const size = octal(buf, off + 124, 12);
  const mtime = octal(buf, off + 136, 12);
  const hasDev = format !== 'v7';
  const devmajor = hasDev ? octal(buf, off + 329, 8) : 0;
  const devminor = hasDev ? octal(buf, off + 337, 8) : 0;
  if ((mode | uid | gid | devmajor | devminor) < 0 || size < 0 || mtime < 0) return null;

  const rawName = headerName(buf, off, format);
  // Pre-POSIX tars mark directories only by a trailing slash on a '\0' (old regular file) entry.
  if (flag === 0 && rawName.endsWith('/')) type = 'dir';
  const typeflag = String.fromCharCode(flag);
  const stored = storedSize(type, typeflag, size);
  const { path, hostile } = normalizeTarPath(rawName);
  // The link field is read only when the type keeps it.
  const link =
    type === 'hardlink' || type === 'symlink' ? linkTarget(type, readString(buf, off + 157, 100)) : NO_LINK;
  const isDevice = type === 'chardev' || type === 'blockdev';
  // Same fields in the same order as buildEntry's, so both make objects of one shape.
  const entry: TarEntry = {
    path,
    type,
    size: type === 'file' ? stored : 0,
    mode: mode & 0o7777,
    uid,
    gid,
    mtime,
    linkname: link.path,
    devmajor: isDevice ? devmajor : 0,
    devminor: isDevice ? devminor : 0,
    dataOffset,
  };
  const meta: EntryMeta = {
    headerOffset,
    storedSize: stored,
    hostilePath: hostile,
    hostileLink: link.hostile,
    sparse: false,
    typeflag,
  };
  return { entry, meta };
}
