/** The configured engines (`listEngines`): a select that makes another one current (`selectEngine`). */
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { engineMsg } from './messages';

export function EnginePicker(): React.JSX.Element | null {
  const m = useMessages(engineMsg);
  const engines = useStore((s) => s.engines);
  const switching = useStore((s) => s.engineSwitching);
  const error = useStore((s) => s.engineSwitchError);
  const switchEngine = useStore((s) => s.switchEngine);
  const current = engines.find((e) => e.current);
  if (!current) return null;
  const stateText = {
    connected: m.stateConnected,
    connecting: m.stateConnecting,
    unavailable: m.stateUnavailable,
  };
  if (engines.length < 2)
    return (
      <span className="engine-name" title={current.endpoint} data-testid="engine-name">
        {current.name}
      </span>
    );
  return (
    <>
      <select
        className="engine-picker"
        aria-label={m.switchEngine}
        title={`${m.switchEngine}: ${current.endpoint}`}
        data-testid="engine-picker"
        value={current.id}
        disabled={switching}
        onChange={(e) => void switchEngine(e.target.value)}
      >
        {engines.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name} — {e.endpoint} ({stateText[e.status.state]})
          </option>
        ))}
      </select>
      {switching && <span className="muted">{m.switching}</span>}
      {error && (
        <span className="error" role="alert">
          {m.switchFailed(error)}
        </span>
      )}
    </>
  );
}
