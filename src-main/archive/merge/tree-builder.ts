/**
 * Applies layers, bottom first, with OCI layer semantics (image-spec layer.md), into the
 * versioned column store. Layers can be fed one at a time and dropped afterwards: the builder
 * keeps nothing of the TarEntry objects, which is what lets a million entries fit.
 *
 * Semantics, in the order they are applied within one layer:
 * 1. `dir/.wh.NAME` removes NAME and its subtree (lower layers only, so before any entry).
 * 2. `dir/.wh..wh..opq` hides every lower child of dir (a no-op on a brand-new dir).
 * 3. Entries in tar order: dir over dir keeps the children (attributes updated); anything else
 *    replaces, and a dir replaced by a non-dir loses its subtree; a later duplicate wins; a
 *    missing parent directory is created implicitly; hardlinks point at their target's inode.
 */
import { type TarEntry } from '../model';
import { grown } from './growable';
import {
  K_ENTRY,
  newSummary,
  planLayer,
  tallyRemoval,
  type LayerPlan,
  type LayerSummary,
} from './layer-changes';
import { MergedTree } from './merged-tree';
import { PathIndex } from './path-index';
import { PathResolver, splitPath } from './paths';
import { RemovalLog, type RemovalReason } from './removal-log';
import {
  ALIVE,
  CHANGE_ADDED,
  CHANGE_MODIFIED,
  FLAG_IMPLICIT,
  GONE_DELETED,
  GONE_OPAQUE,
  GONE_OVERWRITTEN,
  T_DIR,
  T_FILE,
  T_HARDLINK,
  typeCode,
  VersionStore,
} from './version-store';
import { WarningLog } from './warnings';

export interface BuilderOptions {
  /** Share an index with other per-path consumers (the dive metrics) to intern paths once. */
  index?: PathIndex;
  /** Warnings kept in full; later ones are only counted. */
  maxWarnings?: number;
}

interface Acc {
  entries: number;
  files: number;
  bytes: number;
}

export class MergedTreeBuilder {
  readonly index: PathIndex;
  private readonly resolver: PathResolver;
  private readonly store = new VersionStore();
  /** Newest version per path id (-1: none); only the newest can be alive. */
  private lastVersion = new Int32Array(1024).fill(-1);
  private readonly warnings: WarningLog;
  private readonly summaries: LayerSummary[] = [];
  private readonly removals = new RemovalLog();
  private readonly layerStart: number[] = [];
  private layer = -1;
  private finished = false;
  private plan: LayerPlan | null = null;

  constructor(options: BuilderOptions = {}) {
    this.index = options.index ?? new PathIndex();
    this.resolver = new PathResolver(this.index);
    this.warnings = new WarningLog(options.maxWarnings);
  }

  get layerCount(): number {
    return this.summaries.length;
  }

  /** Applies the next layer up; returns what it changed. */
  addLayer(entries: readonly TarEntry[]): LayerSummary {
    if (this.finished) throw new Error('MergedTreeBuilder: addLayer after finish');
    const layer = this.summaries.length;
    if (layer >= ALIVE - 1) throw new RangeError(`too many layers (${layer + 1})`);
    this.layer = layer;
    const start = this.store.count;
    this.layerStart.push(start);
    if (layer === 0) this.newVersion(0, T_DIR, CHANGE_ADDED | FLAG_IMPLICIT, 0o755, 0, 0, 0, -1, '');
    const summary = newSummary(layer);
    const plan = planLayer(entries, this.resolver, summary, this.warnings);
    for (const i of plan.whiteouts)
      this.applyWhiteout(plan.parentIds[i]!, plan.names[i]!, entries[i]!.path, summary);
    for (const i of plan.opaques) this.applyOpaque(plan.parentIds[i]!, summary);
    for (let i = 0; i < entries.length; i++) {
      if (plan.kinds[i] === K_ENTRY)
        plan.pathIds[i] = this.applyEntry(entries[i]!, plan.parentIds[i]!, plan.names[i]!, summary);
    }
    this.countChanges(summary, start);
    this.summaries.push(summary);
    this.plan = plan;
    return summary;
  }

