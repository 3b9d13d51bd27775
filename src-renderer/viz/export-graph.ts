/** Exports of the tag graph: Graphviz DOT and a standalone SVG document, both pure strings. */
import type { DagEdgeIn, DagLayout, DagNodeIn } from './dag-layout';

/** A DOT double-quoted string: backslashes, quotes and line breaks escaped. */
export function dotQuote(s: string): string {
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n')}"`;
}

export function toDot(nodes: readonly DagNodeIn[], edges: readonly DagEdgeIn[], name = 'images'): string {
  const lines = [
    `digraph ${dotQuote(name)} {`,
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=11];',
  ];
  for (const n of nodes) {
    const style =
      n.kind === 'tag'
        ? 'shape=box, style="rounded,filled", fillcolor="#d7f0ee"'
        : 'shape=box, style=filled, fillcolor="#e8e8e8"';
    lines.push(`  ${dotQuote(n.id)} [label=${dotQuote(n.label)}, ${style}];`);
  }
  for (const e of edges) {
    const style = e.kind === 'base' ? ' [label="built on", style=dashed]' : '';
    lines.push(`  ${dotQuote(e.from)} -> ${dotQuote(e.to)}${style};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Text or attribute content escaped for XML. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An SVG path through the points: straight ends, smooth cubic between columns. */
export function edgePath(points: readonly [number, number][]): string {
  if (points.length === 0) return '';
  const [x0, y0] = points[0]!;
  let d = `M${x0.toFixed(1)},${y0.toFixed(1)}`;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const mx = (ax + bx) / 2;
    d += ` C${mx.toFixed(1)},${ay.toFixed(1)} ${mx.toFixed(1)},${by.toFixed(1)} ${bx.toFixed(1)},${by.toFixed(1)}`;
  }
  return d;
}

export interface SvgTheme {
  background: string;
  text: string;
  tagFill: string;
  imageFill: string;
  danglingFill: string;
  stroke: string;
  edge: string;
}
export const LIGHT_SVG_THEME: SvgTheme = {
  background: '#ffffff',
  text: '#1b232b',
  tagFill: '#d7f0ee',
  imageFill: '#eceff2',
  danglingFill: '#fbe3e3',
  stroke: '#7d8b99',
  edge: '#8a98a6',
};

/** A standalone SVG document of the layout (for the SVG and PNG exports). */
export function toSvg(
  layout: DagLayout,
  opts: { theme?: SvgTheme; isDangling?: (id: string) => boolean } = {},
): string {
  const t = opts.theme ?? LIGHT_SVG_THEME;
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${t.edge}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${t.background}"/>`,
  ];
  for (const e of layout.edges) {
    const dash = e.edge.kind === 'base' ? ' stroke-dasharray="5 3"' : '';
    out.push(
      `<path d="${edgePath(e.points)}" fill="none" stroke="${t.edge}" stroke-width="1.5"${dash} marker-end="url(#arrow)"/>`,
    );
  }
  for (const n of layout.nodes) {
    const dangling = opts.isDangling?.(n.id) ?? false;
    const fill = n.node.kind === 'tag' ? t.tagFill : dangling ? t.danglingFill : t.imageFill;
    const rx = n.node.kind === 'tag' ? 12 : 3;
    out.push(
      `<g><title>${xmlEscape(n.id)}</title>` +
        `<rect x="${n.x.toFixed(1)}" y="${n.y.toFixed(1)}" width="${n.width.toFixed(1)}" height="${n.height.toFixed(1)}" rx="${rx}" fill="${fill}" stroke="${t.stroke}"/>` +
        `<text x="${(n.x + n.width / 2).toFixed(1)}" y="${(n.y + n.height / 2).toFixed(1)}" text-anchor="middle" dominant-baseline="central" fill="${t.text}">${xmlEscape(n.node.label)}</text></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
