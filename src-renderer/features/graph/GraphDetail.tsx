/** The selected node of the tag graph: its tags, ID, created, size, the chain down to its base, and Analyze. */
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { formatBytes } from '../../viz/treemap';
import type { ImageGraph } from '../../../src-shared/images-dto';
import { SharedUniqueBar } from '../sizes/SizeBars';
import { chainToBase, imageOf, tagsOf } from './graph-model';
import { graphMsg } from './messages';

const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

export function GraphDetail({
  graph,
  id,
  source,
}: {
  graph: ImageGraph;
  id: string;
  source: 'engine' | 'archive';
}): React.JSX.Element {
  const m = useMessages(graphMsg);
  const images = useStore((s) => s.images);
  const select = useStore((s) => s.selectGraphNode);
  const analyze = useStore((s) => s.analyzeGraphImage);
  const selectArchiveImage = useStore((s) => s.selectImage);
  const node = graph.nodes.find((n) => n.id === id);
  const imageId = imageOf(graph, id);
  const summary = source === 'engine' ? images.find((i) => i.id === imageId) : undefined;
  const chain = imageId ? chainToBase(graph, imageId) : [];
  const tags = imageId ? tagsOf(graph, imageId) : [];
  const nameOf = (img: string): string => tagsOf(graph, img)[0] ?? `<none> ${short(img)}`;

  return (
    <aside className="graph-detail" aria-label={m.selectedNode} data-testid="graph-detail">
      <header>
        <h3>{node?.kind === 'tag' ? node.label : imageId ? nameOf(imageId) : id}</h3>
        <button type="button" aria-label={m.closeDetails} onClick={() => select(null)}>
          ×
        </button>
      </header>
      {node?.kind === 'tag' && <p className="muted">{m.tagNote}</p>}
      {imageId && (
        <dl>
          <dt>{m.imageId}</dt>
          <dd className="mono" title={imageId} data-testid="graph-detail-id">
            {short(imageId)}
          </dd>
          <dt>{m.tags}</dt>
          <dd>
            {tags.length ? (
              tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))
            ) : (
              <span className="tag tag-none">{m.noneDangling}</span>
            )}
          </dd>
          {summary && (
            <>
              <dt>{m.created}</dt>
              <dd>{new Date(summary.created).toLocaleString()}</dd>
              <dt>{m.size}</dt>
              <dd>{formatBytes(summary.size)}</dd>
            </>
          )}
        </dl>
      )}
      {summary && <SharedUniqueBar image={summary} />}
      {chain.length > 0 && (
        <>
          <h4>{m.chain}</h4>
          <ol className="graph-chain" data-testid="graph-chain">
            {chain.map((c, i) => (
              <li key={c}>
                <button type="button" className="linkish" onClick={() => select(c)}>
                  {nameOf(c)}
                </button>{' '}
                <span className="mono muted">{short(c)}</span>
                {i === chain.length - 1 && <span className="muted">{m.base}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
      {imageId && source === 'engine' && (
        <button
          type="button"
          className="primary"
          onClick={() => void analyze(node?.kind === 'tag' ? node.id : imageId)}
        >
          {m.analyzeLayers}
        </button>
      )}
      {imageId && source === 'archive' && (
        <button type="button" className="primary" onClick={() => selectArchiveImage(imageId)}>
          {m.selectInArchive}
        </button>
      )}
    </aside>
  );
}
