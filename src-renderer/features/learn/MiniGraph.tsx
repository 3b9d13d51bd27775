/** A small, static tag graph (tags -> image IDs -> what they are built on), laid out like the Graph view. */
import { useMemo } from 'react';
import type { ImageGraph } from '../../../src-shared/images-dto';
import { layoutDag } from '../../viz/dag-layout';
import { edgePath } from '../../viz/export-graph';
import { ArrowMarker, edgeKey } from '../graph/ArrowMarker';
import { measureLabel } from '../graph/download';
import { danglingImages, pathDown } from '../graph/graph-model';
import '../graph/graph.css';

/** The nodes and edges on the way from `focus` (tag or image IDs) down to their base: what a lesson changed. */
function litPaths(graph: ImageGraph, focus: readonly string[]): { nodes: Set<string>; edges: Set<string> } {
  const lit = { nodes: new Set<string>(), edges: new Set<string>() };
  for (const id of focus) {
    if (!graph.nodes.some((n) => n.id === id)) continue;
    const p = pathDown(graph, id);
    p.nodes.forEach((n) => lit.nodes.add(n));
    p.edges.forEach((e) => lit.edges.add(e));
  }
  return lit;
}

export function MiniGraph({
  graph,
  label,
  focus = [],
}: {
  graph: ImageGraph;
  label: string;
  /** Tags or images the lesson is about: lit, the rest dimmed. */
  focus?: readonly string[];
}): React.JSX.Element {
  const layout = useMemo(
    () =>
      layoutDag(graph.nodes, graph.edges, {
        measure: (s) => measureLabel(s),
        firstColumnKind: 'tag',
        nodeHeight: 26,
        rowGap: 10,
        columnGap: 56,
      }),
    [graph],
  );
  const dangling = useMemo(() => danglingImages(graph), [graph]);
  const lit = useMemo(() => litPaths(graph, focus), [graph, focus]);
  const on = (yes: boolean): string => (yes ? ' lit' : '');
  return (
    <figure className="graph-view learn-graph">
      <figcaption>{label}</figcaption>
      {/* Scaled down to the column when wider than it (the Graph view scrolls instead). */}
      <svg
        className={`graph-svg${lit.nodes.size ? ' has-lit' : ''}`}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        style={{ maxWidth: '100%', height: 'auto' }}
        role="img"
        aria-label={label}
      >
        <defs>
          <ArrowMarker id="learn-arrow" />
        </defs>
        {layout.edges.map((e) => (
          <path
            key={edgeKey(e.edge.from, e.edge.to)}
            className={`gedge gedge-${e.edge.kind}${on(lit.edges.has(edgeKey(e.edge.from, e.edge.to)))}`}
            d={edgePath(e.points)}
            markerEnd="url(#learn-arrow)"
          />
        ))}
        {layout.nodes.map((n) => (
          <g
            key={n.id}
            data-testid={`learn-graph-${n.node.kind}`}
            data-label={n.node.label}
            className={`gnode gnode-${n.node.kind}${dangling.has(n.id) ? ' gnode-dangling' : ''}${on(lit.nodes.has(n.id))}`}
            transform={`translate(${n.x},${n.y})`}
          >
            <title>{n.id}</title>
            <rect width={n.width} height={n.height} rx={n.node.kind === 'tag' ? n.height / 2 : 4} />
            <text x={n.width / 2} y={n.height / 2}>
              {n.node.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
