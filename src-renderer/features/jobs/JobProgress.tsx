/** Progress of one long job (its `jobProgress` events) with a Cancel button (`cancelJob`). */
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../src-shared/ipc-contract';
import { call, subscribe } from '../../ipc/client';
import { formatBytes } from '../images/visible-images';
import './jobs.css';

type Progress = EventPayload<'jobProgress'>;

/** What each phase means to someone watching it. */
const PHASES: Record<string, string> = {
  save: 'Exporting from the engine',
  load: 'Sending to the engine',
  pull: 'Downloading layers',
  push: 'Uploading layers',
  analyze: 'Reading layers',
};

export interface JobProgressProps {
  jobId: string;
  /** What is being done, e.g. "Saving 2 images". */
  label: string;
  /** Hide the Cancel button (jobs that cannot stop halfway). */
  noCancel?: boolean;
}

export function JobProgress({ jobId, label, noCancel }: JobProgressProps): React.JSX.Element {
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
  const phase = progress ? (PHASES[progress.phase] ?? progress.phase) : 'Starting';

  return (
    <div className="job-progress" data-testid="job-progress" data-job-id={jobId}>
      <div className="job-progress-head">
        <span className="job-progress-label">{label}</span>
        {!noCancel && (
          <button type="button" onClick={cancel} disabled={cancelling} data-testid="job-cancel">
            {cancelling ? 'Cancelling…' : 'Cancel'}
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
            {total > 0 && ` of ~${formatBytes(total)}`}
            {fraction !== null && ` (${Math.round(fraction * 100)}%)`}
          </>
        )}
        {progress?.current && <span className="job-progress-current mono"> · {progress.current}</span>}
      </div>
    </div>
  );
}
