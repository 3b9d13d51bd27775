/** `docker exec`: one command in the running container, its output and exit code. */
import { useState } from 'react';
import type { ExecResult } from '../../../src-shared/containers-dto';
import { call } from '../../ipc/client';
import { useMessages } from '../../i18n/messages';
import { ErrorNote, readableError, type ReadableError } from '../../components/ErrorNote';
import { containersMsg } from './messages';
import { joinArgs, splitArgs } from './shell-words';

const EXAMPLES = ['date', 'ps', 'ls -l /', `sh -c 'echo hello > /hello.txt'`];

export function ExecBox({
  id,
  running,
  onDone,
}: {
  id: string;
  running: boolean;
  onDone: () => void;
}): React.JSX.Element {
  const m = useMessages(containersMsg);
  const [command, setCommand] = useState('');
  const [busy, setBusy] = useState(false);
  const [ran, setRan] = useState<{ argv: string[]; result: ExecResult } | null>(null);
  const [error, setError] = useState<ReadableError | null>(null);
  const split = splitArgs(command);
  const problem = !split.ok ? split.problem : null;

  const run = async (line: string): Promise<void> => {
    const s = splitArgs(line);
    if (!s.ok || s.args.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('execInContainer', { id, cmd: s.args, timeoutSeconds: 60 });
      setRan({ argv: s.args, result });
    } catch (err) {
      setError(readableError(err));
    } finally {
      setBusy(false);
      onDone();
    }
  };

  return (
    <section className="ct-panel ct-exec" aria-label={m.execLabel}>
      <header className="ct-panel-head">
        <h4>Exec</h4>
        <span className="ct-muted ct-small">{m.execHint}</span>
      </header>
      {!running && <p className="ct-muted ct-small">{m.execNeedsRunning}</p>}
      <form
        className="ct-rowline"
        onSubmit={(e) => {
          e.preventDefault();
          void run(command);
        }}
      >
        <input
          className="mono ct-grow"
          aria-label={m.execInput}
          placeholder="date"
          value={command}
          disabled={!running}
          aria-invalid={problem !== null}
          onChange={(e) => setCommand(e.target.value)}
          data-testid="exec-input"
        />
        <button
          type="submit"
          className="ct-primary"
          disabled={!running || busy || problem !== null || command.trim() === ''}
        >
          {busy ? m.running : m.runButton}
        </button>
      </form>
      {problem && <span className="ct-hint">{problem}</span>}
      <div className="ct-examples">
        {EXAMPLES.map((ex) => (
          <button
            key={ex}
            type="button"
            className="ct-chip mono"
            disabled={!running || busy}
            onClick={() => {
              setCommand(ex);
              void run(ex);
            }}
          >
            {ex}
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
      {ran && (
        <div className="ct-exec-result" data-testid="exec-result">
          <div className="ct-small">
            <span className="mono">$ {joinArgs(ran.argv)}</span>{' '}
            <span className={`ct-exit ${ran.result.exitCode === 0 ? 'ok' : 'bad'}`} data-testid="exec-exit">
              {ran.result.timedOut ? m.timedOut : m.exitCode(ran.result.exitCode)}
            </span>
          </div>
          <pre className="ct-output mono" data-testid="exec-output">
            <span className="ct-stdout">{ran.result.stdout}</span>
            <span className="ct-stderr">{ran.result.stderr}</span>
            {ran.result.stdout === '' && ran.result.stderr === '' && (
              <span className="ct-muted">{m.noOutput}</span>
            )}
          </pre>
        </div>
      )}
    </section>
  );
}
