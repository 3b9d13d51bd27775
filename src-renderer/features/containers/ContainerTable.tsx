/** The container list: state, name, image, the full command, ports, writable-layer size, actions. */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContainerPort, ContainerSummary } from '../../../src-shared/containers-dto';
import { useStore } from '../../store';
import { formatBytes } from '../images/visible-images';
import { Modal } from '../../components/Modal';
import { onDeleteSelection } from '../../shortcuts';

export const FOREGROUND_NOTE =
  'A container lives exactly as long as its main process (PID 1). The engine starts the command and ' +
  'watches that one process: when it exits, the container stops. A server that "daemonizes" (forks into ' +
  'the background and lets the starting process exit) would stop its container at once, so images run ' +
  "servers in the foreground: nginx -g 'daemon off;', httpd -f. What this process writes to stdout and " +
  'stderr is what the Logs panel shows.';

function stateClass(state: string): string {
  if (state === 'running') return 'ct-state-running';
  if (state === 'paused' || state === 'restarting' || state === 'created') return 'ct-state-warn';
  if (state === 'dead' || state === 'removing') return 'ct-state-bad';
  return 'ct-state-off';
}

function PortChip({ port }: { port: ContainerPort }): React.JSX.Element {
  const container = `${port.containerPort}/${port.protocol}`;
  if (!port.configured) {
    return (
      <span className="ct-port ct-port-exposed" title="Exposed by the image; not mapped to a host port">
        {container} exposed
      </span>
    );
  }
  const host = `${port.hostIp && port.hostIp !== '0.0.0.0' ? `${port.hostIp}:` : ''}${port.hostPort ?? 'any'}`;
  return port.published ? (
    <span
      className="ct-port ct-port-published"
      title="The engine listens on this host port"
      data-testid="ct-port"
    >
      {host} → {container} <em>published</em>
    </span>
  ) : (
    <span
      className="ct-port ct-port-configured"
      data-testid="ct-port"
      title="Asked for, but the engine opened nothing: its daemon runs without a bridge (--bridge=none) or the container uses host/none networking."
    >
      {host} → {container} <em>configured, not published</em>
    </span>
  );
}

function when(ms: number): string {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

function Row({
  c,
  sizes,
  onRemove,
}: {
  c: ContainerSummary;
  sizes: boolean;
  onRemove: () => void;
}): React.JSX.Element {
  const selected = useStore((s) => s.selectedContainerId === c.id);
  const busy = useStore((s) => (s.containerBusy?.id === c.id ? s.containerBusy.action : null));
  const select = useStore((s) => s.selectContainer);
  const act = useStore((s) => s.containerAction);
  const running = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
  return (
    <tr
      className={selected ? 'ct-row selected' : 'ct-row'}
      aria-selected={selected}
      tabIndex={0}
      data-testid="ct-row"
      data-name={c.name}
      onClick={() => select(c.id)}
      onKeyDown={(e) => {
        const row = e.currentTarget;
        if (e.target !== row) return;
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select(c.id);
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
          (next as HTMLElement | null)?.focus();
        }
      }}
    >
      <td>
        <span className={`ct-state ${stateClass(c.state)}`} data-testid="ct-state" title={c.status}>
          {c.state}
        </span>
      </td>
      <td className="ct-name">{c.name}</td>
      <td className="mono ct-image">{c.image}</td>
      <td
        className="mono ct-command"
        data-testid="ct-command"
        title="The main process: it must stay in the foreground"
      >
        {c.command}
      </td>
      <td>
        {c.ports.length === 0 ? (
          <span className="ct-muted">—</span>
        ) : (
          c.ports.map((p, i) => <PortChip key={i} port={p} />)
        )}
      </td>
      {sizes && (
        <td className="num" data-testid="ct-size" title="Bytes in the writable layer (SizeRw)">
          {c.sizeRw === null ? '…' : formatBytes(c.sizeRw)}
        </td>
      )}
      <td title={new Date(c.created).toLocaleString()}>{when(c.created)}</td>
      <td className="ct-actions" onClick={(e) => e.stopPropagation()}>
        {running ? (
          <button type="button" disabled={busy !== null} onClick={() => void act(c.id, 'stop')}>
            {busy === 'stop' ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="button" disabled={busy !== null} onClick={() => void act(c.id, 'start')}>
            {busy === 'start' ? 'Starting…' : 'Start'}
          </button>
        )}
        <button type="button" disabled={busy !== null} onClick={() => void act(c.id, 'restart')}>
          {busy === 'restart' ? 'Restarting…' : 'Restart'}
        </button>
        <button
          type="button"
          className="ct-danger"
          disabled={busy !== null}
          onClick={onRemove}
          aria-label={`Remove ${c.name}`}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

export function ContainerTable(): React.JSX.Element {
  const { containers, sizes } = useStore(
    useShallow((s) => ({ containers: s.containers, sizes: s.containerSizes })),
  );
  const act = useStore((s) => s.containerAction);
  const [why, setWhy] = useState(false);
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const selectedId = useStore((s) => s.selectedContainerId);

  // Delete (Backspace on macOS): confirm removing the selected container, else the focused row's.
  useEffect(
    () =>
      onDeleteSelection(() => {
        const focused = document.activeElement?.closest<HTMLElement>('tr[data-testid="ct-row"]');
        const target =
          containers.find((c) => c.id === selectedId) ??
          containers.find((c) => c.name === focused?.dataset['name']);
        if (!target) return false;
        setRemoving(target);
        return true;
      }),
    [containers, selectedId],
  );

  return (
    <>
      {why && (
        <p className="ct-note" id="ct-foreground-note" data-testid="ct-foreground-note">
          {FOREGROUND_NOTE}
        </p>
      )}
      <table className="ct-table" aria-label="Containers">
        <thead>
          <tr>
            <th>State</th>
            <th>Name</th>
            <th>Image</th>
            <th>
              Command{' '}
              <button
                type="button"
                className="ct-why"
                aria-expanded={why}
                aria-controls="ct-foreground-note"
                title={FOREGROUND_NOTE}
                onClick={() => setWhy((w) => !w)}
              >
                why foreground?
              </button>
            </th>
            <th>Ports (host → container)</th>
            {sizes && <th className="num">Writable layer</th>}
            <th>Created</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {containers.map((c) => (
            <Row key={c.id} c={c} sizes={sizes} onRemove={() => setRemoving(c)} />
          ))}
        </tbody>
      </table>
      {removing && (
        <Modal
          title={`Remove ${removing.name}?`}
          role="alertdialog"
          onClose={() => setRemoving(null)}
          testId="ct-remove-dialog"
        >
          <p>
            The container is removed{removing.state === 'running' ? ' (stopped first)' : ''} and its{' '}
            <strong>writable layer goes with it</strong>: every file it added, changed or deleted is lost
            unless you committed it to an image. The image <span className="mono">{removing.image}</span>{' '}
            stays.
          </p>
          <div className="ct-modal-actions">
            <button type="button" data-autofocus onClick={() => setRemoving(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="ct-danger"
              onClick={() => {
                const id = removing.id;
                setRemoving(null);
                void act(id, 'remove');
              }}
            >
              Remove container
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
