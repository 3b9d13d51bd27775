/**
 * The Graph tab: the engine's tags -> images -> the images they are built on, laid out in
 * columns (viz/dag-layout) and drawn as SVG. Hover (or focus) lights the path down to the base
 * by toggling classes through a ref, so the tree of marks never re-renders on a mouse move.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { layoutDag, type DagLayout, type PlacedNode } from '../../viz/dag-layout';
import { ArrowMarker, edgeKey } from './ArrowMarker';
import { edgePath, toDot, toSvg } from '../../viz/export-graph';
import type { GraphNode } from '../../../src-shared/images-dto';
import { downloadBlob, downloadText, measureLabel, svgToPng } from './download';
import { AnalysisPanel } from './GraphAnalysis';
import { GraphDetail } from './GraphDetail';
import { danglingImages, graphFromAnalysis, pathDown } from './graph-model';
import { graphMsg } from './messages';
import './graph.css';

/**
 * The node an arrow key moves to: Right follows the node's arrow (tag -> image -> base), Left goes
 * back to one pointing at it, Up/Down move along the column; else the nearest in the next column.
 */
function neighbour(layout: DagLayout, cur: PlacedNode, key: string): PlacedNode | undefined {
  const byId = (id: string | undefined) => layout.nodes.find((n) => n.id === id);
  const col = (l: number) => layout.nodes.filter((n) => n.layer === l).sort((a, b) => a.order - b.order);
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const c = col(cur.layer);
    return c[c.indexOf(cur) + (key === 'ArrowUp' ? -1 : 1)];
  }
  const right = key === 'ArrowRight';
  const linked = byId(
    layout.edges.find((e) => (right ? e.edge.from === cur.id : e.edge.to === cur.id))?.edge[
      right ? 'to' : 'from'
    ],
  );
  if (linked) return linked;
  for (let l = cur.layer + (right ? 1 : -1); l >= 0 && l < layout.layers; l += right ? 1 : -1) {
    const c = col(l);
    if (c.length) return c.reduce((best, n) => (Math.abs(n.y - cur.y) < Math.abs(best.y - cur.y) ? n : best));
  }
  return undefined;
}

