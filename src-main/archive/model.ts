/**
 * The archive analyzer's data model. Pure types: shared by the tar reader, the layout
 * interpreters, the layer merge and the metrics.
 *
 * Paths are "raw strings": one JS char per byte of the name as stored in the tar (latin1), so
 * non-UTF-8 names survive exactly. Convert with `displayPath()` only when showing them.
 * Paths are normalised: no leading `./` or `/`, no `//`, no trailing `/`; the root is ''.
 */

export type EntryType = 'file' | 'hardlink' | 'symlink' | 'chardev' | 'blockdev' | 'dir' | 'fifo';

/** One tar entry of a layer, after PAX / GNU long-name records are applied. */
export interface TarEntry {
  /** Normalised raw path (see above). */
  path: string;
  type: EntryType;
  /** Content bytes (the real size for sparse files; 0 for everything but regular files). */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** Raw link target: for hardlinks a normalised root-relative path, for symlinks as written. */
  linkname: string;
  devmajor: number;
  devminor: number;
  /** Byte offset of the entry's data inside the (uncompressed) layer tar. */
  dataOffset: number;
  /** PAX xattrs (SCHILY.xattr.*), values as raw bytes. Absent when none. */
  xattrs?: Record<string, Uint8Array>;
}

export type Compression = 'none' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

/** What one layer blob holds, as read from the archive. */
export interface LayerScan {
  /** The blob's path inside the archive (after following symlinks). */
  blobPath: string;
  /** Compression sniffed from the blob's magic bytes. */
  compression: Compression;
  /** Bytes of the blob as stored in the archive. */
  blobBytes: number;
  /** Bytes of the uncompressed layer tar. */
  tarBytes: number;
  entries: TarEntry[];
  /** `sha256:` of the uncompressed tar when it was computed (verify mode), else null. */
  diffIdComputed: string | null;
}

export const displayPath = (raw: string): string => Buffer.from(raw, 'latin1').toString('utf8');
export const rawPath = (display: string): string => Buffer.from(display, 'utf8').toString('latin1');

/** Errors the analyzer throws for unusable input: always name the file and the reason. */
export class ArchiveError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly code: 'NOT_AN_IMAGE' | 'CORRUPT' | 'UNSUPPORTED' | 'TOO_LARGE' | 'CANCELLED' = 'CORRUPT',
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ArchiveError';
  }
}
