/**
 * A layer's entries in a form that crosses a thread boundary cheaply: numbers in one Float64Array
 * (transferred, not copied), every path and link target in one string (a single copy), instead
 * of a structured clone of a hundred thousand objects. Unpacking rebuilds TarEntry objects of
 * the same shape buildEntry makes.
 */
import type { LayerScan, TarEntry } from '../model';
import { TYPES, typeCode } from '../merge/version-store';
/** Numbers per entry: type, size, mode, uid, gid, mtime, devmajor, devminor, dataOffset, path length, link length. */
const W = 11;

export interface PackedEntries {
  count: number;
  nums: Float64Array;
  /** Paths and link targets, concatenated (raw strings: one char per byte). */
  text: string;
  /** Entries with PAX xattrs, by index (rare). */
  xattrs: [number, Record<string, Uint8Array>][];
}

export type PackedScan = Omit<LayerScan, 'entries'> & { packed: PackedEntries };

/** Packs entries as they come, so none of them outlives its header (little for the GC to move). */
export class EntryPacker {
  private count = 0;
  private nums = new Float64Array(1024 * W);
  private readonly text: string[] = [];
  private readonly xattrs: [number, Record<string, Uint8Array>][] = [];

  push = (e: TarEntry): void => {
    const i = this.count++;
    if (this.count * W > this.nums.length) {
      const next = new Float64Array(this.nums.length * 2);
      next.set(this.nums);
      this.nums = next;
    }
    const { nums } = this;
    const o = i * W;
    nums[o] = typeCode(e.type);
    nums[o + 1] = e.size;
    nums[o + 2] = e.mode;
    nums[o + 3] = e.uid;
    nums[o + 4] = e.gid;
    nums[o + 5] = e.mtime;
    nums[o + 6] = e.devmajor;
    nums[o + 7] = e.devminor;
    nums[o + 8] = e.dataOffset;
    nums[o + 9] = e.path.length;
    nums[o + 10] = e.linkname.length;
    this.text.push(e.path, e.linkname);
    if (e.xattrs) this.xattrs.push([i, e.xattrs]);
  };

  finish(): PackedEntries {
    return {
      count: this.count,
      nums: this.nums.slice(0, this.count * W),
      text: this.text.join(''),
      xattrs: this.xattrs,
    };
  }
}

export function unpackEntries(p: PackedEntries): TarEntry[] {
  const { nums, text } = p;
  const entries = new Array<TarEntry>(p.count);
  let at = 0;
  for (let i = 0, o = 0; i < p.count; i++, o += W) {
    const path = text.slice(at, (at += nums[o + 9]!));
    const linkname = nums[o + 10]! > 0 ? text.slice(at, (at += nums[o + 10]!)) : '';
    entries[i] = {
      path,
      type: TYPES[nums[o]!]!,
      size: nums[o + 1]!,
      mode: nums[o + 2]!,
      uid: nums[o + 3]!,
      gid: nums[o + 4]!,
      mtime: nums[o + 5]!,
      linkname,
      devmajor: nums[o + 6]!,
      devminor: nums[o + 7]!,
      dataOffset: nums[o + 8]!,
    };
  }
  for (const [i, x] of p.xattrs) entries[i]!.xattrs = x;
  return entries;
}

export function unpackScan(scan: PackedScan): LayerScan {
  const { packed, ...rest } = scan;
  return { ...rest, entries: unpackEntries(packed) };
}
