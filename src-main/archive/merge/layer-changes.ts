/**
 * What one layer does, before and after it is applied: the plan (which entries are whiteouts,
 * opaque markers or real entries, with their paths resolved once) and the summary the UI shows
 * per layer (added / modified / removed, content bytes, entry counts). The individual removal
 * events live in removal-log.ts.
 *
 * The plan exists because OCI whiteouts act on the LOWER layers only: an opaque marker applies
 * before the layer's own entries wherever it sits in the tar, and `.wh.x` must not delete an `x`
 * the same layer wrote. So all removals run first and the entries second, in tar order (so that
 * for duplicates the last one wins).
 */
import { type EntryType, type TarEntry } from '../model';
import { nameKind, type PathResolver, WHITEOUT_PREFIX } from './paths';
import { type RemovalReason } from './removal-log';
import { TYPES } from './version-store';
import { type WarningLog } from './warnings';

export const K_SKIP = 0;
export const K_ENTRY = 1;
export const K_WHITEOUT = 2;
export const K_OPAQUE = 3;

export interface LayerPlan {
  /** Per entry: K_SKIP / K_ENTRY / K_WHITEOUT / K_OPAQUE. */
  kinds: Uint8Array;
  /** Per entry: interned parent directory (-1 for the root entry). */
  parentIds: Int32Array;
  /** Per entry: own name; for whiteouts the TARGET's name, for opaque markers ''. */
  names: string[];
  /** Per entry: the path id the merge gave it (K_ENTRY below the root), else -1. */
  pathIds: Int32Array;
  whiteouts: number[];
  opaques: number[];
}

export interface Tally {
  count: number;
  files: number;
  bytes: number;
}

export interface LayerSummary {
  index: number;
  /** Tar entries in the layer, markers and refused entries included. */
  entryCount: number;
  /** Sum of regular file sizes from the headers, duplicates included: dive's layer size. */
  contentBytes: number;
  /** Entries by tar type, whiteout and opaque markers excluded. */
  entriesByType: Record<EntryType, number>;
  whiteouts: number;
  opaques: number;
  /** Paths with no node before this layer (implicit parents included). */
  added: { count: number; bytes: number };
  /** Paths that had a node before this layer (same or different type). */
  modified: { count: number; bytes: number };
  implicitDirs: number;
  /** Whiteout targets that existed, with their subtrees. */
  removed: Tally;
  /** Lower children hidden by opaque markers. */
  hiddenByOpaque: Tally;
  /** Subtrees lost because their directory was replaced by a non-directory. */
  displaced: Tally;
}

export const emptyTally = (): Tally => ({ count: 0, files: 0, bytes: 0 });

export function newSummary(index: number): LayerSummary {
  const entriesByType = Object.fromEntries(TYPES.map((t) => [t, 0])) as Record<EntryType, number>;
  return {
    index,
    entryCount: 0,
    contentBytes: 0,
    entriesByType,
    whiteouts: 0,
    opaques: 0,
    added: { count: 0, bytes: 0 },
    modified: { count: 0, bytes: 0 },
    implicitDirs: 0,
    removed: emptyTally(),
    hiddenByOpaque: emptyTally(),
    displaced: emptyTally(),
  };
}

/**
 * Resolves every entry's path once and sorts entries into removals and real entries. Counts go
 * to `summary`; refused paths go to `warnings`.
 */
export function planLayer(
  entries: readonly TarEntry[],
  resolver: PathResolver,
  summary: LayerSummary,
  warnings: WarningLog,
): LayerPlan {
  const n = entries.length;
  const plan: LayerPlan = {
    kinds: new Uint8Array(n),
    parentIds: new Int32Array(n),
    names: new Array<string>(n),
    pathIds: new Int32Array(n).fill(-1),
    whiteouts: [],
    opaques: [],
  };
  const layer = summary.index;
  summary.entryCount = n;
  for (let i = 0; i < n; i++) {
    const entry = entries[i]!;
    if (entry.type === 'file' && entry.size > 0) summary.contentBytes += entry.size;
    plan.names[i] = '';
    const where = resolver.locate(entry.path);
    if (typeof where === 'string') {
      warnings.add(layer, where, entry.path);
      summary.entriesByType[entry.type]++;
      continue;
    }
    plan.parentIds[i] = where.parentId;
    const kind = nameKind(where.name);
    if (kind === 'plain') {
      summary.entriesByType[entry.type]++;
      plan.kinds[i] = K_ENTRY;
      plan.names[i] = where.name;
    } else if (kind === 'opaque') {
      summary.opaques++;
      plan.kinds[i] = K_OPAQUE;
      plan.opaques.push(i);
    } else if (kind === 'whiteout-meta') {
      warnings.add(layer, 'whiteout-meta', entry.path);
    } else {
      summary.whiteouts++;
      const target = where.name.slice(WHITEOUT_PREFIX.length);
      if (target === '' || target === '.' || target === '..') {
        warnings.add(layer, 'whiteout-bad-name', entry.path);
        continue;
      }
      plan.kinds[i] = K_WHITEOUT;
      plan.names[i] = target;
      plan.whiteouts.push(i);
    }
  }
  return plan;
}

/** Adds one removal event's figures to the summary, under its reason's tally. */
export function tallyRemoval(
  summary: LayerSummary,
  reason: RemovalReason,
  files: number,
  bytes: number,
): void {
  const tally =
    reason === 'whiteout'
      ? summary.removed
      : reason === 'opaque'
        ? summary.hiddenByOpaque
        : summary.displaced;
  tally.count++;
  tally.files += files;
  tally.bytes += bytes;
}
