/**
 * Treemap math over a size tree that loads lazily: a squarified layout (d3's algorithm), zoom
 * into a node, the breadcrumbs down to it, and hit-testing a point to the deepest rectangle by
 * walking the hierarchy. A directory's `size` is the total below it, so its area is the same
 * whether or not its children are loaded yet. Pure: no DOM.
 */
import { squarifiedTreemap, TreemapRect } from './treemap-layout';

export { TreemapRect };

export type SizeChange = 'added' | 'modified' | 'removed' | 'unchanged';
export interface SizeNode {
  name: string;
  /** Display path from the image root, no leading '/'; '' for the root. */
  path: string;
  /** The raw key to ask for the children with. */
  key: string;
  /** Bytes: a file's size, a directory's total below it. */
  size: number;
  dir: boolean;
  change: SizeChange;
  /** Loaded children; undefined while not loaded (a directory then draws as one block). */
  children?: SizeNode[];
}
export interface TreemapOptions {
  width: number;
  height: number;
  /** Room kept at the top of each directory for its name (0 for none). */
  labelHeight?: number;
  /** Padding around the children of a directory. */
  padding?: number;
  /** How many levels below the root to lay out (deeper ones are not drawn). */
  maxDepth?: number;
}

/**
 * The bytes a node holds itself: a file its size; a loaded directory whatever its total has
 * beyond its children (0 normally); an unloaded directory its whole total.
 */
export function ownBytes(n: SizeNode): number {
  if (!n.children) return Math.max(0, n.size);
  const below = n.children.reduce((a, c) => a + Math.max(0, c.size), 0);
  return Math.max(0, n.size - below);
}

/** Lays out `root` and `maxDepth` levels below it (squarified, largest first; treemap-layout.ts). */
export function layoutTreemap(root: SizeNode, opts: TreemapOptions): TreemapRect {
  const { width, height, labelHeight = 0, padding = 1, maxDepth = 3 } = opts;
  return squarifiedTreemap(root, { width, height, labelHeight, padding, maxDepth });
}

/** The deepest laid-out node whose rectangle holds (x, y), walking down from the root; null outside. */
export function hitTest(root: TreemapRect, x: number, y: number): TreemapRect | null {
  const inside = (n: TreemapRect): boolean => x >= n.x0 && x < n.x1 && y >= n.y0 && y < n.y1;
  if (!inside(root)) return null;
  let node = root;
  for (;;) {
    const next = node.children?.find(inside);
    if (!next) return node;
    node = next;
  }
}

/** The nodes from the root down to the node at `path` (the root alone for ''); null when not loaded. */
export function pathTo(root: SizeNode, path: string): SizeNode[] | null {
  const chain = [root];
  if (path === '') return chain;
  let node = root;
  for (;;) {
    const next = node.children?.find((c) => c.path === path || path.startsWith(c.path + '/'));
    if (!next) return null;
    chain.push(next);
    if (next.path === path) return chain;
    node = next;
  }
}

export interface Crumb {
  name: string;
  path: string;
}
/** Breadcrumbs for a zoom: '/' then each directory down to the focused one. */
export function breadcrumbs(root: SizeNode, focusPath: string): Crumb[] {
  const chain = pathTo(root, focusPath) ?? [root];
  return chain.map((n, i) => ({ name: i === 0 ? '/' : n.name, path: n.path }));
}

/** A copy of the tree with `children` set on the node at `path` (the tree is immutable). */
export function withChildren(root: SizeNode, path: string, children: SizeNode[]): SizeNode {
  if (root.path === path) return { ...root, children };
  if (!root.children) return root;
  return {
    ...root,
    children: root.children.map((c) =>
      c.path === path || path.startsWith(c.path + '/') ? withChildren(c, path, children) : c,
    ),
  };
}

/** Directories in the laid-out tree, at most `depth` below it, whose children are not loaded yet. */
export function unloadedDirs(root: SizeNode, depth: number): SizeNode[] {
  const out: SizeNode[] = [];
  const walk = (n: SizeNode, d: number): void => {
    if (!n.dir) return;
    if (!n.children) {
      if (n.size > 0) out.push(n);
      return;
    }
    if (d < depth) for (const c of n.children) walk(c, d + 1);
  };
  walk(root, 0);
  return out;
}

/** The top-level directory under the focus that a node belongs to (its depth-1 ancestor). */
export function topLevelOf(node: TreemapRect): TreemapRect {
  let n = node;
  while (n.parent && n.parent.depth > 0) n = n.parent;
  return n;
}

/** Bytes as a short human string (binary units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}
