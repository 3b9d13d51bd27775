/**
 * Comparing two images: their layer chains (common layers have the same diffID and are drawn on
 * one row), their sizes, and their final filesystems one directory at a time (two child lists in,
 * rows out). Pure: no DOM, no store.
 */
import type { ImageAnalysis, LayerAnalysis, TreeEntryDto } from '../../src-shared/archive-analysis';

/** One row of the aligned layer chains: a common layer has both sides, the others one. */
export interface LayerRow {
  a: number | null;
  b: number | null;
  diffId: string;
}

export interface LayerComparison {
  rows: LayerRow[];
  common: number;
  onlyA: number;
  onlyB: number;
  /** How many bottom layers are the same in both, in the same order: files from there are identical. */
  sharedPrefix: number;
}

/** Aligns the two chains bottom-up (a longest common subsequence of diffIDs; chains are short). */
export function compareLayers(
  a: readonly Pick<LayerAnalysis, 'diffId'>[],
  b: readonly Pick<LayerAnalysis, 'diffId'>[],
): LayerComparison {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i]!.diffId === b[j]!.diffId ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const rows: LayerRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i]!.diffId === b[j]!.diffId) {
      rows.push({ a: i, b: j, diffId: a[i]!.diffId });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      rows.push({ a: i, b: null, diffId: a[i]!.diffId });
      i++;
    } else {
      rows.push({ a: null, b: j, diffId: b[j]!.diffId });
      j++;
    }
  }
  let sharedPrefix = 0;
  while (sharedPrefix < n && sharedPrefix < m && a[sharedPrefix]!.diffId === b[sharedPrefix]!.diffId)
    sharedPrefix++;
  const common = rows.filter((r) => r.a !== null && r.b !== null).length;
  return { rows, common, onlyA: n - common, onlyB: m - common, sharedPrefix };
}

export interface SizeComparison {
  /** dive's size: the layers' file bytes. */
  contentA: number;
  contentB: number;
  /** What the layers take stored (their blobs, compressed or not). */
  storedA: number;
  storedB: number;
  /** Files and bytes of the final filesystem. */
  filesA: number;
  filesB: number;
}

export function compareSizes(
  a: Pick<ImageAnalysis, 'sizeBytes' | 'layers' | 'files'>,
  b: Pick<ImageAnalysis, 'sizeBytes' | 'layers' | 'files'>,
): SizeComparison {
  const stored = (i: Pick<ImageAnalysis, 'layers'>): number => i.layers.reduce((s, l) => s + l.blobBytes, 0);
  return {
    contentA: a.sizeBytes,
    contentB: b.sizeBytes,
    storedA: stored(a),
    storedB: stored(b),
    filesA: a.files,
    filesB: b.files,
  };
}

export type DiffStatus = 'added' | 'removed' | 'changed' | 'same';
export type TreeEntryLike = Pick<
  TreeEntryDto,
  | 'name'
  | 'path'
  | 'key'
  | 'type'
  | 'size'
  | 'mode'
  | 'uid'
  | 'gid'
  | 'linkname'
  | 'changedInLayer'
  | 'childCount'
>;

export interface DiffRow {
  name: string;
  /** Display path, no leading '/'. */
  path: string;
  /** The raw key (the same path in both images). */
  key: string;
  status: DiffStatus;
  /** Why a row is 'changed', for the learner: 'size', 'type', 'mode', 'owner', 'link', 'rewritten', 'contents'. */
  reasons: string[];
  a: TreeEntryLike | null;
  b: TreeEntryLike | null;
  dir: boolean;
  /** A directory in both whose total size or child count differs: worth listing (lazily). */
  expandable: boolean;
}

export interface DiffOptions {
  /**
   * Layers the two images share at the bottom, in order: a file last written by one of them is
   * the same file in both. A file of the same size written above it in either image is reported
   * 'rewritten' (a layer wrote it again; contents are not compared).
   */
  sharedPrefix?: number;
}

