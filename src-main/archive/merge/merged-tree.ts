/**
 * The merged filesystem of an image, queryable one directory at a time and as of any layer.
 * This is what the window asks for: it never needs the whole tree, only the listing of the
 * directory the user opened, in the union view or in what one layer itself changed.
 *
 * Built by `MergedTreeBuilder` (tree-builder.ts); holds only typed-array columns and the
 * per-layer summaries, never the TarEntry objects.
 */
import { type EntryType } from '../model';
import { type LayerSummary } from './layer-changes';
import { LayerViews, type LayerOnlyAggregate, type MergedAggregate } from './layer-views';
import { type PathIndex } from './path-index';
import { lookupPath } from './paths';
import { type RemovalLog, type RemovedItem } from './removal-log';
import { CHANGE_MODIFIED, T_DIR, TYPES, type VersionStore } from './version-store';
import { type MergeWarning, type WarningLog } from './warnings';

export type ChangeKind = 'added' | 'modified' | 'removed' | 'unchanged';

/** 'merged': the union filesystem as of the layer. 'layer-only': what that layer itself changed. */
export type TreeView = 'merged' | 'layer-only';

export interface TreeEntry {
  /** Raw name (latin1, one char per byte); '' for the root. */
  name: string;
  /** Normalised raw path. */
  path: string;
  type: EntryType;
  /**
   * Files: content bytes (hardlinks show their inode's bytes, like `ls -l`). Directories, merged
   * view: bytes below, each inode counted once. Directories, layer-only view: bytes this layer
   * wrote below (for a removed directory: what it held just before).
   */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Symlink or hardlink target, raw; '' otherwise. */
  linkname: string;
  /** The layer that last changed this node (as of the layer asked for). */
  changedInLayer: number;
  /** What the layer asked for did to this node. */
  change: ChangeKind;
  /** Children listed by `children()` for this path in the same view. */
  childCount: number;
}

export interface ChildrenOptions {
  /** Defaults to the top layer. */
  asOfLayer?: number;
  /** Defaults to 'merged'. */
  view?: TreeView;
}

export interface TreeTotals {
  /** Visible non-directory entries. */
  files: number;
  /** Visible directories, the root excluded. */
  dirs: number;
  /** Content bytes, each hardlinked inode once. */
  bytes: number;
}

export interface MergedTreeParts {
  index: PathIndex;
  store: VersionStore;
  lastVersion: Int32Array;
  layerStart: readonly number[];
  summaries: readonly LayerSummary[];
  removals: RemovalLog;
  warnings: WarningLog;
}

