/** Progress of one long job (its `jobProgress` events) with a Cancel button (`cancelJob`). */
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../src-shared/ipc-contract';
import { useMessages } from '../../i18n/messages';
import { call, subscribe } from '../../ipc/client';
import { formatBytes } from '../images/visible-images';
import { jobsMsg } from './messages';
import './jobs.css';

type Progress = EventPayload<'jobProgress'>;

/** The phases main reports, each worded for someone watching it (the catalog's keys). */
const PHASES = ['save', 'load', 'pull', 'push', 'analyze', 'verify'] as const;
const isPhase = (p: string): p is (typeof PHASES)[number] => (PHASES as readonly string[]).includes(p);

export interface JobProgressProps {
  jobId: string;
  /** What is being done, e.g. "Saving 2 images". */
  label: string;
  /** Hide the Cancel button (jobs that cannot stop halfway). */
  noCancel?: boolean;
}

export function JobProgress({ jobId, label, noCancel }: JobProgressProps): React.JSX.Element {
  const m = useMessages(jobsMsg);
  // Both remember which job they belong to, so a new jobId starts clean without resetting state.
  const [last, setLast] = useState<Progress | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const progress = last?.jobId === jobId ? last : null;
  const cancelling = cancelled === jobId;

  useEffect(
    () =>
      subscribe('jobProgress', (p) => {
        if (p.jobId === jobId) setLast(p);
      }),
    [jobId],
  );

  const cancel = (): void => {
    setCancelled(jobId);
    // The job's own call answers CANCELLED (or its result when it had already finished).
    void call('cancelJob', { jobId }).catch(() => setCancelled(null));
  };

  const total = progress?.bytesTotal ?? 0;
  const done = progress?.bytesDone ?? 0;
  const fraction = total > 0 ? Math.min(1, done / total) : null;
  const phase = progress ? (isPhase(progress.phase) ? m[progress.phase] : progress.phase) : m.starting;

  return (
    <div className="job-progress" data-testid="job-progress" data-job-id={jobId}>
      <div className="job-progress-head">
        <span className="job-progress-label">{label}</span>
        {!noCancel && (
          <button type="button" onClick={cancel} disabled={cancelling} data-testid="job-cancel">
            {cancelling ? m.cancelling : m.cancel}
          </button>
        )}
      </div>
      <progress
        aria-label={label}
        max={1}
        {...(fraction === null ? {} : { value: fraction })}
        data-testid="job-progress-bar"
      />
      <div className="job-progress-detail" aria-live="polite">
        {phase}
        {progress && (
          <>
            {': '}
            {formatBytes(done)}
            {total > 0 && m.of(formatBytes(total))}
            {fraction !== null && ` (${Math.round(fraction * 100)}%)`}
          </>
        )}
        {progress?.current && <span className="job-progress-current mono"> · {progress.current}</span>}
      </div>
    </div>
  );
}