export function GraphView(): React.JSX.Element {
  const m = useMessages(graphMsg);
  const engineGraph = useStore((s) => s.graph);
  const mode = useStore((s) => s.graphMode);
  const setMode = useStore((s) => s.setGraphMode);
  const archive = useStore((s) => s.archive);
  const loading = useStore((s) => s.graphLoading);
  const error = useStore((s) => s.graphError);
  const noEngine = useStore((s) => s.engine.status === 'unavailable');
  const selected = useStore((s) => s.graphSelected);
  const refresh = useStore((s) => s.refreshGraph);
  const select = useStore((s) => s.selectGraphNode);
  const svgRef = useRef<SVGSVGElement>(null);
  const lit = useRef<Element[]>([]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const archiveGraph = useMemo(
    () => (archive.status === 'ready' ? graphFromAnalysis(archive.analysis) : null),
    [archive],
  );
  const source = mode === 'archive' && archiveGraph ? 'archive' : 'engine';
  const graph = source === 'archive' ? archiveGraph : engineGraph;
  const layout = useMemo(
    () =>
      graph
        ? layoutDag(graph.nodes, graph.edges, {
            measure: (s) => measureLabel(s),
            firstColumnKind: 'tag',
            nodeHeight: 30,
            rowGap: 16,
            columnGap: 80,
          })
        : null,
    [graph],
  );
  const dangling = useMemo(() => (graph ? danglingImages(graph) : new Set<string>()), [graph]);

  const highlight = useCallback(
    (id: string | null) => {
      const svg = svgRef.current;
      if (!svg || !graph) return;
      for (const el of lit.current) el.classList.remove('lit');
      lit.current = [];
      svg.classList.toggle('has-lit', id !== null);
      if (id === null) return;
      const p = pathDown(graph, id);
      for (const el of svg.querySelectorAll<SVGElement>('[data-node], [data-edge]')) {
        const on = el.dataset['node'] ? p.nodes.has(el.dataset['node']) : p.edges.has(el.dataset['edge']!);
        if (on) {
          el.classList.add('lit');
          lit.current.push(el);
        }
      }
    },
    [graph],
  );

  const nodeAt = (target: EventTarget | null): string | null =>
    target instanceof Element ? (target.closest('[data-node]')?.getAttribute('data-node') ?? null) : null;

  const onKeyDown = (e: React.KeyboardEvent<SVGSVGElement>): void => {
    const id = nodeAt(e.target);
    if (!id || !layout) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(id);
      return;
    }
    if (!e.key.startsWith('Arrow')) return;
    const next = neighbour(
      layout,
      layout.nodes.find((n) => n.id === id)!,
      e.key,
    );
    if (next) {
      e.preventDefault();
      svgRef.current?.querySelector<SVGGElement>(`[data-node="${CSS.escape(next.id)}"]`)?.focus();
    }
  };

  const svgDoc = (): string => (layout ? toSvg(layout, { isDangling: (id) => dangling.has(id) }) : '');
  const exportSvg = (): void => downloadText(svgDoc(), 'strata-graph.svg', 'image/svg+xml');
  const exportDot = (): void => {
    if (graph) downloadText(toDot(graph.nodes, graph.edges), 'strata-graph.dot', 'text/vnd.graphviz');
  };
  const exportPng = async (): Promise<void> => {
    if (layout) downloadBlob(await svgToPng(svgDoc(), layout.width, layout.height), 'strata-graph.png');
  };

  const images = graph?.nodes.filter((n) => n.kind === 'image').length ?? 0;
  const tags = graph ? graph.nodes.length - images : 0;

  return (
    <section className="graph-view" aria-label={m.tagGraph}>
      <div className="toolbar">
        <h2>{m.tagGraph}</h2>
        <span className="graph-modes" role="radiogroup" aria-label={m.whichImages}>
          <button
            type="button"
            role="radio"
            aria-checked={source === 'engine'}
            onClick={() => setMode('engine')}
          >
            {m.engine}
          </button>
          <button
            type="button"
            role="radio"
            aria-checked={source === 'archive'}
            disabled={!archiveGraph}
            title={
              archiveGraph ? m.imagesOf(archive.status === 'ready' ? archive.name : '') : m.openArchiveFirst
            }
            onClick={() => setMode('archive')}
          >
            {m.openedArchive}
          </button>
        </span>
        <button type="button" onClick={() => void refresh()} disabled={loading || source === 'archive'}>
          {loading ? m.loading : m.refresh}
        </button>
        <span className="graph-exports" role="group" aria-label={m.export} data-testid="graph-exports">
          <span className="graph-exports-label" aria-hidden="true">
            {m.exportLabel}
          </span>
          <button type="button" onClick={exportSvg} disabled={!layout}>
            SVG
          </button>
          <button type="button" onClick={() => void exportPng()} disabled={!layout}>
            PNG
          </button>
          <button type="button" onClick={exportDot} disabled={!graph}>
            DOT
          </button>
        </span>
        <span className="count" data-testid="graph-count">
          {m.count(tags, images, dangling.size)}
        </span>
      </div>
      <Legend />
      {noEngine && source === 'engine' ? (
        <p className="notice" role="status" data-testid="graph-no-engine">
          {m.noEngine}
        </p>
      ) : (
        error && (
          <p className="error" role="alert">
            {error}
          </p>
        )
      )}
      <div className="graph-body">
        <div className="graph-scroll">
          {layout && layout.nodes.length === 0 && <p className="graph-empty">{m.noImages}</p>}
          {layout && layout.nodes.length > 0 && (
            <svg
              ref={svgRef}
              className="graph-svg"
              width={layout.width}
              height={layout.height}
              role="group"
              aria-label={m.svgLabel}
              onPointerOver={(e) => highlight(nodeAt(e.target))}
              onPointerLeave={() => highlight(null)}
              onFocus={(e) => highlight(nodeAt(e.target))}
              onBlur={() => highlight(null)}
              onKeyDown={onKeyDown}
              onClick={(e) => select(nodeAt(e.target))}
            >
              <defs>
                <ArrowMarker id="graph-arrow" />
              </defs>
              {layout.edges.map((e) => (
                <path
                  key={edgeKey(e.edge.from, e.edge.to)}
                  data-edge={edgeKey(e.edge.from, e.edge.to)}
                  className={`gedge gedge-${e.edge.kind}`}
                  d={edgePath(e.points)}
                  markerEnd="url(#graph-arrow)"
                />
              ))}
              {layout.nodes.map((n) => (
                <NodeMark
                  key={n.id}
                  n={n as PlacedNode<GraphNode>}
                  dangling={dangling.has(n.id)}
                  selected={n.id === selected}
                />
              ))}
            </svg>
          )}
        </div>
        {graph && selected && <GraphDetail graph={graph} id={selected} source={source} />}
      </div>
      {source === 'engine' && <AnalysisPanel />}
    </section>
  );
}

function NodeMark({
  n,
  dangling,
  selected,
}: {
  n: PlacedNode<GraphNode>;
  dangling: boolean;
  selected: boolean;
}): React.JSX.Element {
  const m = useMessages(graphMsg);
  const kind = n.node.kind;
  const name = kind === 'tag' ? m.tagNode(n.node.label) : m.imageNode(n.node.label, dangling);
  return (
    <g
      data-node={n.id}
      data-testid={`graph-${kind}`}
      data-dangling={dangling || undefined}
      className={`gnode gnode-${kind}${dangling ? ' gnode-dangling' : ''}${selected ? ' selected' : ''}`}
      transform={`translate(${n.x},${n.y})`}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      aria-label={name}
    >
      <title>{kind === 'image' ? n.id : m.tagTitle(n.id)}</title>
      <rect width={n.width} height={n.height} rx={kind === 'tag' ? n.height / 2 : 4} />
      <text x={n.width / 2} y={n.height / 2}>
        {n.node.label}
      </text>
      {dangling && <circle className="gnode-badge" cx={n.width} cy={0} r={5} />}
    </g>
  );
}

function Legend(): React.JSX.Element {
  const m = useMessages(graphMsg);
  return (
    <p className="graph-legend">
      <span className="legend-tag">repo:tag</span> {m.legendNames}{' '}
      <span className="legend-image">{m.legendImage}</span>
      {m.legendArrow} <em>{m.legendBuiltOn}</em> {m.legendArrowEnd}{' '}
      <span className="legend-dangling">{m.legendDangling}</span> {m.legendDanglingText}
    </p>
  );
}
