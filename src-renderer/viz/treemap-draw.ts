/** Colours and canvas drawing of a laid-out treemap (no React, no store). */
import { color as d3color, scaleOrdinal, schemeTableau10 } from 'd3';
import { formatBytes, topLevelOf, type SizeChange, type TreemapRect } from './treemap';

export type TreemapColourMode = 'top-level' | 'change';

export const CHANGE_COLOURS: Record<SizeChange, string> = {
  added: '#4caf7a',
  modified: '#d9a441',
  removed: '#e5676b',
  unchanged: '#5b6b7b',
};

/** A colour function for a laid-out tree: by the top-level directory under the focus, or by change. */
export function colourer(root: TreemapRect, mode: TreemapColourMode): (n: TreemapRect) => string {
  if (mode === 'change') return (n) => CHANGE_COLOURS[n.data.change];
  const names = (root.children ?? []).map((c) => c.data.name);
  const scale = scaleOrdinal<string, string>().domain(names).range(schemeTableau10);
  return (n) => (n.depth === 0 ? '#333' : scale(topLevelOf(n).data.name));
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

/** Draw every laid-out node: directories as titled frames, files (and unloaded dirs) as blocks. */
export function drawTreemap(ctx: CanvasRenderingContext2D, root: TreemapRect, o: DrawOptions): void {
  const fill = colourer(root, o.mode);
  ctx.clearRect(0, 0, o.width, o.height);
  ctx.font = o.font ?? '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const n of root.descendants()) {
    if (n.depth === 0) continue;
    const w = n.x1 - n.x0;
    const h = n.y1 - n.y0;
    if (w < 0.5 || h < 0.5) continue;
    const base = fill(n);
    if (n.children) {
      ctx.fillStyle = o.frame;
      ctx.fillRect(n.x0, n.y0, w, h);
      ctx.fillStyle = shade(base, n.depth);
      ctx.fillRect(n.x0, n.y0, w, Math.min(h, o.labelHeight));
    } else {
      ctx.fillStyle = shade(base, n.depth);
      ctx.fillRect(n.x0, n.y0, w, h);
      if (n.data.dir) {
        // A directory not loaded yet: hatch it lightly so it reads as "more inside".
        ctx.strokeStyle = 'rgba(255,255,255,0.18)';
        ctx.strokeRect(n.x0 + 2.5, n.y0 + 2.5, Math.max(0, w - 5), Math.max(0, h - 5));
      }
    }
    drawLabel(ctx, n, w, h, o);
  }
}

function drawLabel(
  ctx: CanvasRenderingContext2D,
  n: TreemapRect,
  w: number,
  h: number,
  o: DrawOptions,
): void {
  const name = n.data.dir ? `${n.data.name}/` : n.data.name;
  const bandH = n.children ? Math.min(h, o.labelHeight) : h;
  if (w < 24 || bandH < 12) return;
  const full = `${name}  ${formatBytes(n.value ?? 0)}`;
  const text =
    ctx.measureText(full).width + 8 <= w ? full : ctx.measureText(name).width + 8 <= w ? name : null;
  if (!text) return;
  ctx.fillStyle = o.text;
  ctx.fillText(text, n.x0 + 4, n.children || h < 28 ? n.y0 + bandH / 2 : n.y0 + 10);
}
