import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { defineMessages, useMessages } from '../../i18n/messages';
import { useStore } from '../../store';

const msg = defineMessages({
  en: {
    engine: 'Engine',
    connected: 'Connected',
    connecting: 'Connecting…',
    noEngine: 'No engine',
    error: 'Error',
    retry: 'Retry',
    storageDriver: 'Storage driver:',
  },
  zh: {
    engine: '引擎',
    connected: '已连接',
    connecting: '正在连接…',
    noEngine: '没有引擎',
    error: '错误',
    retry: '重试',
    storageDriver: '存储驱动：',
  },
});

/** Which engine, its state, version and storage driver; the UI language. */
export function EngineBar(): React.JSX.Element {
  const m = useMessages(msg);
  const engine = useStore((s) => s.engine);
  const refresh = useStore((s) => s.refreshEngine);
  return (
    <header className="engine-bar" aria-label={m.engine}>
      <span className="brand">Strata</span>
      {engine.status === 'connected' ? (
        <>
          <span className="state state-ok" data-testid="engine-state">
            {m.connected}
          </span>
          <span>
            {engine.info.name} · Docker {engine.info.serverVersion} (API {engine.info.apiVersion})
          </span>
          <span title={engine.info.driverStatus.map(([k, v]) => `${k}: ${v}`).join('\n')}>
            {m.storageDriver} <strong data-testid="storage-driver">{engine.info.storageDriver}</strong>
          </span>
          <span>{engine.info.os}</span>
        </>
      ) : engine.status === 'unknown' ? (
        <span className="state">{m.connecting}</span>
      ) : (
        <>
          <span className="state state-bad" data-testid="engine-state">
            {engine.status === 'unavailable' ? m.noEngine : m.error}
          </span>
          <span className="engine-message">{engine.message}</span>
          <button type="button" onClick={() => void refresh()}>
            {m.retry}
          </button>
        </>
      )}
      <span className="engine-bar-end">
        <LanguageSwitch />
      </span>
    </header>
  );
}
