/**
 * Interned paths: every distinct path ever seen in any layer gets a small integer id, stored as
 * (parent id, name bytes) in typed arrays with an open-addressing hash table over them.
 *
 * Why not a `Map<string, number>` of full paths: a million paths would cost a million JS strings
 * (plus sliced-string parents kept alive) and map entries, ~100 MB. Here a path costs ~30 bytes
 * plus its name's bytes, and the table is shared by the merge and the dive metrics.
 *
 * Invariant the merge relies on: a parent is always interned before its children, so parent ids
 * are smaller than child ids and one reverse sweep over ids folds children into parents.
 * Id 0 is the root ('').
 */
import { grown, trimmed, unpinned } from './growable';

const EMPTY = 0;

export class PathIndex {
  private count = 1;
  private parentOf = new Int32Array(1024).fill(-1);
  private hashOf = new Int32Array(1024);
  private nameStart = new Int32Array(1024);
  private nameLength = new Int32Array(1024);
  private firstChildOf = new Int32Array(1024).fill(-1);
  private nextSiblingOf = new Int32Array(1024).fill(-1);
  /** Name bytes, concatenated: names are latin1 raw strings, one byte per char. */
  private pool = new Uint8Array(1 << 16);
  private poolUsed = 0;
  /** Open addressing, linear probing; slots hold id + 1 (0 = empty). Kept at most half full. */
  private table = new Int32Array(2048);

  /** The columns are replaced as they grow: see `unpinned`. */
  constructor() {
    this.parentOf = unpinned(this.parentOf);
    this.hashOf = unpinned(this.hashOf);
    this.nameStart = unpinned(this.nameStart);
    this.nameLength = unpinned(this.nameLength);
    this.firstChildOf = unpinned(this.firstChildOf);
    this.nextSiblingOf = unpinned(this.nextSiblingOf);
    this.pool = unpinned(this.pool);
    this.table = unpinned(this.table);
  }

  /** Number of interned paths, root included. Ids are 0 .. size - 1. */
  get size(): number {
    return this.count;
  }

  parent(id: number): number {
    return this.parentOf[id] ?? -1;
  }

  firstChild(id: number): number {
    return this.firstChildOf[id] ?? -1;
  }

  nextSibling(id: number): number {
    return this.nextSiblingOf[id] ?? -1;
  }

  /** The last component, as a raw string. */
  name(id: number): string {
    const start = this.nameStart[id] ?? 0;
    const length = this.nameLength[id] ?? 0;
    const pool = this.pool;
    if (length <= 16) {
      // Short names: a loop beats building a Buffer view (and spreading a subarray).
      let s = '';
      for (let i = start, end = start + length; i < end; i++) s += String.fromCharCode(pool[i]!);
      return s;
    }
    return Buffer.from(pool.buffer, pool.byteOffset + start, length).toString('latin1');
  }

  /** The full normalised raw path ('' for the root). */
  pathOf(id: number): string {
    const names: string[] = [];
    for (let cur = id; cur > 0; cur = this.parent(cur)) names.push(this.name(cur));
    return names.reverse().join('/');
  }

  lookup(parentId: number, name: string): number {
    const hash = hashName(parentId, name);
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === EMPTY) return -1;
      const id = entry - 1;
      if (this.hashOf[id] === hash && this.parentOf[id] === parentId && this.nameEquals(id, name)) return id;
    }
  }

  intern(parentId: number, name: string): number {
    const found = this.lookup(parentId, name);
    return found >= 0 ? found : this.add(parentId, name);
  }

  internParts(parts: readonly string[]): number {
    let id = 0;
    for (const part of parts) id = this.intern(id, part);
    return id;
  }

  lookupParts(parts: readonly string[]): number {
    let id = 0;
    for (const part of parts) {
      id = this.lookup(id, part);
      if (id < 0) return -1;
    }
    return id;
  }

  /** Drops the doubling slack; the index stays usable (interning just grows it again). */
  compact(): void {
    const n = this.count;
    this.parentOf = trimmed(this.parentOf, n);
    this.hashOf = trimmed(this.hashOf, n);
    this.nameStart = trimmed(this.nameStart, n);
    this.nameLength = trimmed(this.nameLength, n);
    this.firstChildOf = trimmed(this.firstChildOf, n);
    this.nextSiblingOf = trimmed(this.nextSiblingOf, n);
    this.pool = trimmed(this.pool, this.poolUsed);
  }

  /** Bytes held by the index's arrays (what a million paths really cost). */
  byteLength(): number {
    return (
      this.parentOf.byteLength +
      this.hashOf.byteLength +
      this.nameStart.byteLength +
      this.nameLength.byteLength +
      this.firstChildOf.byteLength +
      this.nextSiblingOf.byteLength +
      this.pool.byteLength +
      this.table.byteLength
    );
  }

  private add(parentId: number, name: string): number {
    const id = this.count++;
    const n = this.count;
    if (n > this.parentOf.length) this.grow(n);
    if (this.poolUsed + name.length > this.pool.length)
      this.pool = grown(this.pool, this.poolUsed + name.length);
    for (let i = 0; i < name.length; i++) this.pool[this.poolUsed + i] = name.charCodeAt(i);
    this.nameStart[id] = this.poolUsed;
    this.nameLength[id] = name.length;
    this.poolUsed += name.length;
    const hash = hashName(parentId, name);
    this.parentOf[id] = parentId;
    this.hashOf[id] = hash;
    this.nextSiblingOf[id] = this.firstChildOf[parentId]!;
    this.firstChildOf[parentId] = id;
    if (n * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(id, hash);
    return id;
  }

  /** Grows the per-id columns together (one length check per added path). */
  private grow(n: number): void {
    this.parentOf = grown(this.parentOf, n, -1);
    this.hashOf = grown(this.hashOf, n);
    this.nameStart = grown(this.nameStart, n);
    this.nameLength = grown(this.nameLength, n);
    this.firstChildOf = grown(this.firstChildOf, n, -1);
    this.nextSiblingOf = grown(this.nextSiblingOf, n, -1);
  }

  private place(id: number, hash: number): void {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.table[slot] = id + 1;
  }

  private rehash(capacity: number): void {
    this.table = new Int32Array(capacity);
    for (let id = 1; id < this.count; id++) this.place(id, this.hashOf[id]!);
  }

  private nameEquals(id: number, name: string): boolean {
    if (this.nameLength[id] !== name.length) return false;
    const start = this.nameStart[id]!;
    for (let i = 0; i < name.length; i++) if (this.pool[start + i] !== name.charCodeAt(i)) return false;
    return true;
  }
}

/** FNV-1a over the name's bytes, seeded with the parent id, then a murmur-style finaliser. */
function hashName(parentId: number, name: string): number {
  let h = Math.imul(parentId ^ 0x9e3779b9, 0x85ebca6b) ^ 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h | 0;
}
