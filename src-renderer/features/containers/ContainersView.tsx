/** The Containers tab: the list (refreshed live from engine events), the Run dialog, the selected container's detail. */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useMessages } from '../../i18n/messages';
import { subscribe } from '../../ipc/client';
import { useStore } from '../../store';
import { ContainerDetail } from './ContainerDetail';
import { ContainerTable } from './ContainerTable';
import { containersMsg } from './messages';
import { RunDialog } from './RunDialog';
import './containers.css';

export function ContainersView(): React.JSX.Element {
  const m = useMessages(containersMsg);
  const refresh = useStore((s) => s.refreshContainers);
  const { count, loading, error, sizes, actionError } = useStore(
    useShallow((s) => ({
      count: s.containers.length,
      loading: s.containersLoading,
      error: s.containersError,
      sizes: s.containerSizes,
      actionError: s.containerActionError,
    })),
  );
  const setSizes = useStore((s) => s.setContainerSizes);
  const clearActionError = useStore((s) => s.clearContainerActionError);
  const selected = useStore((s) => s.containers.find((c) => c.id === s.selectedContainerId) ?? null);
  const select = useStore((s) => s.selectContainer);
  const [running, setRunning] = useState(false);
  const noEngine = useStore((s) => s.engine.status === 'unavailable');

  useEffect(() => {
    void refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = subscribe('engineEvent', (batch) => {
      if (!batch.events.some((e) => e.type === 'container')) return;
      // Coalesce bursts (a run is create + start + attach...) into one list call.
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 150);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [refresh]);

  return (
    <div className="ct-view">
      <div className="toolbar">
        <h2>{m.containers}</h2>
        <button
          type="button"
          className="ct-primary"
          onClick={() => setRunning(true)}
          disabled={noEngine}
          title={noEngine ? m.needsEngine : undefined}
        >
          {m.run}
        </button>
        <label className="ct-check" title={m.sizesHelp}>
          <input
            type="checkbox"
            checked={sizes}
            onChange={(e) => setSizes(e.target.checked)}
            data-testid="ct-sizes"
          />{' '}
          {m.sizes}
        </label>
        <button type="button" onClick={() => void refresh()} disabled={loading}>
          {loading ? m.refreshing : m.refresh}
        </button>
        <span className="count">{m.count(count)}</span>
      </div>
      {noEngine ? (
        <p className="notice" role="status" data-testid="containers-no-engine">
          {m.noEngine}
        </p>
      ) : (
        error && (
          <p className="error" role="alert">
            {error}
          </p>
        )
      )}
      {actionError && (
        <p className="error" role="alert">
          {actionError}{' '}
          <button type="button" onClick={clearActionError}>
            {m.dismiss}
          </button>
        </p>
      )}
      {noEngine ? null : count === 0 && !loading && !error ? (
        <p className="placeholder">{m.empty}</p>
      ) : (
        <ContainerTable />
      )}
      {selected && (
        <ContainerDetail
          key={selected.id}
          c={selected}
          onClose={() => {
            // Back to the row the detail belongs to (its × goes with it).
            document
              .querySelector<HTMLElement>(`tr[data-testid="ct-row"][data-id="${selected.id}"]`)
              ?.focus();
            select(null);
          }}
        />
      )}
      {running && <RunDialog onClose={() => setRunning(false)} />}
    </div>
  );
}
