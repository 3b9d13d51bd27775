/**
 * Colours and canvas drawing of a laid-out treemap (no React, no store).
 *
 * For 100,000 cells: `planTreemap` walks the layout's arrays once, carrying each cell's colour
 * down from its top-level directory (no lookup per cell) and shading it per depth from a small
 * cache (no colour parsing per cell), and groups the rectangles by depth and colour;
 * `drawTreemap` then sets each colour once and fills its rectangles. Depth order keeps a
 * directory's frame under its children; cells at the same depth never overlap, so grouping them
 * by colour changes nothing on screen. Cells under half a pixel are left out (with their
 * subtrees), and only cells with room for text are measured for a label.
 */
import { color as d3color, scaleOrdinal, schemeTableau10 } from 'd3';
import { formatBytes, topLevelOf, type SizeChange, type TreemapRect } from './treemap';

export type TreemapColourMode = 'top-level' | 'change';

export const CHANGE_COLOURS: Record<SizeChange, string> = {
  added: '#4caf7a',
  modified: '#d9a441',
  removed: '#e5676b',
  unchanged: '#5b6b7b',
};

const ROOT_COLOUR = '#333';

/** The colour of each top-level directory under the focus (Tableau 10, in layout order). */
function topLevelScale(root: TreemapRect): (name: string) => string {
  const names = (root.children ?? []).map((c) => c.data.name);
  return scaleOrdinal<string, string>().domain(names).range(schemeTableau10);
}

/** A colour function for a laid-out tree: by the top-level directory under the focus, or by change. */
export function colourer(root: TreemapRect, mode: TreemapColourMode): (n: TreemapRect) => string {
  if (mode === 'change') return (n) => CHANGE_COLOURS[n.data.change];
  const scale = topLevelScale(root);
  return (n) => (n.depth === 0 ? ROOT_COLOUR : scale(topLevelOf(n).data.name));
}

/** Darker for deeper nodes so nesting reads without borders everywhere. */
export function shade(base: string, depth: number): string {
  const c = d3color(base);
  return c ? c.darker(Math.min(1.5, (depth - 1) * 0.25)).formatHex() : base;
}

export interface DrawOptions {
  /** CSS pixel size; the canvas is already scaled by devicePixelRatio. */
  width: number;
  height: number;
  mode: TreemapColourMode;
  labelHeight: number;
  frame: string;
  text: string;
  font?: string;
}

/** Rectangles of one colour, flat: x, y, w, h, x, y, w, h... */
export interface FillBatch {
  colour: string;
  rects: number[];
}
export interface TreemapPlan {
  /** In paint order: shallower depths first; at each depth the directory frames first. */
  fills: FillBatch[];
  /** Inset outlines of directories whose children are not loaded yet (x, y, w, h...). */
  hatches: number[];
  /** Cells with room for a label (at least 24 px wide, a 12 px band). */
  labels: TreemapRect[];
}

/** Smaller than this (CSS px) in either direction: not drawn. */
const MIN_SIDE = 0.5;

