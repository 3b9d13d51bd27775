/**
 * Reclaimable bytes: content stored in some layer that the final filesystem does not show,
 * because a later entry overwrote it, a whiteout deleted it, or an opaque directory hid it.
 * This is the figure dive's "wasted" approximates (dive also counts the surviving copy and
 * ignores opaque directories); squashing the image would save exactly this much content.
 *
 * Counted per inode: a regular file's bytes are reclaimable only when neither the file nor any
 * hardlink to it is visible on top, so hardlinks are counted once and a file deleted while a
 * hardlink keeps it alive is not reclaimable. Duplicate entries inside one layer count too: the
 * shadowed copy is still in the layer blob.
 *
 * Invariant (tested): sum of layer content bytes = final bytes + reclaimable bytes, whenever no
 * entry was refused as hostile.
 */
import { type MergedTree } from '../merge/merged-tree';
import { ALIVE, GONE_DELETED, GONE_OPAQUE, T_FILE, T_HARDLINK } from '../merge/version-store';

export type ReclaimReason = 'overwritten' | 'deleted' | 'hidden-by-opaque';

export interface ReclaimableFile {
  /** Normalised raw path. */
  path: string;
  /** Layer whose blob holds the bytes. */
  layer: number;
  size: number;
  /** Why it went (for hardlinked files: why the last link went). */
  reason: ReclaimReason;
  /** Layer that overwrote, deleted or hid it (for hardlinked files: its last visible link). */
  goneInLayer: number;
}

export interface ReclaimableReport {
  reclaimableBytes: number;
  /** Files behind the figure (0-byte files left out), largest first. */
  files: ReclaimableFile[];
  /** Same figure split by reason. */
  byReason: Record<ReclaimReason, number>;
}

export interface ReclaimableOptions {
  /** Keep only the largest N files in `files` (the totals always cover all of them). */
  limit?: number;
}

const reasonOf = (gone: number): ReclaimReason =>
  gone === GONE_DELETED ? 'deleted' : gone === GONE_OPAQUE ? 'hidden-by-opaque' : 'overwritten';

export function reclaimable(tree: MergedTree, options: ReclaimableOptions = {}): ReclaimableReport {
  const { store, index } = tree;
  // Per inode (the file version owning the bytes): when its last link went, and why.
  const goneAt = new Uint16Array(store.count);
  const goneWhy = new Uint8Array(store.count);
  for (let v = 0; v < store.count; v++) {
    if (store.type[v] !== T_FILE) continue;
    goneAt[v] = store.to[v]!;
    goneWhy[v] = store.gone(v);
  }
  for (let v = 0; v < store.count; v++) {
    const ino = store.type[v] === T_HARDLINK ? store.inode[v]! : -1;
    if (ino < 0 || store.to[v]! <= goneAt[ino]!) continue;
    goneAt[ino] = store.to[v]!;
    goneWhy[ino] = store.gone(v);
  }
  const byReason: Record<ReclaimReason, number> = { overwritten: 0, deleted: 0, 'hidden-by-opaque': 0 };
  const candidates: number[] = [];
  let total = 0;
  for (let v = 0; v < store.count; v++) {
    if (store.type[v] !== T_FILE || goneAt[v] === ALIVE) continue;
    const size = store.size[v]!;
    if (size <= 0) continue;
    total += size;
    byReason[reasonOf(goneWhy[v]!)] += size;
    candidates.push(v);
  }
  candidates.sort((a, b) => store.size[b]! - store.size[a]! || a - b);
  const kept = options.limit === undefined ? candidates : candidates.slice(0, Math.max(0, options.limit));
  const files = kept.map(
    (v): ReclaimableFile => ({
      path: index.pathOf(store.pathId[v]!),
      layer: store.from[v]!,
      size: store.size[v]!,
      reason: reasonOf(goneWhy[v]!),
      goneInLayer: goneAt[v]!,
    }),
  );
  return { reclaimableBytes: total, files, byReason };
}
