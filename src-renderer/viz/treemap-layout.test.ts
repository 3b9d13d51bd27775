import { hierarchy, treemap, treemapSquarify, type HierarchyRectangularNode } from 'd3';
import { describe, expect, it } from 'vitest';
import { ownBytes, type SizeNode } from './treemap';
import { squarifiedTreemap, type LayoutSpec, type TreemapRect } from './treemap-layout';

/** What layoutTreemap did with d3 before: copy the tree cut at maxDepth, hierarchy, sum, sort, treemap. */
function d3Layout(root: SizeNode, o: LayoutSpec): HierarchyRectangularNode<SizeNode> {
  const prune = (n: SizeNode, depth: number): SizeNode =>
    !n.children
      ? n
      : depth <= 0
        ? { ...n, children: undefined }
        : { ...n, children: n.children.map((c) => prune(c, depth - 1)) };
  const h = hierarchy(prune(root, o.maxDepth), (d) => d.children)
    .sum((d) => ownBytes(d))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || (a.data.name < b.data.name ? -1 : 1));
  return treemap<SizeNode>()
    .tile(treemapSquarify)
    .size([o.width, o.height])
    .paddingInner(o.padding)
    .paddingOuter(o.padding)
    .paddingTop((n) => (n.depth === 0 ? o.padding : o.labelHeight || o.padding))
    .round(false)(h);
}

/** A pseudo-random tree (fixed seed): nested directories, unloaded ones, zero-byte files, equal sizes. */
function randomTree(seed: number, dirs: number): SizeNode {
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const make = (path: string, depth: number): SizeNode => {
    const name = path.split('/').pop() ?? '';
    const kind = rnd();
    if (depth > 0 && kind < 0.55) {
      const size = kind < 0.05 ? 0 : kind < 0.1 ? 4096 : Math.floor(rnd() * 1e6);
      return { name, path, key: path, size, dir: false, change: 'unchanged' };
    }
    if (depth >= 4 || (depth > 0 && kind < 0.65))
      return { name, path, key: path, size: Math.floor(rnd() * 1e7), dir: true, change: 'added' };
    const n = depth === 0 ? dirs : 1 + Math.floor(rnd() * 12);
    const children = Array.from({ length: n }, (_, i) => make(`${path}${path ? '/' : ''}e${i}`, depth + 1));
    // Some directories hold bytes beyond their listed children.
    const extra = rnd() < 0.2 ? Math.floor(rnd() * 1e5) : 0;
    const size = children.reduce((a, c) => a + c.size, 0) + extra;
    return { name, path, key: path, size, dir: true, change: 'modified', children };
  };
  return make('', 0);
}

type Laid = Pick<TreemapRect, 'depth' | 'x0' | 'y0' | 'x1' | 'y1'> & {
  data: SizeNode;
  value?: number;
  children?: Laid[];
};
/** Pre-order: path, depth, value, children count and the rectangle (to 1e-9 px) of every node. */
function flat(root: Laid): string[] {
  const out: string[] = [];
  const walk = (n: Laid): void => {
    const r = [n.x0, n.y0, n.x1, n.y1].map((v) => v.toFixed(9)).join(',');
    out.push(`${n.data.path}|${n.depth}|${n.value}|${n.children?.length ?? 0}|${r}`);
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

describe('squarifiedTreemap', () => {
  const specs: LayoutSpec[] = [
    { width: 1000, height: 640, labelHeight: 16, padding: 1, maxDepth: 3 },
    { width: 300, height: 700, labelHeight: 0, padding: 0, maxDepth: 5 },
    { width: 40, height: 30, labelHeight: 16, padding: 2, maxDepth: 2 },
  ];
  for (const [i, spec] of specs.entries()) {
    it(`lays out exactly what d3's treemap did (${spec.width}x${spec.height}, padding ${spec.padding}, depth ${spec.maxDepth})`, () => {
      const tree = randomTree(7 + i, 60);
      const ours = flat(squarifiedTreemap(tree, spec));
      expect(ours).toEqual(flat(d3Layout(tree, spec)));
      expect(ours.length).toBeGreaterThan(100);
    });
  }

  it('cuts at maxDepth without copying or changing the tree', () => {
    const tree = randomTree(3, 10);
    const before = JSON.stringify(tree);
    const root = squarifiedTreemap(tree, {
      width: 100,
      height: 100,
      labelHeight: 0,
      padding: 0,
      maxDepth: 1,
    });
    expect(root.children!.every((c) => !c.children && c.parent === root)).toBe(true);
    expect(root.children!.map((c) => c.data)).toEqual(expect.arrayContaining(tree.children!));
    expect(JSON.stringify(tree)).toBe(before);
  });

  it('lists the leaves in order', () => {
    const f = (name: string, size: number): SizeNode => ({
      name,
      path: name,
      key: name,
      size,
      dir: false,
      change: 'unchanged',
    });
    const tree: SizeNode = { ...f('', 6), dir: true, children: [f('a', 1), f('b', 3), f('c', 2)] };
    const root = squarifiedTreemap(tree, { width: 6, height: 1, labelHeight: 0, padding: 0, maxDepth: 3 });
    expect(root.leaves().map((l) => l.data.name)).toEqual(['b', 'c', 'a']);
    expect(root.leaves().map((l) => l.x1 - l.x0)).toEqual([3, 2, 1]);
  });
});