/** Groups the cells of a laid-out treemap into fills by depth and colour, outlines and labels. */
export function planTreemap(
  root: TreemapRect,
  o: Pick<DrawOptions, 'mode' | 'labelHeight' | 'frame'>,
): TreemapPlan {
  // levels[depth]: colour -> rectangles; the frame colour first so frames go under the bands.
  const levels: Map<string, number[]>[] = [];
  const put = (depth: number, colour: string, x: number, y: number, w: number, h: number): void => {
    const level = (levels[depth] ??= new Map([[o.frame, []]]));
    let rects = level.get(colour);
    if (!rects) level.set(colour, (rects = []));
    rects.push(x, y, w, h);
  };
  const shades = new Map<string, string>();
  const shaded = (base: string, depth: number): string => {
    const k = `${depth}|${base}`;
    let s = shades.get(k);
    if (s === undefined) shades.set(k, (s = shade(base, depth)));
    return s;
  };
  const hatches: number[] = [];
  const labels: TreemapRect[] = [];
  const scale = o.mode === 'top-level' ? topLevelScale(root) : null;

  // Over the layout's arrays (no node objects). `inherited`: the top-level directory's colour,
  // handed down (by change, each cell has its own).
  const t = root.layout;
  const walk = (i: number, inherited: string): void => {
    const x = t.x0[i]!;
    const y = t.y0[i]!;
    const w = t.x1[i]! - x;
    const h = t.y1[i]! - y;
    // Children lie inside their parent: a cell too small to draw hides its whole subtree.
    if (w < MIN_SIDE || h < MIN_SIDE) return;
    const data = t.data[i]!;
    const depth = t.depth[i]!;
    const base = scale ? inherited : CHANGE_COLOURS[data.change];
    const fill = shaded(base, depth);
    const parent = t.count[i]! > 0;
    const bandH = parent ? Math.min(h, o.labelHeight) : h;
    if (parent) {
      put(depth, o.frame, x, y, w, h);
      put(depth, fill, x, y, w, bandH);
    } else {
      put(depth, fill, x, y, w, h);
      if (data.dir) hatches.push(x + 2.5, y + 2.5, Math.max(0, w - 5), Math.max(0, h - 5));
    }
    if (w >= 24 && bandH >= 12) labels.push(t.node(i));
    for (const c of t.childIds(i)) walk(c, base);
  };
  for (const c of t.childIds(root.index)) walk(c, scale ? scale(t.data[c]!.name) : ROOT_COLOUR);

  const fills: FillBatch[] = [];
  for (const level of levels) {
    if (!level) continue;
    for (const [colour, rects] of level) if (rects.length) fills.push({ colour, rects });
  }
  return { fills, hatches, labels };
}

/** Draw every laid-out node: directories as titled frames, files (and unloaded dirs) as blocks. */
export function drawTreemap(ctx: CanvasRenderingContext2D, root: TreemapRect, o: DrawOptions): void {
  const plan = planTreemap(root, o);
  ctx.clearRect(0, 0, o.width, o.height);
  // One fillStyle per batch; fillRect beats one path of many rects (Chromium, software raster).
  for (const { colour, rects } of plan.fills) {
    ctx.fillStyle = colour;
    for (let i = 0; i < rects.length; i += 4)
      ctx.fillRect(rects[i]!, rects[i + 1]!, rects[i + 2]!, rects[i + 3]!);
  }
  if (plan.hatches.length) {
    // A directory not loaded yet: outlined lightly so it reads as "more inside".
    ctx.strokeStyle = 'rgba(255,255,255,0.18)';
    ctx.beginPath();
    const r = plan.hatches;
    for (let i = 0; i < r.length; i += 4) ctx.rect(r[i]!, r[i + 1]!, r[i + 2]!, r[i + 3]!);
    ctx.stroke();
  }
  ctx.font = o.font ?? '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = o.text;
  for (const n of plan.labels) drawLabel(ctx, n, o);
}

function drawLabel(ctx: CanvasRenderingContext2D, n: TreemapRect, o: DrawOptions): void {
  const w = n.x1 - n.x0;
  const h = n.y1 - n.y0;
  const name = n.data.dir ? `${n.data.name}/` : n.data.name;
  // Not `n.children`: that would make node objects for every child.
  const parent = n.layout.count[n.index]! > 0;
  const bandH = parent ? Math.min(h, o.labelHeight) : h;
  // The name alone first: most small cells have no room for it, one measurement says so.
  if (ctx.measureText(name).width + 8 > w) return;
  const full = `${name}  ${formatBytes(n.value)}`;
  const text = ctx.measureText(full).width + 8 <= w ? full : name;
  ctx.fillText(text, n.x0 + 4, parent || h < 28 ? n.y0 + bandH / 2 : n.y0 + 10);
}
