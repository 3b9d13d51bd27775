/**
 * Per-layer aggregates behind the directory queries: which version of each path is visible as
 * of layer n, directory totals and child counts; and for the "layer-only" view, which paths
 * layer n touched and the bytes it wrote below each directory.
 *
 * They are computed lazily, one linear pass over the versions plus one reverse sweep over path
 * ids (children have larger ids than parents, so the sweep folds each child into its parent),
 * and a few are cached: the window asks for one layer at a time, so recomputing a layer costs one
 * pass when the user switches, and opening directories within it costs nothing extra.
 */
import { type PathIndex } from './path-index';
import { T_DIR, T_FILE, T_HARDLINK, type VersionStore } from './version-store';

export interface MergedAggregate {
  /** Per path id: the version visible as of the layer, or -1. */
  visible: Int32Array;
  /** Per path id: bytes at or below the path, each inode counted once in the whole tree. */
  total: Float64Array;
  /** Per path id: visible children. */
  childCount: Int32Array;
  files: number;
  dirs: number;
}

export interface LayerOnlyAggregate {
  /** Per path id: entries the layer added, modified or removed at or below the path. */
  touched: Int32Array;
  /** Per path id: regular-file bytes the layer wrote at or below the path. */
  bytes: Float64Array;
  /** Per path id: children with touched > 0. */
  childCount: Int32Array;
}

/** Small LRU so switching back and forth between two layers does not recompute. */
class Lru<T> {
  private readonly map = new Map<number, T>();
  constructor(private readonly capacity: number) {}

  get(key: number, make: () => T): T {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = make();
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as number);
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}

export class LayerViews {
  private readonly mergedCache = new Lru<MergedAggregate>(3);
  private readonly layerOnlyCache = new Lru<LayerOnlyAggregate>(2);

  constructor(
    private readonly index: PathIndex,
    private readonly store: VersionStore,
    /** First version id of each layer. */
    private readonly layerStart: readonly number[],
  ) {}

  merged(layer: number): MergedAggregate {
    return this.mergedCache.get(layer, () => this.computeMerged(layer));
  }

  layerOnly(layer: number): LayerOnlyAggregate {
    return this.layerOnlyCache.get(layer, () => this.computeLayerOnly(layer));
  }

  clear(): void {
    this.mergedCache.clear();
    this.layerOnlyCache.clear();
  }

  /** Versions of layers 0..layer are the prefix [0, end). */
  private endOf(layer: number): number {
    return this.layerStart[layer + 1] ?? this.store.count;
  }

  private computeMerged(layer: number): MergedAggregate {
    const { store, index } = this;
    const paths = index.size;
    const visible = new Int32Array(paths).fill(-1);
    const end = this.endOf(layer);
    for (let v = 0; v < end; v++) if (store.to[v]! > layer) visible[store.pathId[v]!] = v;
    const total = new Float64Array(paths);
    const childCount = new Int32Array(paths);
    // An inode's bytes go to the first of its visible links met in the sweep, and only there.
    const claimed = new Uint8Array(store.count);
    let files = 0;
    let dirs = 0;
    for (let p = paths - 1; p >= 1; p--) {
      const v = visible[p]!;
      if (v < 0) continue;
      const t = store.type[v]!;
      if (t === T_DIR) dirs++;
      else files++;
      if (t === T_FILE || t === T_HARDLINK) {
        const ino = store.inode[v]!;
        if (ino >= 0 && claimed[ino] === 0) {
          claimed[ino] = 1;
          total[p] = total[p]! + store.size[ino]!;
        }
      }
      const parent = index.parent(p);
      total[parent] = total[parent]! + total[p]!;
      childCount[parent] = childCount[parent]! + 1;
    }
    return { visible, total, childCount, files, dirs };
  }

  private computeLayerOnly(layer: number): LayerOnlyAggregate {
    const { store, index } = this;
    const paths = index.size;
    const touched = new Int32Array(paths);
    const bytes = new Float64Array(paths);
    const childCount = new Int32Array(paths);
    const start = this.layerStart[layer] ?? store.count;
    const end = this.endOf(layer);
    // Versions the layer left visible (those it also replaced are invisible churn).
    for (let v = start; v < end; v++) {
      if (store.to[v] === layer) continue;
      const p = store.pathId[v]!;
      if (p === 0) continue;
      touched[p] = 1;
      if (store.type[v] === T_FILE) bytes[p] = store.size[v]!;
    }
    // Lower versions the layer removed or replaced.
    for (let v = 0; v < start; v++) {
      if (store.to[v] !== layer) continue;
      const p = store.pathId[v]!;
      if (p !== 0) touched[p] = 1;
    }
    for (let p = paths - 1; p >= 1; p--) {
      if (touched[p] === 0) continue;
      const parent = index.parent(p);
      touched[parent] = touched[parent]! + touched[p]!;
      bytes[parent] = bytes[parent]! + bytes[p]!;
      childCount[parent] = childCount[parent]! + 1;
    }
    return { touched, bytes, childCount };
  }
}
