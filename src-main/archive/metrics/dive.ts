/**
 * dive-compatible image efficiency. Users compare our numbers with dive's, so this reproduces
 * dive's algorithm, quirks included, rather than what would be "right" (see reclaimable.ts for
 * that). Source followed: wagoodman/dive
 *   - dive/filetree/efficiency.go `Efficiency()`: visit the LEAVES of every layer's own tree; a
 *     whiteout leaf is sized by what it removes from the stack of the layers below, but only when
 *     that was a directory (all sizes in its subtree), else 0; other leaves by their header size
 *     (directories 0); per path keep the sum and the minimum; a path met twice is "inefficient";
 *     score = sum of minimums / sum of sums, 1 when the sum is 0.
 *   - dive/filetree/file_tree.go `AddPath()` / `Stack()`: names starting `.wh..wh.` (opaque
 *     markers, aufs metadata) are never added, so opaque directories hide nothing; a node the
 *     layer only implies (a parent with no entry of its own) carries an empty FileInfo, and
 *     stacking copies that over the lower node (it then counts as a 0-byte non-directory).
 *   - dive/image/docker/image_archive.go: layer size = sum of header sizes of the layer's entries.
 *   - dive/image/image.go `Analyze()`: wastedBytes = sum of the sums of inefficient paths (the
 *     surviving copy included); userSizeBytes = layer sizes after the first.
 *   - runtime/export/export.go: inefficient files are listed largest sum first.
 *
 * Deliberate deviations (documented so nobody "fixes" them back):
 *   - A whiteout whose target is not in the lower stack is skipped. dive aborts the rest of that
 *     layer's walk and leaves a -1 minimum in its map, which skews the score.
 *   - Paths with `..` are skipped (dive would lexically clean them).
 *   - Within one layer, removals are applied before additions (dive: by name order).
 *   - wastedUserPercent is 0 when userSizeBytes is 0 (dive divides by zero: NaN or +Inf).
 *
 * Memory: a few typed-array columns per interned path (~55 bytes), no per-layer tree copies:
 * dive re-stacks all lower layers for every whiteout, we keep one running stack.
 */
import { type TarEntry } from '../model';
import { grown } from '../merge/growable';
import { K_OPAQUE, K_SKIP, K_WHITEOUT, type LayerPlan } from '../merge/layer-changes';
import { PathIndex } from '../merge/path-index';
import { splitPath, WHITEOUT_META_PREFIX, WHITEOUT_PREFIX } from '../merge/paths';

export interface DiveInefficientFile {
  /** Normalised raw path (no leading '/'; dive prints it with one). */
  path: string;
  /** Layers the path was seen in (dive's "count"). */
  count: number;
  /** Sum of the sizes seen (dive's "sizeBytes"). */
  sizeBytes: number;
}

export interface DiveReport {
  efficiency: number;
  sizeBytes: number;
  userSizeBytes: number;
  wastedBytes: number;
  wastedUserPercent: number;
  layers: { index: number; sizeBytes: number }[];
  /** Largest first; ties in reverse order of discovery, as dive's export lists them. */
  inefficientFiles: DiveInefficientFile[];
  /** Whiteouts whose target was not in the lower stack (dive errors on those). */
  skippedWhiteouts: number;
}

/** The layer being added: its stamp, the nodes and whiteout nodes met, dive's layer size. */
interface LayerWalk {
  stamp: number;
  nodes: number[];
  whiteouts: number[];
  size: number;
}

const SUMS = 0;
const MINS = 1;
const WASTED = 2;

export class DiveAccumulator {
  private readonly layerSizes: number[] = [];
  private capacity = 0;
  // Scratch for the layer being read; stamps (layer + 1) avoid clearing the arrays per layer.
  private nodeStamp = new Int32Array(0);
  private parentStamp = new Int32Array(0);
  private entryStamp = new Int32Array(0);
  private entrySize = new Float64Array(0);
  private entryIsDir = new Uint8Array(0);
  // dive's running stack of the layers applied so far.
  private stacked = new Uint8Array(0);
  private stackSize = new Float64Array(0);
  private stackIsDir = new Uint8Array(0);
  // Efficiency data per path.
  private seen = new Uint16Array(0);
  private sum = new Float64Array(0);
  private min = new Float64Array(0);
  /**
   * Running totals: sum of sizes, sum of minimum sizes, wasted bytes. Kept in a typed array, not
   * number fields: a field that starts as a small integer and outgrows it changes the object's
   * hidden class, which throws away every optimized function that touched this accumulator.
   */
  private readonly totals = new Float64Array(3);
  private readonly inefficient: number[] = [];
  private skipped = 0;
  /** Scratch for mark(). */
  private readonly chain: number[] = [];

