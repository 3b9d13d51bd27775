/**
 * A layered (Sugiyama-style) layout of a small DAG, left to right: tags on the left, the images
 * they name, then "built on" edges to the base images on the right.
 *  1. layers: a node's column is fixed by the longest path from it down to a root (a node with no
 *     outgoing edge, i.e. a base image), so every edge points rightwards;
 *  2. edges spanning several columns get dummy points, one per crossed column;
 *  3. crossing reduction: barycentre sweeps right then left, keeping the order with fewest crossings;
 *  4. coordinates: columns sized to their widest label, rows through d3 linear scales.
 * Pure: no DOM, no React.
 */
import { scaleLinear } from 'd3';

export interface DagNodeIn {
  id: string;
  label: string;
  kind: string;
}
export interface DagEdgeIn {
  from: string;
  to: string;
  kind: string;
}
export interface DagLayoutOptions {
  /** Width in px a label takes (default: 7 px a character). */
  measure?: (label: string) => number;
  nodeHeight?: number;
  /** Vertical gap between two nodes of a column. */
  rowGap?: number;
  /** Horizontal gap between columns (room for the edges). */
  columnGap?: number;
  /** Padding inside a node around its label. */
  padX?: number;
  margin?: number;
  /** Barycentre sweep pairs (default 8). */
  sweeps?: number;
  /**
   * Nodes of this kind that nothing points at all go in the first column (e.g. every tag left of
   * every image); their edges then span columns through dummy points.
   */
  firstColumnKind?: string;
}
export interface PlacedNode<N extends DagNodeIn = DagNodeIn> {
  id: string;
  node: N;
  layer: number;
  order: number;
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PlacedEdge<E extends DagEdgeIn = DagEdgeIn> {
  edge: E;
  /** From the source's right side, through dummy points, to the target's left side. */
  points: [number, number][];
}
export interface DagLayout<N extends DagNodeIn = DagNodeIn, E extends DagEdgeIn = DagEdgeIn> {
  nodes: PlacedNode<N>[];
  edges: PlacedEdge<E>[];
  width: number;
  height: number;
  layers: number;
  /** Edge crossings left after the sweeps (between adjacent columns). */
  crossings: number;
  /** Edges dropped because they closed a cycle or named an unknown node. */
  dropped: E[];
}

/** A slot in a column: a real node, or a dummy point of a long edge. */
interface Slot {
  key: string;
  real: boolean;
  layer: number;
}

/** Longest path from each node down to a node with no outgoing edge; back edges dropped. */
export function assignLayers(
  ids: readonly string[],
  edges: readonly { from: string; to: string }[],
): { height: Map<string, number>; kept: boolean[] } {
  const out = new Map<string, { to: string; i: number }[]>(ids.map((id) => [id, []]));
  edges.forEach((e, i) => {
    if (out.has(e.from) && out.has(e.to) && e.from !== e.to) out.get(e.from)!.push({ to: e.to, i });
  });
  const kept = edges.map(() => false);
  const height = new Map<string, number>();
  const state = new Map<string, 1 | 2>();
  const visit = (root: string): void => {
    // Iterative DFS so a long chain cannot overflow the stack.
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const outs = out.get(top.id)!;
      if (top.next < outs.length) {
        const { to, i } = outs[top.next++]!;
        const s = state.get(to);
        if (s === 1) continue; // back edge: would close a cycle
        kept[i] = true;
        if (s === undefined) {
          state.set(to, 1);
          stack.push({ id: to, next: 0 });
        }
        continue;
      }
      let h = 0;
      for (const { to, i } of outs) if (kept[i]) h = Math.max(h, height.get(to)! + 1);
      height.set(top.id, h);
      state.set(top.id, 2);
      stack.pop();
    }
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  return { height, kept };
}

/** Crossings between two adjacent columns, given edges as (upper order, lower order) pairs. */
export function countCrossings(pairs: readonly [number, number][]): number {
  let c = 0;
  for (let i = 0; i < pairs.length; i++)
    for (let j = i + 1; j < pairs.length; j++) {
      const [a1, b1] = pairs[i]!;
      const [a2, b2] = pairs[j]!;
      if ((a1 - a2) * (b1 - b2) < 0) c++;
    }
  return c;
}

export function layoutDag<N extends DagNodeIn, E extends DagEdgeIn>(
  nodesIn: readonly N[],
  edgesIn: readonly E[],
  opts: DagLayoutOptions = {},
): DagLayout<N, E> {
  const measure = opts.measure ?? ((s: string) => s.length * 7);
  const nodeHeight = opts.nodeHeight ?? 28;
  const rowGap = opts.rowGap ?? 14;
  const columnGap = opts.columnGap ?? 70;
  const padX = opts.padX ?? 10;
  const margin = opts.margin ?? 16;
  const sweeps = opts.sweeps ?? 8;

  const byId = new Map(nodesIn.map((n) => [n.id, n]));
  const ids = [...byId.keys()];
  const { height, kept } = assignLayers(ids, edgesIn);
  const pointedAt = new Set(edgesIn.filter((_, i) => kept[i]).map((e) => e.to));
  const pinned = new Set(
    ids.filter(
      (id) =>
        opts.firstColumnKind !== undefined &&
        byId.get(id)!.kind === opts.firstColumnKind &&
        !pointedAt.has(id),
    ),
  );
  const offset = pinned.size > 0 && pinned.size < ids.length ? 1 : 0;
  const maxH = Math.max(
    0,
    ...ids.filter((id) => !pinned.has(id) || offset === 0).map((id) => height.get(id)!),
  );
  // Column = maxH - height: roots (base images) in the last column, every edge goes rightwards.
  const layerOf = (id: string): number => (pinned.has(id) && offset ? 0 : offset + maxH - height.get(id)!);
  const layerCount = ids.length ? offset + maxH + 1 : 0;

  const columns: Slot[][] = Array.from({ length: layerCount }, () => []);
  for (const id of ids) columns[layerOf(id)]!.push({ key: id, real: true, layer: layerOf(id) });
  // Each kept edge as a chain of segments through one dummy per crossed column.
  const chains: string[][] = [];
  const dropped: E[] = [];
  edgesIn.forEach((e, i) => {
    if (!kept[i]) {
      dropped.push(e);
      return;
    }
    const chain = [e.from];
    for (let l = layerOf(e.from) + 1; l < layerOf(e.to); l++) {
      const key = `\u0000dummy:${i}:${l}`;
      columns[l]!.push({ key, real: false, layer: l });
      chain.push(key);
    }
    chain.push(e.to);
    chains.push(chain);
  });
  const right = new Map<string, string[]>();
  const left = new Map<string, string[]>();
  for (const chain of chains)
    for (let k = 0; k + 1 < chain.length; k++) {
      (right.get(chain[k]!) ?? right.set(chain[k]!, []).get(chain[k]!)!).push(chain[k + 1]!);
      (left.get(chain[k + 1]!) ?? left.set(chain[k + 1]!, []).get(chain[k + 1]!)!).push(chain[k]!);
    }

  const order = new Map<string, number>();
  const renumber = (col: Slot[]): void => col.forEach((s, i) => order.set(s.key, i));
  columns.forEach(renumber);
  const totalCrossings = (): number => {
    let c = 0;
    for (let l = 0; l + 1 < columns.length; l++) {
      const pairs: [number, number][] = [];
      for (const s of columns[l]!)
        for (const t of right.get(s.key) ?? []) pairs.push([order.get(s.key)!, order.get(t)!]);
      c += countCrossings(pairs);
    }
    return c;
  };
  const sortByBarycentre = (col: Slot[], neighbours: Map<string, string[]>): void => {
    const bary = new Map<string, number>();
    for (const s of col) {
      const ns = neighbours.get(s.key) ?? [];
      bary.set(s.key, ns.length ? ns.reduce((a, n) => a + order.get(n)!, 0) / ns.length : order.get(s.key)!);
    }
    // Stable: ties keep the current order.
    col.sort((a, b) => bary.get(a.key)! - bary.get(b.key)! || order.get(a.key)! - order.get(b.key)!);
    renumber(col);
  };
  let best = columns.map((c) => [...c]);
  let bestCrossings = totalCrossings();
  for (let s = 0; s < sweeps && bestCrossings > 0; s++) {
    for (let l = 1; l < columns.length; l++) sortByBarycentre(columns[l]!, left);
    for (let l = columns.length - 2; l >= 0; l--) sortByBarycentre(columns[l]!, right);
    const c = totalCrossings();
    if (c < bestCrossings) {
      bestCrossings = c;
      best = columns.map((col) => [...col]);
    }
  }
  best.forEach((col, l) => {
    columns[l] = col;
    renumber(col);
  });

  // Coordinates: columns as wide as their widest label; rows spread by a linear scale per column.
  const widthOf = (s: Slot): number => (s.real ? Math.ceil(measure(byId.get(s.key)!.label)) + 2 * padX : 0);
  const colWidth = columns.map((col) => Math.max(0, ...col.map(widthOf)));
  const colX: number[] = [];
  colWidth.reduce((x, w, l) => ((colX[l] = x), x + w + columnGap), margin);
  const tallest = Math.max(0, ...columns.map((c) => c.length));
  const innerHeight = Math.max(0, tallest * nodeHeight + (tallest - 1) * rowGap);
  const pos = new Map<string, { x: number; y: number; w: number }>();
  columns.forEach((col, l) => {
    const span = col.length * nodeHeight + (col.length - 1) * rowGap;
    const top = margin + (innerHeight - span) / 2;
    const y = scaleLinear()
      .domain([0, 1])
      .range([top, top + nodeHeight + rowGap]);
    for (const s of col) {
      const w = widthOf(s);
      // Dummies sit mid-column, at the row's vertical centre.
      pos.set(s.key, { x: s.real ? colX[l]! : colX[l]! + colWidth[l]! / 2, y: y(order.get(s.key)!), w });
    }
  });

  const nodes: PlacedNode<N>[] = [];
  for (const col of columns)
    for (const s of col)
      if (s.real) {
        const p = pos.get(s.key)!;
        nodes.push({
          id: s.key,
          node: byId.get(s.key)!,
          layer: s.layer,
          order: order.get(s.key)!,
          x: p.x,
          y: p.y,
          width: p.w,
          height: nodeHeight,
        });
      }
  let chainIndex = 0;
  const edges: PlacedEdge<E>[] = [];
  edgesIn.forEach((e, i) => {
    if (!kept[i]) return;
    const chain = chains[chainIndex++]!;
    const points = chain.map((key, k): [number, number] => {
      const p = pos.get(key)!;
      const cy = p.y + nodeHeight / 2;
      return k === 0 ? [p.x + p.w, cy] : [p.x, cy];
    });
    edges.push({ edge: e, points });
  });
  const width = layerCount ? colX[layerCount - 1]! + colWidth[layerCount - 1]! + margin : 2 * margin;
  return {
    nodes,
    edges,
    width,
    height: innerHeight + 2 * margin,
    layers: layerCount,
    crossings: bestCrossings,
    dropped,
  };
}