const byName = (a: TreeEntry, b: TreeEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class MergedTree {
  /** Interned paths. Read-only for the metrics; do not intern through it. */
  readonly index: PathIndex;
  /** Version columns. Read-only for the metrics. */
  readonly store: VersionStore;
  readonly layers: readonly LayerSummary[];
  readonly warnings: readonly MergeWarning[];
  /** All warnings, including those past the log's cap. */
  readonly warningCount: number;
  private readonly lastVersion: Int32Array;
  private readonly removals: RemovalLog;
  private readonly views: LayerViews;

  constructor(parts: MergedTreeParts) {
    this.index = parts.index;
    this.store = parts.store;
    this.lastVersion = parts.lastVersion;
    this.removals = parts.removals;
    this.layers = parts.summaries;
    this.warnings = parts.warnings.items;
    this.warningCount = parts.warnings.total;
    this.views = new LayerViews(parts.index, parts.store, parts.layerStart);
  }

  get layerCount(): number {
    return this.layers.length;
  }

  /** The children of one directory, sorted by raw name. [] for unknown paths and non-directories. */
  children(path: string, options: ChildrenOptions = {}): TreeEntry[] {
    const layer = this.layerArg(options.asOfLayer);
    const p = lookupPath(this.index, path);
    if (layer < 0 || p < 0) return [];
    const base = this.index.pathOf(p);
    const prefix = base === '' ? '' : base + '/';
    const out: TreeEntry[] = [];
    if ((options.view ?? 'merged') === 'merged') {
      const agg = this.views.merged(layer);
      const v = agg.visible[p] ?? -1;
      if (v < 0 || this.store.type[v] !== T_DIR) return [];
      for (let c = this.index.firstChild(p); c >= 0; c = this.index.nextSibling(c)) {
        const cv = agg.visible[c] ?? -1;
        if (cv >= 0) out.push(this.mergedRow(c, cv, prefix, layer, agg));
      }
    } else {
      const lo = this.views.layerOnly(layer);
      if ((lo.touched[p] ?? 0) === 0) return [];
      for (let c = this.index.firstChild(p); c >= 0; c = this.index.nextSibling(c)) {
        if ((lo.touched[c] ?? 0) === 0) continue;
        const row = this.layerOnlyRow(c, prefix, layer, lo);
        if (row !== null) out.push(row);
      }
    }
    return out.sort(byName);
  }

  /** One node as of a layer (merged view), or null when it is not there. */
  stat(path: string, asOfLayer?: number): TreeEntry | null {
    const layer = this.layerArg(asOfLayer);
    const p = lookupPath(this.index, path);
    if (layer < 0 || p < 0) return null;
    const agg = this.views.merged(layer);
    const v = agg.visible[p] ?? -1;
    if (v < 0) return null;
    const full = this.index.pathOf(p);
    const slash = full.lastIndexOf('/');
    return this.mergedRow(p, v, full.slice(0, slash + 1), layer, agg);
  }

  fileCountAndBytes(asOfLayer?: number): TreeTotals {
    const layer = this.layerArg(asOfLayer);
    if (layer < 0) return { files: 0, dirs: 0, bytes: 0 };
    const agg = this.views.merged(layer);
    return { files: agg.files, dirs: agg.dirs, bytes: agg.total[0] ?? 0 };
  }

  /** What one layer removed: whiteout targets, opaque dirs that hid something, dirs replaced by non-dirs. */
  removedItems(layer: number): RemovedItem[] {
    return this.removals.forLayer(this.layerArg(layer), this.index);
  }

  /** Bytes held by the tree's own arrays (cached per-layer views excluded). */
  memoryBytes(): number {
    return (
      this.index.byteLength() +
      this.store.byteLength() +
      this.lastVersion.byteLength +
      this.removals.byteLength()
    );
  }

  private layerArg(asOfLayer: number | undefined): number {
    const top = this.layers.length - 1;
    if (asOfLayer === undefined) return top;
    if (!Number.isInteger(asOfLayer) || asOfLayer < 0 || asOfLayer > top) {
      throw new RangeError(`asOfLayer ${asOfLayer} outside 0..${top}`);
    }
    return asOfLayer;
  }

  private entry(
    p: number,
    v: number,
    prefix: string,
    change: ChangeKind,
    size: number,
    childCount: number,
  ): TreeEntry {
    const s = this.store;
    const name = this.index.name(p);
    return {
      name,
      path: p === 0 ? '' : prefix + name,
      type: TYPES[s.type[v]!] ?? 'file',
      size,
      mode: s.mode[v]!,
      uid: s.uid[v]!,
      gid: s.gid[v]!,
      linkname: s.linkname(v),
      changedInLayer: s.from[v]!,
      change,
      childCount,
    };
  }

  private ownChange(v: number): ChangeKind {
    return this.store.change(v) === CHANGE_MODIFIED ? 'modified' : 'added';
  }

  private mergedRow(p: number, v: number, prefix: string, layer: number, agg: MergedAggregate): TreeEntry {
    const isDir = this.store.type[v] === T_DIR;
    const change = this.store.from[v] === layer ? this.ownChange(v) : 'unchanged';
    const size = isDir ? (agg.total[p] ?? 0) : this.store.shownSize(v);
    return this.entry(p, v, prefix, change, size, isDir ? (agg.childCount[p] ?? 0) : 0);
  }

  private layerOnlyRow(p: number, prefix: string, layer: number, lo: LayerOnlyAggregate): TreeEntry | null {
    const s = this.store;
    const last = this.lastVersion[p] ?? -1;
    const childCount = lo.childCount[p] ?? 0;
    const below = lo.bytes[p] ?? 0;
    const v = s.visibleAt(last, layer);
    if (v >= 0 && s.from[v] === layer) {
      const size = s.type[v] === T_DIR ? below : s.shownSize(v);
      return this.entry(p, v, prefix, this.ownChange(v), size, childCount);
    }
    const old = layer > 0 ? s.visibleAt(last, layer - 1) : -1;
    if (old >= 0 && s.to[old] === layer) {
      const size = s.type[old] === T_DIR ? (this.views.merged(layer - 1).total[p] ?? 0) : s.shownSize(old);
      return this.entry(p, old, prefix, 'removed', size, childCount);
    }
    return v >= 0 ? this.entry(p, v, prefix, 'unchanged', below, childCount) : null;
  }
}
