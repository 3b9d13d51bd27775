/**
 * Every state a path ever had, one row per version, in typed-array columns.
 *
 * A version lives in layers [from, to): `to` is the layer that replaced or removed it (ALIVE while
 * it is still visible on top). "The filesystem as of layer n" is then a filter (from <= n < to)
 * instead of a copied tree per layer, which is what keeps per-layer views cheap. Versions are
 * appended in layer order, so the versions of layers 0..n are a prefix of the store.
 *
 * A version replaced inside the layer that created it (duplicate entries, implicit parents later
 * given explicitly) gets from == to: never visible, but its bytes are still in the layer blob,
 * which is what the reclaimable metric needs.
 */
import { type EntryType } from '../model';
import { grown, trimmed, unpinned } from './growable';

/** `to` of a version nobody has replaced yet. Also caps the layer count (docker allows 127). */
export const ALIVE = 0xffff;

export const TYPES: readonly EntryType[] = [
  'file',
  'hardlink',
  'symlink',
  'chardev',
  'blockdev',
  'dir',
  'fifo',
];
export const T_FILE = 0;
export const T_HARDLINK = 1;
export const T_DIR = 5;
const TYPE_CODE = new Map(TYPES.map((t, i) => [t, i]));
export const typeCode = (t: EntryType): number => TYPE_CODE.get(t) ?? T_FILE;

/** flags bits 0-1: how the version's layer changed the path. */
export const CHANGE_ADDED = 1;
export const CHANGE_MODIFIED = 2;
const CHANGE_MASK = 3;
/** flags bit 2: a parent directory the layer never listed, created so its children have a home. */
export const FLAG_IMPLICIT = 4;
/** flags bits 3-4: why the version stopped being visible. */
export const GONE_OVERWRITTEN = 1;
export const GONE_DELETED = 2;
export const GONE_OPAQUE = 3;
const GONE_SHIFT = 3;

export interface VersionInput {
  pathId: number;
  layer: number;
  type: number;
  flags: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  prev: number;
  /** Hardlinks: the version holding the bytes (-1 when the target was unusable). Files: ignored. */
  inode: number;
  linkname: string;
}

const U32_MAX = 0xffffffff;
const clampU32 = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.min(Math.trunc(n), U32_MAX) : 0);

export class VersionStore {
  count = 0;
  pathId = new Int32Array(1024);
  from = new Uint16Array(1024);
  to = new Uint16Array(1024);
  type = new Uint8Array(1024);
  flags = new Uint8Array(1024);
  mode = new Uint32Array(1024);
  uid = new Uint32Array(1024);
  gid = new Uint32Array(1024);
  /** Content bytes of regular files; 0 for everything else (hardlinks borrow their inode's). */
  size = new Float64Array(1024);
  /** The previous version of the same path (-1: none), newest first when walking. */
  prev = new Int32Array(1024);
  /** Version that owns the bytes: itself for files, the target's inode for hardlinks, else -1. */
  inode = new Int32Array(1024);
  /** Index into `links` (-1: no link target). */
  link = new Int32Array(1024);
  readonly links: string[] = [];

  /** The columns are replaced as they grow: see `unpinned`. */
  constructor() {
    this.pathId = unpinned(this.pathId);
    this.from = unpinned(this.from);
    this.to = unpinned(this.to);
    this.type = unpinned(this.type);
    this.flags = unpinned(this.flags);
    this.mode = unpinned(this.mode);
    this.uid = unpinned(this.uid);
    this.gid = unpinned(this.gid);
    this.size = unpinned(this.size);
    this.prev = unpinned(this.prev);
    this.inode = unpinned(this.inode);
    this.link = unpinned(this.link);
  }

  append(v: VersionInput): number {
    const id = this.count++;
    if (this.count > this.pathId.length) this.grow(this.count);
    this.pathId[id] = v.pathId;
    this.from[id] = v.layer;
    this.to[id] = ALIVE;
    this.type[id] = v.type;
    this.flags[id] = v.flags;
    this.mode[id] = clampU32(v.mode);
    this.uid[id] = clampU32(v.uid);
    this.gid[id] = clampU32(v.gid);
    this.size[id] = v.type === T_FILE && Number.isFinite(v.size) && v.size > 0 ? v.size : 0;
    this.prev[id] = v.prev;
    this.inode[id] = v.type === T_FILE ? id : v.type === T_HARDLINK ? v.inode : -1;
    if (v.linkname === '') this.link[id] = -1;
    else {
      this.link[id] = this.links.length;
      this.links.push(v.linkname);
    }
    return id;
  }

  /** Grows every column at once (appends check one length, not twelve). */
  private grow(n: number): void {
    this.pathId = grown(this.pathId, n);
    this.from = grown(this.from, n);
    this.to = grown(this.to, n);
    this.type = grown(this.type, n);
    this.flags = grown(this.flags, n);
    this.mode = grown(this.mode, n);
    this.uid = grown(this.uid, n);
    this.gid = grown(this.gid, n);
    this.size = grown(this.size, n);
    this.prev = grown(this.prev, n);
    this.inode = grown(this.inode, n);
    this.link = grown(this.link, n);
  }

  /** Marks a version replaced or removed by `layer`, remembering why. */
  retire(id: number, layer: number, gone: number): void {
    this.to[id] = layer;
    this.flags[id] = (this.flags[id]! & ~(3 << GONE_SHIFT)) | (gone << GONE_SHIFT);
  }

  change(id: number): number {
    return this.flags[id]! & CHANGE_MASK;
  }

  gone(id: number): number {
    return (this.flags[id]! >> GONE_SHIFT) & 3;
  }

  linkname(id: number): string {
    const i = this.link[id]!;
    return i < 0 ? '' : (this.links[i] ?? '');
  }

  /** Bytes a version shows as its size: files their own, hardlinks their inode's. */
  shownSize(id: number): number {
    const t = this.type[id];
    if (t === T_FILE) return this.size[id]!;
    if (t === T_HARDLINK) {
      const ino = this.inode[id]!;
      return ino >= 0 ? this.size[ino]! : 0;
    }
    return 0;
  }

  /** The version of a path visible as of `layer` (from <= layer < to), or -1. */
  visibleAt(lastVersion: number, layer: number): number {
    for (let v = lastVersion; v >= 0; v = this.prev[v]!) {
      if (this.from[v]! <= layer) return this.to[v]! > layer ? v : -1;
    }
    return -1;
  }

  compact(): void {
    const n = this.count;
    this.pathId = trimmed(this.pathId, n);
    this.from = trimmed(this.from, n);
    this.to = trimmed(this.to, n);
    this.type = trimmed(this.type, n);
    this.flags = trimmed(this.flags, n);
    this.mode = trimmed(this.mode, n);
    this.uid = trimmed(this.uid, n);
    this.gid = trimmed(this.gid, n);
    this.size = trimmed(this.size, n);
    this.prev = trimmed(this.prev, n);
    this.inode = trimmed(this.inode, n);
    this.link = trimmed(this.link, n);
  }

  /** Column bytes plus a rough 40 bytes per stored link target string. */
  byteLength(): number {
    const cols = [this.pathId, this.from, this.to, this.type, this.flags, this.mode, this.uid, this.gid];
    const more = [this.size, this.prev, this.inode, this.link];
    let total = this.links.length * 40;
    for (const c of [...cols, ...more]) total += c.byteLength;
    return total;
  }
}
