/**
 * Turns a decoded header plus the metadata that preceded it (PAX records, GNU long names) into
 * the model's `TarEntry`. Kept apart from the state machine so the precedence rules live in one
 * place: GNU.sparse.name > PAX path > GNU long name > header name, as in Go's archive/tar.
 */
import type { EntryType, TarEntry } from '../model';
import { TarFormatError } from './errors';
import type { RawHeader } from './header';
import { withGlobals, type PaxRecords } from './pax';
import { normalizeTarPath, type NormalizedPath } from './normalize';

/** Facts about an entry that are not part of the model but matter to callers. */
export interface EntryMeta {
  /** Offset of the entry's first header (its PAX / long-name header when it has one). */
  headerOffset: number;
  /** Bytes of data stored in the tar for this entry (packed size for sparse files). */
  storedSize: number;
  /** The path has a `..` component: it may try to escape the image root. */
  hostilePath: boolean;
  /** A hardlink whose target has a `..` component. */
  hostileLink: boolean;
  /** GNU ('S') or PAX (GNU.sparse.*) sparse file: `size` is the real size, `storedSize` the packed one. */
  sparse: boolean;
  /** The raw type flag of the header. */
  typeflag: string;
}

export interface EntryContext {
  pax: PaxRecords | null;
  globalPax: PaxRecords | null;
  longName: string | null;
  longLink: string | null;
  headerOffset: number;
  dataOffset: number;
}

/**
 * Bytes that follow the header for each type, as GNU tar (the reference `tar -tvf` we check
 * against) reads them: it skips `size` bytes after every type except directories (but GNU dump
 * directories, 'D', whose data is a listing) and hardlinks,
 * whose size fields it ignores (Go's archive/tar ignores both too). Symlinks, devices and FIFOs
 * with a non-zero size therefore keep the stream in sync.
 */
export function storedSize(type: EntryType, typeflag: string, size: number): number {
  return (type === 'dir' && typeflag !== 'D') || type === 'hardlink' ? 0 : size;
}

export const NO_LINK: NormalizedPath = { path: '', hostile: false };

/** The link target an entry keeps: normalised for hardlinks, as written for symlinks, else none. */
export function linkTarget(type: EntryType, raw: string): NormalizedPath {
  if (type === 'hardlink') return normalizeTarPath(raw);
  return type === 'symlink' ? { path: raw, hostile: false } : NO_LINK;
}

export function buildEntry(h: RawHeader, ctx: EntryContext): { entry: TarEntry; meta: EntryMeta } {
  const pax = withGlobals(ctx.pax, ctx.globalPax);
  const rawName = pax?.sparse?.name ?? pax?.path ?? ctx.longName ?? h.name;
  let type = h.kind as EntryType;
  // Pre-POSIX tars mark directories only by a trailing slash on a '\0' (old regular file) entry.
  if (h.typeflag === '\0' && rawName.endsWith('/')) type = 'dir';
  const stored = storedSize(type, h.typeflag, pax?.size ?? h.size);

  const sparseReal = h.realSize >= 0 ? h.realSize : pax?.sparse?.realSize;
  const sparse = type === 'file' && sparseReal !== undefined;
  if (sparse && sparseReal < 0) throw new TarFormatError('negative sparse file size');
  if (stored < 0) throw new TarFormatError(`negative size for '${rawName}'`);

  const { path, hostile } = normalizeTarPath(rawName);
  const link = linkTarget(type, pax?.linkpath ?? ctx.longLink ?? h.linkname);
  const isDevice = type === 'chardev' || type === 'blockdev';

  const entry: TarEntry = {
    path,
    type,
    size: type === 'file' ? (sparse ? sparseReal : stored) : 0,
    mode: h.mode,
    uid: pax?.uid ?? h.uid,
    gid: pax?.gid ?? h.gid,
    mtime: pax?.mtime ?? h.mtime,
    linkname: link.path,
    devmajor: isDevice ? (pax?.devmajor ?? h.devmajor) : 0,
    devminor: isDevice ? (pax?.devminor ?? h.devminor) : 0,
    dataOffset: ctx.dataOffset,
  };
  if (pax?.xattrs) entry.xattrs = pax.xattrs;
  return {
    entry,
    meta: {
      headerOffset: ctx.headerOffset,
      storedSize: stored,
      hostilePath: hostile,
      hostileLink: link.hostile,
      sparse,
      typeflag: h.typeflag,
    },
  };
}
