/** What "Analyze layers" found for an engine image: the layers' sizes and the final filesystem as a treemap. */
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { formatBytes } from '../../viz/treemap';
import { LayerSizeBars } from '../sizes/SizeBars';
import { Treemap } from '../sizes/Treemap';
import { graphMsg } from './messages';

const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** What Analyze found: the layers' sizes and the final filesystem as a treemap. */
export function AnalysisPanel(): React.JSX.Element | null {
  const m = useMessages(graphMsg);
  const a = useStore((s) => s.graphAnalysis);
  const cancel = useStore((s) => s.cancelGraphAnalysis);
  if (!a) return null;
  if (a.status === 'running')
    return (
      <p className="muted" role="status">
        {m.analyzing(short(a.ref))}{' '}
        <button type="button" onClick={() => void cancel()}>
          {m.cancel}
        </button>
      </p>
    );
  if (a.status === 'error' || !a.analysis || !a.sessionId)
    return (
      <p className="error" role="alert">
        {a.message ?? m.analysisFailed}
      </p>
    );
  const img = a.analysis.images[0];
  if (!img) return <p className="muted">{m.noContent}</p>;
  return (
    <section className="graph-analysis" aria-label={m.analysis} data-testid="graph-analysis">
      <header>
        <h3>
          {m.summary(
            img.repoTags[0] ?? (a.ref.startsWith('sha256:') ? short(a.ref) : a.ref),
            img.layers.length,
            formatBytes(img.sizeBytes),
            `${(img.efficiency * 100).toFixed(1)}%`,
          )}
        </h3>
        <button type="button" aria-label={m.closeAnalysis} onClick={() => void cancel()}>
          ×
        </button>
      </header>
      <div className="graph-analysis-grid">
        <div>
          <h4>{m.barsTitle}</h4>
          <LayerSizeBars layers={img.layers} />
        </div>
        <div>
          <h4>{m.treemapTitle}</h4>
          <Treemap
            sessionId={a.sessionId}
            imageId={img.id}
            layer={Math.max(0, img.layers.length - 1)}
            view="merged"
          />
        </div>
      </div>
    </section>
  );
}
