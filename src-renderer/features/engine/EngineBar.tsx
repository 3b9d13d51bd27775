import { useStore } from '../../store';

/** Which engine, its state, version and storage driver. */
export function EngineBar(): React.JSX.Element {
  const engine = useStore((s) => s.engine);
  const refresh = useStore((s) => s.refreshEngine);
  return (
    <header className="engine-bar" aria-label="Engine">
      <span className="brand">Strata</span>
      {engine.status === 'connected' ? (
        <>
          <span className="state state-ok" data-testid="engine-state">
            Connected
          </span>
          <span>
            {engine.info.name} · Docker {engine.info.serverVersion} (API {engine.info.apiVersion})
          </span>
          <span title={engine.info.driverStatus.map(([k, v]) => `${k}: ${v}`).join('\n')}>
            Storage driver: <strong data-testid="storage-driver">{engine.info.storageDriver}</strong>
          </span>
          <span>{engine.info.os}</span>
        </>
      ) : engine.status === 'unknown' ? (
        <span className="state">Connecting…</span>
      ) : (
        <>
          <span className="state state-bad" data-testid="engine-state">
            {engine.status === 'unavailable' ? 'No engine' : 'Error'}
          </span>
          <span className="engine-message">{engine.message}</span>
          <button type="button" onClick={() => void refresh()}>
            Retry
          </button>
        </>
      )}
    </header>
  );
}