const isDirEntry = (e: TreeEntryLike): boolean => e.type === 'dir';

/** What differs between two versions of one path (empty when nothing is seen to differ). */
export function entryDifferences(a: TreeEntryLike, b: TreeEntryLike, opts: DiffOptions = {}): string[] {
  const reasons: string[] = [];
  if (a.type !== b.type) reasons.push('type');
  if (a.size !== b.size) reasons.push(isDirEntry(a) && isDirEntry(b) ? 'contents' : 'size');
  else if (isDirEntry(a) && isDirEntry(b) && a.childCount !== b.childCount) reasons.push('contents');
  if ((a.mode & 0o7777) !== (b.mode & 0o7777)) reasons.push('mode');
  if (a.uid !== b.uid || a.gid !== b.gid) reasons.push('owner');
  if (a.linkname !== b.linkname) reasons.push('link');
  if (reasons.length === 0 && !isDirEntry(a) && opts.sharedPrefix !== undefined) {
    const shared = (e: TreeEntryLike): boolean => e.changedInLayer < opts.sharedPrefix!;
    if (!(shared(a) && shared(b) && a.changedInLayer === b.changedInLayer)) reasons.push('rewritten');
  }
  return reasons;
}

/**
 * Diffs one directory's children in A against B, matched by raw key. Rows come sorted by name;
 * 'same' rows are included (callers hide or count them).
 */
export function diffChildren(
  a: readonly TreeEntryLike[] | null,
  b: readonly TreeEntryLike[] | null,
  opts: DiffOptions = {},
): DiffRow[] {
  const byKey = new Map<string, { a: TreeEntryLike | null; b: TreeEntryLike | null }>();
  for (const e of a ?? []) byKey.set(e.key, { a: e, b: null });
  for (const e of b ?? []) {
    const pair = byKey.get(e.key);
    if (pair) pair.b = e;
    else byKey.set(e.key, { a: null, b: e });
  }
  const rows: DiffRow[] = [];
  for (const [key, pair] of byKey) {
    const e = (pair.b ?? pair.a)!;
    const both = pair.a !== null && pair.b !== null;
    const reasons = both ? entryDifferences(pair.a!, pair.b!, opts) : [];
    const status: DiffStatus = !pair.a ? 'added' : !pair.b ? 'removed' : reasons.length ? 'changed' : 'same';
    const dirBoth = both && isDirEntry(pair.a!) && isDirEntry(pair.b!);
    rows.push({
      name: e.name,
      path: e.path,
      key,
      status,
      reasons,
      a: pair.a,
      b: pair.b,
      dir: isDirEntry(e),
      expandable: dirBoth && (pair.a!.size !== pair.b!.size || pair.a!.childCount !== pair.b!.childCount),
    });
  }
  return rows.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

export interface DiffTotals {
  added: number;
  removed: number;
  changed: number;
  addedBytes: number;
  removedBytes: number;
}

/** Adds up one directory's rows (a whole added or removed directory counts once, with its bytes). */
export function diffTotals(rows: readonly DiffRow[], into?: DiffTotals): DiffTotals {
  const t = into ?? { added: 0, removed: 0, changed: 0, addedBytes: 0, removedBytes: 0 };
  for (const r of rows) {
    if (r.status === 'added') {
      t.added++;
      t.addedBytes += r.b?.size ?? 0;
    } else if (r.status === 'removed') {
      t.removed++;
      t.removedBytes += r.a?.size ?? 0;
    } else if (r.status === 'changed' && !r.expandable) t.changed++;
  }
  return t;
}

/** "+1.2 kB" / "−3 B" / "±0": a signed difference formatted by `fmt`. */
export function signed(delta: number, fmt: (n: number) => string): string {
  if (delta === 0) return '±0';
  return `${delta > 0 ? '+' : '−'}${fmt(Math.abs(delta))}`;
}