  constructor(private readonly index: PathIndex = new PathIndex()) {}

  addLayer(entries: readonly TarEntry[]): void {
    const layer = this.beginLayer();
    for (const entry of entries) this.addByPath(entry, layer);
    this.endLayer(layer);
  }

  /**
   * The same as `addLayer`, reusing the merge's plan of the layer (MergedTreeBuilder.lastPlan):
   * paths it resolved are not split and interned again. Entries it refused take addLayer's route.
   */
  addPlannedLayer(entries: readonly TarEntry[], plan: LayerPlan): void {
    const layer = this.beginLayer();
    const { kinds, parentIds, pathIds, names } = plan;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const kind = kinds[i];
      const parent = parentIds[i]!;
      if (kind === K_SKIP) {
        this.addByPath(entry, layer);
        continue;
      }
      if (parent < 0) continue; // the root entry: dive skips it, size included
      layer.size += entry.size > 0 ? entry.size : 0;
      if (kind === K_OPAQUE) {
        // dive stops at the `.wh..wh..opq` component: only the directories above it are added.
        this.mark(parent, layer);
        continue;
      }
      let id = pathIds[i]!;
      if (kind === K_WHITEOUT) {
        id = this.index.intern(parent, WHITEOUT_PREFIX + names[i]!);
        this.ensureCapacity();
        if (this.nodeStamp[id] !== layer.stamp) layer.whiteouts.push(id);
      }
      this.mark(id, layer);
      this.setEntry(id, entry, layer.stamp);
    }
    this.endLayer(layer);
  }

  private beginLayer(): LayerWalk {
    this.ensureCapacity();
    return { stamp: this.layerSizes.length + 1, nodes: [], whiteouts: [], size: 0 };
  }

  private endLayer(layer: LayerWalk): void {
    this.layerSizes.push(layer.size);
    const whiteoutSet = new Set(layer.whiteouts);
    this.visitLeaves(layer.nodes, whiteoutSet, layer.stamp);
    this.stack(layer.nodes, whiteoutSet, layer.stamp);
  }

  /** One entry, its path split and interned component by component. */
  private addByPath(entry: TarEntry, layer: LayerWalk): void {
    const { stamp, nodes, whiteouts } = layer;
    const parts = splitPath(entry.path);
    // dive skips only the root entry ('.' after path.Clean) when summing the layer size.
    if (typeof parts !== 'string' && parts.length === 0) return;
    layer.size += entry.size > 0 ? entry.size : 0;
    if (typeof parts === 'string') return;
    let id = 0;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      if (name.startsWith(WHITEOUT_META_PREFIX)) break;
      const child = this.index.intern(id, name);
      this.ensureCapacity();
      if (id !== 0) this.parentStamp[id] = stamp;
      if (this.nodeStamp[child] !== stamp) {
        this.nodeStamp[child] = stamp;
        nodes.push(child);
        if (name.startsWith(WHITEOUT_PREFIX)) whiteouts.push(child);
      }
      if (i === parts.length - 1) this.setEntry(child, entry, stamp);
      id = child;
    }
  }

  /**
   * What addByPath does to the components of a path, from its interned id: nodes not met yet in
   * this layer are added top down (in the order dive meets them), and every ancestor is a parent.
   * A node met before has all its ancestors marked already.
   */
  private mark(id: number, layer: LayerWalk): void {
    const { stamp, nodes } = layer;
    const index = this.index;
    const fresh = this.chain;
    fresh.length = 0;
    for (let x = id; x > 0 && this.nodeStamp[x] !== stamp; x = index.parent(x)) fresh.push(x);
    for (let k = fresh.length - 1; k >= 0; k--) {
      const x = fresh[k]!;
      this.nodeStamp[x] = stamp;
      nodes.push(x);
    }
    for (let p = index.parent(id); p > 0 && this.parentStamp[p] !== stamp; p = index.parent(p))
      this.parentStamp[p] = stamp;
  }

  private setEntry(id: number, entry: TarEntry, stamp: number): void {
    this.entryStamp[id] = stamp;
    this.entrySize[id] = entry.size > 0 ? entry.size : 0;
    this.entryIsDir[id] = entry.type === 'dir' ? 1 : 0;
  }

  result(): DiveReport {
    const sizeBytes = this.layerSizes.reduce((a, b) => a + b, 0);
    const userSizeBytes = sizeBytes - (this.layerSizes[0] ?? 0);
    const files = this.inefficient.map((id) => ({
      path: this.index.pathOf(id),
      count: this.seen[id]!,
      sizeBytes: this.sum[id]!,
    }));
    // dive sorts ascending by size (a stable insertion sort at the sizes it is tested with), then
    // its export walks the list backwards.
    files.sort((a, b) => a.sizeBytes - b.sizeBytes).reverse();
    return {
      efficiency: this.totals[SUMS] === 0 ? 1 : this.totals[MINS]! / this.totals[SUMS]!,
      sizeBytes,
      userSizeBytes,
      wastedBytes: this.totals[WASTED]!,
      wastedUserPercent: userSizeBytes === 0 ? 0 : this.totals[WASTED]! / userSizeBytes,
      layers: this.layerSizes.map((size, index) => ({ index, sizeBytes: size })),
      inefficientFiles: files,
      skippedWhiteouts: this.skipped,
    };
  }

  /** efficiency.go's visitor, over the leaves of this layer's tree. */
  private visitLeaves(nodes: readonly number[], whiteouts: ReadonlySet<number>, stamp: number): void {
    for (const id of nodes) {
      if (this.parentStamp[id] === stamp) continue;
      if (!whiteouts.has(id)) {
        this.record(id, this.entryStamp[id] === stamp ? this.entrySize[id]! : 0);
        continue;
      }
      const target = this.whiteoutTarget(id);
      if (target < 0 || this.stacked[target] !== 1) {
        this.skipped++;
        continue;
      }
      this.record(target, this.stackIsDir[target] === 1 ? this.stackedSubtreeSize(target) : 0);
    }
  }

  /** file_tree.go's Stack(): the layer's tree grafted onto the running stack. */
  private stack(nodes: readonly number[], whiteouts: ReadonlySet<number>, stamp: number): void {
    for (const id of whiteouts) {
      const target = this.whiteoutTarget(id);
      if (target >= 0) this.unstack(target);
    }
    for (const id of nodes) {
      if (whiteouts.has(id)) continue;
      const explicit = this.entryStamp[id] === stamp;
      this.stacked[id] = 1;
      this.stackSize[id] = explicit ? this.entrySize[id]! : 0;
      this.stackIsDir[id] = explicit ? this.entryIsDir[id]! : 0;
    }
  }

  private record(id: number, size: number): void {
    const seen = ++this.seen[id]!;
    this.totals[SUMS]! += size;
    if (seen === 1) {
      this.sum[id] = size;
      this.min[id] = size;
      this.totals[MINS]! += size;
      return;
    }
    this.sum[id] = this.sum[id]! + size;
    if (size < this.min[id]!) {
      this.totals[MINS]! += size - this.min[id]!;
      this.min[id] = size;
    }
    if (seen === 2) {
      this.inefficient.push(id);
      this.totals[WASTED]! += this.sum[id]!;
    } else {
      this.totals[WASTED]! += size;
    }
  }

  /** The path a `.wh.NAME` node removes (dive: Path() strips the prefix), or -1 if unknown. */
  private whiteoutTarget(id: number): number {
    const name = this.index.name(id).slice(WHITEOUT_PREFIX.length);
    return this.index.lookup(this.index.parent(id), name);
  }

  private stackedSubtreeSize(root: number): number {
    let total = 0;
    const todo = [root];
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (this.stacked[id] !== 1) continue;
      total += this.stackSize[id]!;
      for (let c = this.index.firstChild(id); c >= 0; c = this.index.nextSibling(c)) todo.push(c);
    }
    return total;
  }

  private unstack(root: number): void {
    const todo = [root];
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (this.stacked[id] !== 1) continue;
      this.stacked[id] = 0;
      for (let c = this.index.firstChild(id); c >= 0; c = this.index.nextSibling(c)) todo.push(c);
    }
  }

  private ensureCapacity(): void {
    const n = this.index.size;
    if (n <= this.capacity) return;
    this.nodeStamp = grown(this.nodeStamp, n);
    this.parentStamp = grown(this.parentStamp, n);
    this.entryStamp = grown(this.entryStamp, n);
    this.entrySize = grown(this.entrySize, n);
    this.entryIsDir = grown(this.entryIsDir, n);
    this.stacked = grown(this.stacked, n);
    this.stackSize = grown(this.stackSize, n);
    this.stackIsDir = grown(this.stackIsDir, n);
    this.seen = grown(this.seen, n);
    this.sum = grown(this.sum, n);
    this.min = grown(this.min, n);
    this.capacity = this.nodeStamp.length;
  }
}

/** dive's figures for layers given bottom first. */
export function diveMetrics(layers: readonly (readonly TarEntry[])[], index?: PathIndex): DiveReport {
  const acc = new DiveAccumulator(index);
  for (const entries of layers) acc.addLayer(entries);
  return acc.result();
}
