/**
 * The squarified treemap of a size tree, kept in flat typed arrays. A 100,000-file image laid
 * out with d3 (hierarchy + sum + sort + treemap, after copying the tree to cut it at `maxDepth`)
 * made some 300,000 short-lived objects and walked the nodes four times through generic
 * accessors; the garbage collector and a cold JIT took most of the time. Here the nodes are
 * numbered breadth first (a node's children are consecutive), values, rectangles and links live
 * in typed arrays, and node objects (`TreemapRect`) exist only for the few that are asked for
 * (hit-testing, the legend). The tiling is d3's: the same squarify rows (golden ratio) and the same
 * padding rules (`treemap().paddingInner(p).paddingOuter(p).paddingTop(...)`, unrounded), so the
 * rectangles are d3's (treemap-layout.test.ts compares them). Pure: no DOM.
 */
import type { SizeNode } from './treemap';

export interface LayoutSpec {
  width: number;
  height: number;
  labelHeight: number;
  padding: number;
  maxDepth: number;
}

/** One laid-out node, a view into its layout: the fields of d3's HierarchyRectangularNode we use. */
export class TreemapRect {
  private kids: TreemapRect[] | undefined | null = null;
  constructor(
    readonly layout: TreemapLayout,
    readonly index: number,
  ) {}
  get data(): SizeNode {
    return this.layout.data[this.index]!;
  }
  get depth(): number {
    return this.layout.depth[this.index]!;
  }
  get value(): number {
    return this.layout.value[this.index]!;
  }
  get x0(): number {
    return this.layout.x0[this.index]!;
  }
  get y0(): number {
    return this.layout.y0[this.index]!;
  }
  get x1(): number {
    return this.layout.x1[this.index]!;
  }
  get y1(): number {
    return this.layout.y1[this.index]!;
  }
  get parent(): TreemapRect | null {
    const p = this.layout.parent[this.index]!;
    return p < 0 ? null : this.layout.node(p);
  }
  /** Largest first; undefined for a leaf (as in d3). */
  get children(): TreemapRect[] | undefined {
    if (this.kids === null) {
      const ids = this.layout.childIds(this.index);
      this.kids = ids.length ? Array.from(ids, (id) => this.layout.node(id)) : undefined;
    }
    return this.kids;
  }
  /** The nodes without children, in pre-order. */
  leaves(): TreemapRect[] {
    const out: TreemapRect[] = [];
    const walk = (n: TreemapRect): void => {
      if (!n.children) out.push(n);
      else for (const c of n.children) walk(c);
    };
    walk(this);
    return out;
  }
}

/** The laid-out tree: node `i`'s fields at index `i`; node 0 is the root. */
export class TreemapLayout {
  readonly data: SizeNode[];
  readonly depth: Uint16Array;
  readonly parent: Int32Array;
  /** Node `i`'s children are the ids `order[first[i] .. first[i] + count[i])`, largest first. */
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly order: Int32Array;
  readonly value: Float64Array;
  readonly x0: Float64Array;
  readonly y0: Float64Array;
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  private readonly views: (TreemapRect | undefined)[] = [];

  constructor(readonly size: number) {
    this.data = new Array<SizeNode>(size);
    this.depth = new Uint16Array(size);
    this.parent = new Int32Array(size);
    this.first = new Int32Array(size);
    this.count = new Int32Array(size);
    this.order = new Int32Array(size);
    this.value = new Float64Array(size);
    this.x0 = new Float64Array(size);
    this.y0 = new Float64Array(size);
    this.x1 = new Float64Array(size);
    this.y1 = new Float64Array(size);
  }
  /** The node object for id `i` (made once, on demand). */
  node(i: number): TreemapRect {
    return (this.views[i] ??= new TreemapRect(this, i));
  }
  childIds(i: number): Int32Array {
    return this.order.subarray(this.first[i]!, this.first[i]! + this.count[i]!);
  }
}

/** Nodes of `n` and below it, down to `maxDepth` levels. */
function countNodes(n: SizeNode, levels: number): number {
  let total = 1;
  if (levels > 0 && n.children) for (const c of n.children) total += countNodes(c, levels - 1);
  return total;
}

/**
 * Numbers the nodes breadth first, sums them (a directory's value is its children's plus
 * whatever its total has beyond them, `ownBytes`; a cut or unloaded directory is one block of
 * its total) and sorts each one's children, largest first, ties by name.
 */
function build(root: SizeNode, maxDepth: number): TreemapLayout {
  const t = new TreemapLayout(countNodes(root, maxDepth));
  const { data, depth, parent, first, count, order, value } = t;
  data[0] = root;
  parent[0] = -1;
  let next = 1;
  for (let i = 0; i < next; i++) {
    order[i] = i;
    const kids = depth[i]! < maxDepth ? data[i]!.children : undefined;
    first[i] = next;
    if (!kids || kids.length === 0) continue;
    count[i] = kids.length;
    for (const kid of kids) {
      data[next] = kid;
      depth[next] = depth[i]! + 1;
      parent[next++] = i;
    }
  }
  for (let i = t.size - 1; i >= 0; i--) {
    const own = data[i]!.size;
    const c = count[i]!;
    if (c === 0) {
      value[i] = Math.max(0, own);
      continue;
    }
    let listed = 0;
    for (let j = first[i]!; j < first[i]! + c; j++) listed += Math.max(0, data[j]!.size);
    // d3's sum: own bytes, then the children added last to first.
    let sum = Math.max(0, own - listed);
    for (let j = first[i]! + c - 1; j >= first[i]!; j--) sum += value[j]!;
    value[i] = sum;
  }
  const bySizeThenName = (a: number, b: number): number =>
    value[b]! - value[a]! || (data[a]!.name < data[b]!.name ? -1 : 1);
  for (let i = 0; i < t.size; i++) if (count[i]! > 1) t.childIds(i).sort(bySizeThenName);
  return t;
}

