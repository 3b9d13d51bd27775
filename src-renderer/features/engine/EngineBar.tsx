import { useEffect } from 'react';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { useMessages } from '../../i18n/messages';
import { showView } from '../../navigation';
import { pickArchive } from '../../shortcuts';
import { useStore } from '../../store';
import { EngineDetails } from './EngineDetails';
import { EnginePicker } from './EnginePicker';
import { engineMsg } from './messages';
import './engine.css';

/** Which engine (and switching to another), its state, version and storage driver; the UI language. */
export function EngineBar(): React.JSX.Element {
  const m = useMessages(engineMsg);
  const engine = useStore((s) => s.engine);
  const refresh = useStore((s) => s.refreshEngine);
  const refreshEngines = useStore((s) => s.refreshEngines);
  // The picker's list: once, and again whenever the current engine's state changes.
  useEffect(() => {
    void refreshEngines();
  }, [refreshEngines, engine.status]);
  return (
    <header className="engine-bar" aria-label={m.engine}>
      <span className="brand">Strata</span>
      <EnginePicker />
      {engine.status === 'connected' ? (
        <>
          <span className="state state-ok" data-testid="engine-state">
            {m.connected}
          </span>
          <span>
            {engine.info.name} · Docker {engine.info.serverVersion} (API {engine.info.apiVersion})
          </span>
          <EngineDetails info={engine.info} />
          <span>{engine.info.os}</span>
        </>
      ) : engine.status === 'unknown' ? (
        <span className="state">{m.connecting}</span>
      ) : (
        <>
          <span className="state state-bad" data-testid="engine-state">
            {engine.status === 'unavailable' ? m.noEngine : m.error}
          </span>
          <span className="engine-message" title={engine.message}>
            {engine.message}
          </span>
          <button type="button" onClick={() => void refresh()}>
            {m.retry}
          </button>
          <button
            type="button"
            className="primary"
            title={m.archiveModeHint}
            data-testid="archive-mode"
            onClick={() => {
              showView('archive');
              pickArchive();
            }}
          >
            {m.archiveMode}
          </button>
        </>
      )}
      <span className="engine-bar-end">
        <LanguageSwitch />
      </span>
    </header>
  );
}
