/** The selected container: logs followed live, exec, its writable layer on the image's stack, commit. */
import { useState } from 'react';
import type { ContainerSummary } from '../../../src-shared/containers-dto';
import { useNow } from '../../components/use-now';
import { useMessages } from '../../i18n/messages';
import { CommitDialog } from './CommitDialog';
import { ContainerEnv, useContainerInspect } from './ContainerEnv';
import { ExecBox } from './ExecBox';
import { LayerPanel, type Committed } from './LayerPanel';
import { LogsPanel } from './LogsPanel';
import { containersMsg } from './messages';
import { stateMsg } from './state-words';
import { statusLine, statusMsg } from './status-line';
import './detail.css';

export function ContainerDetail({
  c,
  onClose,
}: {
  c: ContainerSummary;
  onClose: () => void;
}): React.JSX.Element {
  const m = useMessages(containersMsg);
  const running = c.state === 'running';
  const [version, setVersion] = useState(0);
  const [committing, setCommitting] = useState(false);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const bump = (): void => setVersion((v) => v + 1);
  // Inspected again after an exec and when the state changes (start, stop): its status and env.
  const inspected = useContainerInspect(c.id, `${version}:${c.state}`);
  const now = useNow(10_000);
  const words = useMessages(statusMsg);
  const states = useMessages(stateMsg);

  return (
    <section className="ct-detail" aria-label={m.container(c.name)} data-testid="ct-detail">
      <header className="ct-detail-head">
        <h3>{c.name}</h3>
        <span className="mono ct-muted">{c.id.slice(0, 12)}</span>
        <span className="ct-muted" data-testid="ct-status" title={c.status}>
          {inspected ? statusLine(inspected.state, now, words, states) : c.status}
        </span>
        <span className="ct-spacer" />
        <button type="button" className="ct-primary" onClick={() => setCommitting(true)}>
          {m.commitToImage}
        </button>
        <button type="button" className="ct-icon" aria-label={m.closeDetails} onClick={onClose}>
          ×
        </button>
      </header>
      <p className="ct-small">
        {m.mainProcess} <code className="mono">{c.command}</code>
      </p>
      {inspected && <ContainerEnv env={inspected.config.env} />}
      <div className="ct-detail-body">
        <div className="ct-col">
          <LogsPanel id={c.id} running={running} />
          <ExecBox id={c.id} running={running} onDone={bump} />
        </div>
        <LayerPanel
          id={c.id}
          name={c.name}
          image={c.image}
          imageId={c.imageId}
          version={version}
          committed={committed}
          onRefresh={bump}
        />
      </div>
      {committing && (
        <CommitDialog
          container={c.name}
          imageId={c.imageId}
          onClose={() => setCommitting(false)}
          onCommitted={(x) => {
            setCommitted(x);
            bump();
          }}
        />
      )}
    </section>
  );
}