const PHI = (1 + Math.sqrt(5)) / 2;

/**
 * d3's squarifyRatio(phi) over node `p`'s children in (x0, y0, x1, y1): rows of children added
 * while the row's worst aspect ratio improves, each row diced (tall box) or sliced (wide box).
 */
function squarify(t: TreemapLayout, p: number, x0: number, y0: number, x1: number, y1: number): void {
  const { order, value } = t;
  const start = t.first[p]!;
  const n = t.count[p]!;
  let remaining = value[p]!;
  let i0 = 0;
  let i1 = 0;
  while (i0 < n) {
    const dx = x1 - x0;
    const dy = y1 - y0;
    let sumValue: number;
    do sumValue = value[order[start + i1++]!]!;
    while (!sumValue && i1 < n);
    let minValue = sumValue;
    let maxValue = sumValue;
    const alpha = Math.max(dy / dx, dx / dy) / (remaining * PHI);
    let beta = sumValue * sumValue * alpha;
    let minRatio = Math.max(maxValue / beta, beta / minValue);
    for (; i1 < n; ++i1) {
      const nodeValue = value[order[start + i1]!]!;
      sumValue += nodeValue;
      if (nodeValue < minValue) minValue = nodeValue;
      if (nodeValue > maxValue) maxValue = nodeValue;
      beta = sumValue * sumValue * alpha;
      const newRatio = Math.max(maxValue / beta, beta / minValue);
      if (newRatio > minRatio) {
        sumValue -= nodeValue;
        break;
      }
      minRatio = newRatio;
    }
    // d3: dice(row, x0, y0, x1, value ? y0 += dy * sumValue / value : y1), slice likewise.
    if (dx < dy) {
      const top = y0;
      const bottom = remaining ? (y0 += (dy * sumValue) / remaining) : y1;
      row(t, start + i0, start + i1, sumValue, x0, top, x1, bottom, true);
    } else {
      const left = x0;
      const right = remaining ? (x0 += (dx * sumValue) / remaining) : x1;
      row(t, start + i0, start + i1, sumValue, left, y0, right, y1, false);
    }
    remaining -= sumValue;
    i0 = i1;
  }
}

/** d3.treemapDice (`dice`: left to right) or treemapSlice (top to bottom) over order[a, b). */
function row(
  t: TreemapLayout,
  a: number,
  b: number,
  total: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  dice: boolean,
): void {
  const k = total && (dice ? x1 - x0 : y1 - y0) / total;
  for (let o = a; o < b; o++) {
    const i = t.order[o]!;
    t.x0[i] = x0;
    t.y0[i] = y0;
    if (dice) {
      t.y1[i] = y1;
      t.x1[i] = x0 += t.value[i]! * k;
    } else {
      t.x1[i] = x1;
      t.y1[i] = y0 += t.value[i]! * k;
    }
  }
}

/** d3's positionNode: shrink node `i` by the padding handed down, then tile its children. */
function position(t: TreemapLayout, i: number, outer: number, spec: LayoutSpec): void {
  let x0 = t.x0[i]! + outer;
  let y0 = t.y0[i]! + outer;
  let x1 = t.x1[i]! - outer;
  let y1 = t.y1[i]! - outer;
  if (x1 < x0) x0 = x1 = (x0 + x1) / 2;
  if (y1 < y0) y0 = y1 = (y0 + y1) / 2;
  t.x0[i] = x0;
  t.y0[i] = y0;
  t.x1[i] = x1;
  t.y1[i] = y1;
  if (t.count[i] === 0) return;
  const p = spec.padding;
  const half = p / 2;
  const top = t.depth[i] === 0 ? p : spec.labelHeight || p;
  x0 += p - half;
  y0 += top - half;
  x1 -= p - half;
  y1 -= p - half;
  if (x1 < x0) x0 = x1 = (x0 + x1) / 2;
  if (y1 < y0) y0 = y1 = (y0 + y1) / 2;
  squarify(t, i, x0, y0, x1, y1);
}

/** Lays out `root` and `spec.maxDepth` levels below it in a `width` x `height` box. */
export function squarifiedTreemap(root: SizeNode, spec: LayoutSpec): TreemapRect {
  const t = build(root, spec.maxDepth);
  t.x1[0] = Math.max(0, spec.width);
  t.y1[0] = Math.max(0, spec.height);
  // Breadth first: a node's box is tiled before its children are positioned in it.
  const half = spec.padding / 2;
  for (let i = 0; i < t.size; i++) position(t, i, i === 0 ? 0 : half, spec);
  return t.node(0);
}
