import { describe, expect, it } from 'vitest';
import { assignLayers, countCrossings, layoutDag, type DagLayout } from './dag-layout';

const n = (id: string, kind = 'image') => ({ id, kind, label: id });
const e = (from: string, to: string, kind = 'base') => ({ from, to, kind });

function noOverlaps(layout: DagLayout): void {
  const ns = layout.nodes;
  for (let i = 0; i < ns.length; i++)
    for (let j = i + 1; j < ns.length; j++) {
      const a = ns[i]!;
      const b = ns[j]!;
      const apart =
        a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
}
function edgesGoRight(layout: DagLayout): void {
  for (const { points } of layout.edges)
    for (let k = 1; k < points.length; k++) expect(points[k]![0]).toBeGreaterThan(points[k - 1]![0]);
}

describe('assignLayers', () => {
  it('gives each node the longest path down to a root', () => {
    const { height, kept } = assignLayers(
      ['t', 'a', 'b', 'c'],
      [e('t', 'a'), e('a', 'b'), e('b', 'c'), e('a', 'c')],
    );
    expect(Object.fromEntries(height)).toEqual({ t: 3, a: 2, b: 1, c: 0 });
    expect(kept).toEqual([true, true, true, true]);
  });
  it('drops an edge that closes a cycle, and self loops', () => {
    const { height, kept } = assignLayers(['a', 'b'], [e('a', 'b'), e('b', 'a'), e('a', 'a')]);
    expect(kept).toEqual([true, false, false]);
    expect(height.get('a')).toBe(1);
  });
  it('handles a chain far longer than the call stack would allow recursively', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `n${i}`);
    const { height } = assignLayers(
      ids,
      ids.slice(1).map((id, i) => e(ids[i]!, id)),
    );
    expect(height.get('n0')).toBe(19999);
  });
});

describe('countCrossings', () => {
  it('counts inverted pairs only', () => {
    expect(
      countCrossings([
        [0, 0],
        [1, 1],
      ]),
    ).toBe(0);
    expect(
      countCrossings([
        [0, 1],
        [1, 0],
      ]),
    ).toBe(1);
    expect(
      countCrossings([
        [0, 0],
        [0, 1],
      ]),
    ).toBe(0);
    expect(
      countCrossings([
        [0, 2],
        [1, 1],
        [2, 0],
      ]),
    ).toBe(3);
  });
});

describe('layoutDag', () => {
  // The test bed's shape: two tags on one image built on busybox:base's image, plus a dangling image.
  const nodes = [
    n('busybox:base', 'tag'),
    n('B'),
    n('layers:1.0', 'tag'),
    n('layers:latest', 'tag'),
    n('L'),
    n('D'),
  ];
  const edges = [
    e('busybox:base', 'B', 'tag'),
    e('layers:1.0', 'L', 'tag'),
    e('layers:latest', 'L', 'tag'),
    e('L', 'B'),
  ];

  it('places tags left of their image, and images left of their base; no overlaps', () => {
    const layout = layoutDag(nodes, edges);
    const at = (id: string) => layout.nodes.find((p) => p.id === id)!;
    expect(layout.layers).toBe(3);
    expect(at('layers:1.0').layer).toBe(0);
    expect(at('L').layer).toBe(1);
    expect(at('B').layer).toBe(2);
    expect(at('busybox:base').layer).toBe(1);
    expect(at('D').layer).toBe(2); // alone: a root
    expect(at('layers:1.0').x + at('layers:1.0').width).toBeLessThan(at('L').x);
    expect(at('L').x + at('L').width).toBeLessThan(at('B').x);
    noOverlaps(layout);
    edgesGoRight(layout);
    expect(layout.crossings).toBe(0);
    expect(layout.dropped).toEqual([]);
    for (const p of layout.nodes) {
      expect(p.x + p.width).toBeLessThanOrEqual(layout.width);
      expect(p.y + p.height).toBeLessThanOrEqual(layout.height);
      expect(p.width).toBe(p.id.length * 7 + 20);
    }
  });

  it('pins sources of one kind to the first column when asked', () => {
    const layout = layoutDag(nodes, edges, { firstColumnKind: 'tag' });
    const at = (id: string) => layout.nodes.find((p) => p.id === id)!;
    expect(layout.layers).toBe(3);
    for (const t of ['busybox:base', 'layers:1.0', 'layers:latest']) expect(at(t).layer).toBe(0);
    expect([at('L').layer, at('B').layer, at('D').layer]).toEqual([1, 2, 2]);
    // busybox:base -> B crosses column 1 through one dummy point.
    expect(layout.edges.find((p) => p.edge.from === 'busybox:base')!.points).toHaveLength(3);
    noOverlaps(layout);
    edgesGoRight(layout);
    // Only tags: nothing to pin against, one column.
    expect(layoutDag([n('a', 'tag'), n('b', 'tag')], [], { firstColumnKind: 'tag' }).layers).toBe(1);
  });

  it('orders each column by position: rows increase with order', () => {
    const layout = layoutDag(nodes, edges);
    for (let l = 0; l < layout.layers; l++) {
      const col = layout.nodes.filter((p) => p.layer === l).sort((a, b) => a.order - b.order);
      for (let i = 1; i < col.length; i++)
        expect(col[i]!.y).toBeGreaterThanOrEqual(col[i - 1]!.y + col[i - 1]!.height);
      expect(new Set(col.map((p) => p.x)).size).toBe(1);
    }
  });

  it('removes the crossing of a crossed input order by barycentre sweeps', () => {
    const layout = layoutDag(
      [n('t1', 'tag'), n('t2', 'tag'), n('a'), n('b')],
      [e('t1', 'b', 'tag'), e('t2', 'a', 'tag')],
    );
    expect(layout.crossings).toBe(0);
    const y = (id: string) => layout.nodes.find((p) => p.id === id)!.y;
    expect(Math.sign(y('t1') - y('t2'))).toBe(Math.sign(y('b') - y('a')));
  });

  it('routes an edge spanning columns through one point per crossed column', () => {
    const layout = layoutDag(
      [n('a'), n('b'), n('c'), n('d')],
      [e('a', 'b'), e('b', 'c'), e('c', 'd'), e('a', 'd')],
    );
    const long = layout.edges.find((p) => p.edge.from === 'a' && p.edge.to === 'd')!;
    expect(long.points).toHaveLength(4);
    edgesGoRight(layout);
    noOverlaps(layout);
  });

  it('lays out nothing as an empty box, and reports dropped cyclic edges', () => {
    expect(layoutDag([], [])).toMatchObject({ nodes: [], edges: [], layers: 0 });
    const cyc = layoutDag([n('a'), n('b')], [e('a', 'b'), e('b', 'a'), e('a', 'ghost')]);
    expect(cyc.dropped).toHaveLength(2);
    expect(cyc.edges).toHaveLength(1);
  });

  it('stays overlap-free and one-way on a random DAG of a few hundred nodes', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ns = Array.from({ length: 200 }, (_, i) => n(`n${i}`));
    const es = [];
    for (let i = 1; i < 200; i++) if (rnd() < 0.8) es.push(e(`n${i}`, `n${Math.floor(rnd() * i)}`));
    const layout = layoutDag(ns, es);
    noOverlaps(layout);
    edgesGoRight(layout);
    expect(layout.nodes).toHaveLength(200);
  });
});
