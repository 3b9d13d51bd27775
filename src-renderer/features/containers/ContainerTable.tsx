/** The container list: state, name, image, the full command, ports, writable-layer size, actions. */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContainerPort, ContainerSummary } from '../../../src-shared/containers-dto';
import { useStore } from '../../store';
import { formatBytes } from '../images/visible-images';
import { Modal } from '../../components/Modal';
import { useNow } from '../../components/use-now';
import { useMessages } from '../../i18n/messages';
import { onDeleteSelection } from '../../shortcuts';
import { containersMsg } from './messages';
import { portUrl } from './port-link';
import { RefText } from './ref-breaks';
import { stateMsg, stateWord } from './state-words';
import { useFocusAfterRemove } from './use-focus-after-remove';

type M = typeof containersMsg.en;

function stateClass(state: string): string {
  if (state === 'running') return 'ct-state-running';
  if (state === 'paused' || state === 'restarting' || state === 'created') return 'ct-state-warn';
  if (state === 'dead' || state === 'removing') return 'ct-state-bad';
  return 'ct-state-off';
}

function PortChip({ port }: { port: ContainerPort }): React.JSX.Element {
  const m = useMessages(containersMsg);
  const container = `${port.containerPort}/${port.protocol}`;
  if (!port.configured) {
    return (
      <span className="ct-port ct-port-exposed" title={m.exposedHelp}>
        {m.exposed(container)}
      </span>
    );
  }
  const host = `${port.hostIp && port.hostIp !== '0.0.0.0' ? `${port.hostIp}:` : ''}${port.hostPort ?? m.any}`;
  const url = portUrl(port);
  return port.published ? (
    <span className="ct-port ct-port-published" title={m.publishedHelp} data-testid="ct-port">
      {host} → {container} <em>{m.published}</em>
      {url && (
        <>
          {' '}
          <a href={url} target="_blank" rel="noreferrer" title={url}>
            {m.openPort}
          </a>
        </>
      )}
    </span>
  ) : (
    <span className="ct-port ct-port-configured" data-testid="ct-port" title={m.configuredHelp}>
      {host} → {container} <em>{m.configured}</em>
    </span>
  );
}

function when(ms: number, m: M, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return m.secondsAgo(s);
  if (s < 3600) return m.minutesAgo(Math.floor(s / 60));
  if (s < 86400) return m.hoursAgo(Math.floor(s / 3600));
  return m.daysAgo(Math.floor(s / 86400));
}

function Row({
  c,
  sizes,
  now,
  onRemove,
}: {
  c: ContainerSummary;
  sizes: boolean;
  now: number;
  onRemove: () => void;
}): React.JSX.Element {
  const m = useMessages(containersMsg);
  const words = useMessages(stateMsg);
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
      data-id={c.id}
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
          {stateWord(c.state, words)}
        </span>
      </td>
      <td className="ct-name">{c.name}</td>
      <td className="mono ct-image" data-testid="ct-image">
        <RefText value={c.image} />
      </td>
      <td className="mono ct-command" data-testid="ct-command" title={m.mainProcessHelp}>
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
        <td className="num" data-testid="ct-size" title={m.sizeRwHelp}>
          {c.sizeRw === null ? '…' : formatBytes(c.sizeRw)}
        </td>
      )}
      <td className="ct-created" title={new Date(c.created).toLocaleString()}>
        {when(c.created, m, Math.max(now, c.created))}
      </td>
      <td className="ct-actions" onClick={(e) => e.stopPropagation()}>
        {/* aria-disabled, not disabled, while busy: a disabled button drops the focus (Stop would leave it on the page). */}
        {running ? (
          <button type="button" aria-disabled={busy !== null} onClick={() => busy || void act(c.id, 'stop')}>
            {busy === 'stop' ? m.stopping : m.stop}
          </button>
        ) : (
          <button type="button" aria-disabled={busy !== null} onClick={() => busy || void act(c.id, 'start')}>
            {busy === 'start' ? m.starting : m.start}
          </button>
        )}
        <button type="button" aria-disabled={busy !== null} onClick={() => busy || void act(c.id, 'restart')}>
          {busy === 'restart' ? m.restarting : m.restart}
        </button>
        <button
          type="button"
          className="ct-danger"
          aria-disabled={busy !== null}
          onClick={() => busy || onRemove()}
          aria-label={m.removeNamed(c.name)}
        >
          {m.remove}
        </button>
      </td>
    </tr>
  );
}

export function ContainerTable(): React.JSX.Element {
  const m = useMessages(containersMsg);
  const { containers, sizes } = useStore(
    useShallow((s) => ({ containers: s.containers, sizes: s.containerSizes })),
  );
  const act = useStore((s) => s.containerAction);
  const [why, setWhy] = useState(false);
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const selectedId = useStore((s) => s.selectedContainerId);
  const body = useRef<HTMLTableSectionElement>(null);
  const keepFocus = useFocusAfterRemove(body, containers);
  const now = useNow(10_000);

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
          {m.foregroundNote}
        </p>
      )}
      <table className="ct-table" aria-label={m.containers}>
        <thead>
          <tr>
            <th>{m.colState}</th>
            <th>{m.colName}</th>
            <th>{m.colImage}</th>
            <th>
              {m.colCommand}{' '}
              <button
                type="button"
                className="ct-why"
                aria-expanded={why}
                aria-controls="ct-foreground-note"
                title={m.foregroundNote}
                onClick={() => setWhy((w) => !w)}
              >
                {m.whyForeground}
              </button>
            </th>
            <th>{m.colPorts}</th>
            {sizes && <th className="num">{m.colWritable}</th>}
            <th>{m.colCreated}</th>
            <th>{m.colActions}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {containers.map((c) => (
            <Row key={c.id} c={c} sizes={sizes} now={now} onRemove={() => setRemoving(c)} />
          ))}
        </tbody>
      </table>
      {removing && (
        <Modal
          title={m.removeTitle(removing.name)}
          role="alertdialog"
          onClose={() => setRemoving(null)}
          testId="ct-remove-dialog"
        >
          <p>
            {m.removeText(removing.state === 'running')} <span className="mono">{removing.image}</span>{' '}
            {m.removeStays}
          </p>
          <div className="ct-modal-actions">
            <button type="button" data-autofocus onClick={() => setRemoving(null)}>
              {m.cancel}
            </button>
            <button
              type="button"
              className="ct-danger"
              onClick={() => {
                const id = removing.id;
                keepFocus(id);
                setRemoving(null);
                void act(id, 'remove');
              }}
            >
              {m.removeContainer}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