  /** The plan of the layer added last (its entries' resolved paths, for the dive metrics). */
  get lastPlan(): LayerPlan | null {
    return this.plan;
  }

  /** Freezes the builder into the queryable tree. */
  finish(): MergedTree {
    this.finished = true;
    this.store.compact();
    this.index.compact();
    return new MergedTree({
      index: this.index,
      store: this.store,
      lastVersion: this.lastVersion.slice(0, this.index.size),
      layerStart: this.layerStart,
      summaries: this.summaries,
      removals: this.removals,
      warnings: this.warnings,
    });
  }

  private alive(pathId: number): number {
    const v = this.lastVersion[pathId] ?? -1;
    return v >= 0 && this.store.to[v] === ALIVE ? v : -1;
  }

  /** Whether the path had a visible node just before the current layer. */
  private existedBefore(pathId: number): boolean {
    const { from, to, prev } = this.store;
    for (let v = this.lastVersion[pathId] ?? -1; v >= 0; v = prev[v]!) {
      if (from[v]! < this.layer) return to[v]! >= this.layer;
    }
    return false;
  }

  private changeFor(pathId: number): number {
    return this.existedBefore(pathId) ? CHANGE_MODIFIED : CHANGE_ADDED;
  }

  private newVersion(
    pathId: number,
    type: number,
    flags: number,
    mode: number,
    uid: number,
    gid: number,
    size: number,
    inode: number,
    linkname: string,
  ): number {
    if (this.lastVersion.length < this.index.size)
      this.lastVersion = grown(this.lastVersion, this.index.size, -1);
    const prev = this.lastVersion[pathId] ?? -1;
    const v = this.store.append({
      pathId,
      layer: this.layer,
      type,
      flags,
      mode,
      uid,
      gid,
      size,
      prev,
      inode,
      linkname,
    });
    this.lastVersion[pathId] = v;
    return v;
  }

  /** Retires a path's visible version and, for directories, everything visible below it. */
  private removeSubtree(root: number, gone: number, acc: Acc): void {
    const { store, index } = this;
    const stack = [root];
    while (stack.length > 0) {
      const q = stack.pop()!;
      const v = this.alive(q);
      if (v < 0) continue;
      store.retire(v, this.layer, gone);
      acc.entries++;
      const t = store.type[v];
      if (t === T_DIR) {
        for (let c = index.firstChild(q); c >= 0; c = index.nextSibling(c)) stack.push(c);
      } else {
        acc.files++;
        if (t === T_FILE) acc.bytes += store.size[v]!;
      }
    }
  }

  /** Retires every visible child of a directory (opaque marker, or dir replaced by a non-dir). */
  private removeChildren(dir: number, gone: number, reason: RemovalReason, summary: LayerSummary): void {
    const acc: Acc = { entries: 0, files: 0, bytes: 0 };
    for (let c = this.index.firstChild(dir); c >= 0; c = this.index.nextSibling(c))
      this.removeSubtree(c, gone, acc);
    if (acc.entries > 0) this.recordRemoval(summary, dir, T_DIR, reason, acc);
  }

  private recordRemoval(
    summary: LayerSummary,
    pathId: number,
    type: number,
    reason: RemovalReason,
    acc: Acc,
  ): void {
    tallyRemoval(summary, reason, acc.files, acc.bytes);
    this.removals.add(this.layer, pathId, type, reason, acc.entries, acc.files, acc.bytes);
  }

  private applyWhiteout(parentId: number, name: string, rawPath: string, summary: LayerSummary): void {
    const target = this.index.lookup(parentId, name);
    const v = target >= 0 ? this.alive(target) : -1;
    if (v < 0) {
      this.warnings.add(this.layer, 'whiteout-missing-target', rawPath);
      return;
    }
    const acc: Acc = { entries: 0, files: 0, bytes: 0 };
    const type = this.store.type[v]!;
    this.removeSubtree(target, GONE_DELETED, acc);
    this.recordRemoval(summary, target, type, 'whiteout', acc);
  }

  private applyOpaque(dir: number, summary: LayerSummary): void {
    const v = this.alive(dir);
    if (v >= 0 && this.store.type[v] === T_DIR) this.removeChildren(dir, GONE_OPAQUE, 'opaque', summary);
  }

