/**
 * The file tree as a flat list: the expanded directories walked depth-first into rows, so the
 * view can render only the rows on screen (fixed row height). Pure: no DOM, no store.
 */
import type { TreeEntryDto } from '../../../src-shared/archive-analysis';

export type TreeView = 'merged' | 'layer-only';
export type TreeSort = 'size' | 'name';

/** One loaded directory listing, or where its loading stands. */
export type ChildrenState =
  | { status: 'loading' }
  | { status: 'ready'; entries: readonly TreeEntryDto[] }
  | { status: 'error'; message: string };

export interface TreeRow {
  entry: TreeEntryDto;
  depth: number;
  expanded: boolean;
  /** An expanded directory whose listing is still loading (or failed). */
  pending: 'loading' | 'error' | null;
}

/** The cache key of a directory listing: the same directory differs by layer and view. */
export const childrenKey = (layer: number, view: TreeView, key: string): string => `${layer}|${view}|${key}`;

export const isDir = (e: TreeEntryDto): boolean => e.type === 'dir';

/** A glob (`*`, `?`, `[...]`) matches the whole name (or path when it has '/'); else a case-insensitive substring. */
export function compileNameFilter(pattern: string): ((e: TreeEntryDto) => boolean) | null {
  const p = pattern.trim();
  if (p === '') return null;
  if (!/[*?[]/.test(p)) {
    const needle = p.toLowerCase();
    return (e) => e.name.toLowerCase().includes(needle);
  }
  const re = globToRegExp(p);
  const onPath = p.includes('/');
  return (e) => re.test(onPath ? `/${e.path}` : e.name);
}

/** `*` any run without '/', `**` any run, `?` one char, `[...]` a class; anchored, case-insensitive. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

const byName = (a: TreeEntryDto, b: TreeEntryDto): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Size: biggest first (ties by name). Name: directories first, then by name. */
export function sortEntries(entries: readonly TreeEntryDto[], sort: TreeSort): TreeEntryDto[] {
  const copy = [...entries];
  if (sort === 'size') return copy.sort((a, b) => b.size - a.size || byName(a, b));
  return copy.sort((a, b) => Number(isDir(b)) - Number(isDir(a)) || byName(a, b));
}

/**
 * `sortEntries`, remembered per listing (listings are immutable, replaced when reloaded): a
 * 10,000-entry directory is sorted once per sort order, not on every expand, collapse or filter.
 */
const sortedListings = new WeakMap<readonly TreeEntryDto[], Partial<Record<TreeSort, TreeEntryDto[]>>>();
export function sortedEntries(entries: readonly TreeEntryDto[], sort: TreeSort): readonly TreeEntryDto[] {
  let bySort = sortedListings.get(entries);
  if (!bySort) sortedListings.set(entries, (bySort = {}));
  return (bySort[sort] ??= sortEntries(entries, sort));
}

export interface FlattenOptions {
  /** Listings by `childrenKey(layer, view, key)`. */
  children: ReadonlyMap<string, ChildrenState>;
  /** Keys of the expanded directories. */
  expanded: ReadonlySet<string>;
  layer: number;
  view: TreeView;
  sort: TreeSort;
  filter: string;
  changesOnly: boolean;
}

export interface FlatTree {
  rows: TreeRow[];
  /** Expanded directories (the root included) with no listing yet: the view loads them. */
  missing: string[];
}

/**
 * Walks the root and every expanded directory. With a name filter a file shows when it
 * matches; a directory when its name matches, when a loaded descendant matches, or when it is
 * not loaded yet (it may hold a match). "Changes only" hides unchanged entries (a directory
 * counts as changed when anything below it changed in this layer).
 */
export function flattenTree(o: FlattenOptions): FlatTree {
  const rows: TreeRow[] = [];
  const missing: string[] = [];
  const match = compileNameFilter(o.filter);
  const listing = (key: string): ChildrenState | undefined =>
    o.children.get(childrenKey(o.layer, o.view, key));

  // Memo: does a directory (by key) hold a loaded match? Unloaded directories might.
  const holdsMatch = new Map<string, boolean>();
  const dirMayMatch = (e: TreeEntryDto): boolean => {
    if (!match) return true;
    const known = holdsMatch.get(e.key);
    if (known !== undefined) return known;
    const state = listing(e.key);
    let result: boolean;
    if (!state || state.status !== 'ready') result = true;
    else result = state.entries.some((c) => visible(c));
    holdsMatch.set(e.key, result);
    return result;
  };
  const visible = (e: TreeEntryDto): boolean => {
    if (o.changesOnly && e.change === 'unchanged') return false;
    if (!match) return true;
    if (match(e)) return true;
    return isDir(e) && dirMayMatch(e);
  };

  const walk = (key: string, depth: number): void => {
    const state = listing(key);
    if (!state) {
      missing.push(key);
      return;
    }
    if (state.status !== 'ready') return;
    for (const entry of sortedEntries(state.entries, o.sort)) {
      if (!visible(entry)) continue;
      const expanded = isDir(entry) && o.expanded.has(entry.key);
      const child = expanded ? listing(entry.key) : undefined;
      const pending =
        !expanded || child?.status === 'ready' ? null : child?.status === 'error' ? 'error' : 'loading';
      rows.push({ entry, depth, expanded, pending });
      if (expanded) walk(entry.key, depth + 1);
    }
  };
  walk('', 0);
  return { rows, missing };
}

/** The slice of rows a viewport shows, with a few rows of overscan on each side. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 8,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + Math.ceil(viewportHeight / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
