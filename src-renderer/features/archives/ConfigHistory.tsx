/** What the image runs (its config) and how it was built (history, with the steps that made no layer). */
import type { ImageAnalysis } from '../../../src-shared/archive-analysis';
import { useMessages } from '../../i18n/messages';
import { formatCreated, shortenCommand } from '../layers/layer-stack';
import { useRoleText } from '../layers/messages';
import { formatBytes } from '../tree/file-format';
import { configMsg } from './messages';

const list = (v: readonly string[] | null): string => (v && v.length > 0 ? JSON.stringify(v) : '—');

export function ConfigHistory({ image }: { image: ImageAnalysis }): React.JSX.Element {
  const m = useMessages(configMsg);
  const roles = useRoleText();
  const c = image.config;
  const labels = Object.entries(c.labels);
  return (
    <div className="config-history">
      <h3>{m.config}</h3>
      <dl className="config-list" data-testid="image-config">
        <dt>Cmd</dt>
        <dd className="mono">{list(c.cmd)}</dd>
        <dt>Entrypoint</dt>
        <dd className="mono">{list(c.entrypoint)}</dd>
        <dt>{m.workingDir}</dt>
        <dd className="mono">{c.workingDir || '/'}</dd>
        <dt>{m.user}</dt>
        <dd className="mono">{c.user || m.rootDefault}</dd>
        <dt>{m.ports}</dt>
        <dd className="mono">{c.exposedPorts.join(', ') || '—'}</dd>
        <dt>{m.volumes}</dt>
        <dd className="mono">{c.volumes.join(', ') || '—'}</dd>
        <dt>Env</dt>
        <dd className="mono">{c.env.length === 0 ? '—' : c.env.map((e) => <div key={e}>{e}</div>)}</dd>
        <dt>{m.labels}</dt>
        <dd className="mono">
          {labels.length === 0
            ? '—'
            : labels.map(([k, v]) => (
                <div key={k}>
                  {k}={v}
                </div>
              ))}
        </dd>
        {image.author && (
          <>
            <dt>{m.author}</dt>
            <dd>{image.author}</dd>
          </>
        )}
      </dl>
      <h3>{m.history}</h3>
      <p className="muted">{m.missingNote}</p>
      <ol className="history" data-testid="history">
        {image.layers.map((l) => (
          <li key={l.index}>
            <div>
              <span className={`role-badge role-${l.role}`}>{roles[l.role].label}</span>{' '}
              <span className="muted">#{l.index}</span>{' '}
              <code title={l.command}>{shortenCommand(l.command, 140)}</code>{' '}
              <span className="muted">
                {formatBytes(l.sizeBytes)} · {formatCreated(l.created)}
                {l.comment ? ` · ${l.comment}` : ''}
              </span>
            </div>
            {l.emptySteps.map((step, i) => (
              <div key={i} className="empty-step muted" title={m.noLayerStep}>
                ↳ <code>{step}</code> <em>{m.noLayer}</em>
              </div>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
