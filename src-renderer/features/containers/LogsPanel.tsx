/** `docker logs -f`: a followed log job, stdout and stderr apart, auto-scroll that can be paused. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LogStream } from '../../../src-shared/containers-dto';
import { call, subscribe } from '../../ipc/client';
import { useMessages } from '../../i18n/messages';
import { ErrorNote, readableError, type ReadableError } from '../../components/ErrorNote';
import { containersMsg } from './messages';

interface Line {
  n: number;
  stream: LogStream;
  text: string;
}
const MAX_LINES = 5000;
let jobCounter = 0;
const newJobId = (): string => `logs-${Date.now().toString(36)}-${(jobCounter++).toString(36)}`;

type Status = 'following' | 'stopped' | 'cancelled' | 'error';
const STATUS_KEY = {
  following: 'following',
  stopped: 'containerStopped',
  cancelled: 'cancelled',
  error: 'error',
} as const;

export function LogsPanel({ id, running }: { id: string; running: boolean }): React.JSX.Element {
  const [paused, setPaused] = useState(false);
  const [again, setAgain] = useState(0);
  // A new follow job (and fresh lines) whenever the container, its running state or "Follow again" changes.
  return (
    <LogsFollow
      key={`${id}:${running}:${again}`}
      id={id}
      paused={paused}
      onPause={() => setPaused((p) => !p)}
      onAgain={() => setAgain((n) => n + 1)}
    />
  );
}

function LogsFollow({
  id,
  paused,
  onPause,
  onAgain,
}: {
  id: string;
  paused: boolean;
  onPause: () => void;
  onAgain: () => void;
}): React.JSX.Element {
  const m = useMessages(containersMsg);
  const [lines, setLines] = useState<Line[]>([]);
  const [status, setStatus] = useState<Status>('following');
  const [error, setError] = useState<ReadableError | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const jobId = newJobId();
    // Text of a line not ended yet, per stream: a chunk may stop mid-line.
    const pending: Record<LogStream, string> = { stdout: '', stderr: '' };
    let counter = 0;
    let live = true;
    const unsubscribe = subscribe('containerLogChunk', (chunk) => {
      if (chunk.jobId !== jobId || !live) return;
      const parts = (pending[chunk.stream] + chunk.text).split('\n');
      pending[chunk.stream] = parts.pop() ?? '';
      if (parts.length === 0) return;
      const added = parts.map((text) => ({ n: counter++, stream: chunk.stream, text }));
      setLines((prev) => {
        const next = prev.concat(added);
        return next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
      });
    });
    call('followLogs', { id, jobId, tail: 500, timestamps: false })
      .then((r) => {
        if (!live) return;
        const rest = (['stdout', 'stderr'] as const).filter((s) => pending[s] !== '');
        if (rest.length > 0)
          setLines((prev) => prev.concat(rest.map((s) => ({ n: counter++, stream: s, text: pending[s] }))));
        setStatus(r.ended);
      })
      .catch((err: unknown) => {
        if (!live) return;
        setError(readableError(err));
        setStatus('error');
      });
    return () => {
      live = false;
      unsubscribe();
      void call('cancelJob', { jobId }).catch(() => undefined);
    };
  }, [id]);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && !paused) el.scrollTop = el.scrollHeight;
  }, [lines, paused]);

  return (
    <section className="ct-panel ct-logs" aria-label={m.logs}>
      <header className="ct-panel-head">
        <h4>{m.logs}</h4>
        <span className={`ct-live ${status === 'following' ? 'on' : ''}`} data-testid="logs-status">
          {m[STATUS_KEY[status]]}
        </span>
        <span className="ct-legend">
          <span className="ct-stdout">stdout</span> <span className="ct-stderr">stderr</span>
        </span>
        <button type="button" aria-pressed={paused} onClick={onPause} title={m.pauseHelp}>
          {paused ? m.resumeScroll : m.pauseScroll}
        </button>
        {status !== 'following' && (
          <button type="button" onClick={onAgain}>
            {m.followAgain}
          </button>
        )}
      </header>
      <div ref={box} className="ct-logbox mono" role="log" aria-live="off" tabIndex={0} data-testid="logs">
        {lines.length === 0 && <span className="ct-muted">{m.noOutputYet}</span>}
        {lines.map((l) => (
          <div key={l.n} className={l.stream === 'stderr' ? 'ct-stderr' : 'ct-stdout'} data-stream={l.stream}>
            {l.text || '\u00a0'}
          </div>
        ))}
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