  /** Applies one entry; returns its path id (-1 for the root entry). */
  private applyEntry(entry: TarEntry, parentId: number, name: string, summary: LayerSummary): number {
    let p = 0;
    if (parentId < 0) {
      if (entry.type !== 'dir') {
        this.warnings.add(this.layer, 'root-not-directory', entry.path, entry.type);
        return -1;
      }
    } else {
      this.ensureDir(parentId, entry.path);
      p = this.index.intern(parentId, name);
    }
    const type = typeCode(entry.type);
    const inode = type === T_HARDLINK ? this.resolveHardlink(entry) : -1;
    const cur = this.alive(p);
    if (cur >= 0) {
      if (this.store.type[cur] === T_DIR && type !== T_DIR)
        this.removeChildren(p, GONE_OVERWRITTEN, 'replaced', summary);
      this.store.retire(cur, this.layer, GONE_OVERWRITTEN);
    }
    const linkname = entry.type === 'hardlink' || entry.type === 'symlink' ? entry.linkname : '';
    const flags = this.changeFor(p);
    this.newVersion(p, type, flags, entry.mode, entry.uid, entry.gid, entry.size, inode, linkname);
    return parentId < 0 ? -1 : p;
  }

  /** Makes sure `dir` and its ancestors are visible directories, creating implicit ones. */
  private ensureDir(dir: number, rawPath: string): void {
    const { store, index } = this;
    const chain: number[] = [];
    for (let x = dir; x > 0; x = index.parent(x)) {
      const v = this.alive(x);
      if (v >= 0 && store.type[v] === T_DIR) break;
      chain.push(x);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const x = chain[i]!;
      const cur = this.alive(x);
      if (cur >= 0) {
        this.warnings.add(this.layer, 'parent-not-directory', rawPath, index.pathOf(x));
        store.retire(cur, this.layer, GONE_OVERWRITTEN);
      }
      this.newVersion(x, T_DIR, this.changeFor(x) | FLAG_IMPLICIT, 0o755, 0, 0, 0, -1, '');
    }
  }

  /** The inode (file version owning the bytes) a hardlink shares, or -1 with a warning. */
  private resolveHardlink(entry: TarEntry): number {
    const target = entry.linkname;
    if (target.startsWith('/')) this.warnings.add(this.layer, 'hardlink-absolute', entry.path, target);
    const parts = splitPath(target);
    if (typeof parts === 'string') {
      this.warnings.add(this.layer, 'hardlink-outside-root', entry.path, target);
      return -1;
    }
    const t = this.index.lookupParts(parts);
    const tv = t >= 0 ? this.alive(t) : -1;
    if (tv < 0) {
      this.warnings.add(this.layer, 'hardlink-missing-target', entry.path, target);
      return -1;
    }
    const tt = this.store.type[tv];
    if (tt === T_DIR) {
      this.warnings.add(this.layer, 'hardlink-to-directory', entry.path, target);
      return -1;
    }
    if (tt === T_FILE) return tv;
    return tt === T_HARDLINK ? this.store.inode[tv]! : -1;
  }

  /** Added / modified counts over the versions this layer left visible (the root excluded). */
  private countChanges(summary: LayerSummary, start: number): void {
    const { store } = this;
    for (let v = start; v < store.count; v++) {
      if (store.to[v] !== ALIVE || store.pathId[v] === 0) continue;
      const bytes = store.type[v] === T_FILE ? store.size[v]! : 0;
      const bucket = store.change(v) === CHANGE_MODIFIED ? summary.modified : summary.added;
      bucket.count++;
      bucket.bytes += bytes;
      if ((store.flags[v]! & FLAG_IMPLICIT) !== 0) summary.implicitDirs++;
    }
  }
}

/** Convenience for callers that already hold every layer: bottom layer first. */
export function buildMergedTree(
  layers: readonly (readonly TarEntry[])[],
  options?: BuilderOptions,
): MergedTree {
  const builder = new MergedTreeBuilder(options);
  for (const entries of layers) builder.addLayer(entries);
  return builder.finish();
}
