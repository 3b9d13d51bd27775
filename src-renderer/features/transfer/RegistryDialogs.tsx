/** Pull (a typed reference, checked as you type) and Push (one of the image's tags) with progress. */
import { useId, useState } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import type { PullImageResult, PushImageResult } from '../../../src-shared/transfer-dto';
import { call } from '../../ipc/client';
import { Modal } from '../../components/Modal';
import { shortId } from '../images/visible-images';
import { JobProgress } from '../jobs/JobProgress';
import { useJob, type JobState } from '../jobs/use-job';
import { ReferenceFeedback } from './ReferenceFeedback';
import { useReferenceCheck } from './use-reference-check';

function JobOutcome<T>({
  state,
  done,
}: {
  state: JobState<T>;
  done: (r: T) => React.ReactNode;
}): React.ReactNode {
  switch (state.status) {
    case 'cancelled':
      return <p className="muted">Cancelled.</p>;
    case 'error':
      return (
        <p className="error" role="alert">
          {state.message}
        </p>
      );
    case 'done':
      return (
        <p className="success" role="status">
          {done(state.result)}
        </p>
      );
    default:
      return null;
  }
}

export function PullDialog({
  onClose,
  onPulled,
}: {
  onClose: () => void;
  onPulled: (ref: string) => void;
}): React.JSX.Element {
  const [text, setText] = useState('');
  const check = useReferenceCheck(text);
  const job = useJob<PullImageResult>('pull');
  const feedbackId = useId();
  const running = job.state.status === 'running';
  const ref = check.status === 'ok' ? check.reference.familiar : null;

  const pull = (): void => {
    if (!ref || running) return;
    void job.run((jobId) => call('pullImage', { ref, jobId })).then((r) => r && onPulled(ref));
  };

  return (
    <Modal
      title="Pull an image"
      onClose={running ? undefined : onClose}
      testId="pull-dialog"
      actions={
        <>
          <button type="button" onClick={onClose} disabled={running}>
            Close
          </button>
          <button
            type="submit"
            form="pull-form"
            className="primary"
            disabled={!ref || running}
            data-testid="pull-submit"
          >
            Pull
          </button>
        </>
      }
    >
      <p className="explain">
        Pulling asks the registry for the image's manifest, then downloads only the layers the engine does not
        already have.
      </p>
      <form
        id="pull-form"
        onSubmit={(e) => {
          e.preventDefault();
          pull();
        }}
      >
        <label className="field">
          Reference
          <input
            type="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            readOnly={running}
            placeholder="busybox:latest"
            aria-describedby={feedbackId}
            aria-invalid={check.status === 'problem'}
            spellCheck={false}
            autoComplete="off"
            data-testid="pull-input"
          />
        </label>
      </form>
      <ReferenceFeedback check={check} id={feedbackId} />
      {job.state.status === 'running' && (
        <JobProgress jobId={job.state.jobId} label={`Pulling ${ref ?? ''}`} />
      )}
      <JobOutcome
        state={job.state}
        done={(r) => `Pulled ${ref ?? ''}: image ${shortId(r.id)}${r.digest ? `, ${r.digest}` : ''}`}
      />
    </Modal>
  );
}

export function PushDialog({
  image,
  onClose,
}: {
  image: ImageSummary;
  onClose: () => void;
}): React.JSX.Element {
  const [ref, setRef] = useState(image.repoTags[0] ?? '');
  const job = useJob<PushImageResult>('push');
  const running = job.state.status === 'running';
  const push = (): void => {
    void job.run((jobId) => call('pushImage', { ref, jobId }));
  };
  return (
    <Modal
      title="Push to a registry"
      onClose={running ? undefined : onClose}
      testId="push-dialog"
      actions={
        <>
          <button type="button" onClick={onClose} disabled={running}>
            Close
          </button>
          <button
            type="button"
            className="primary"
            onClick={push}
            disabled={!ref || running}
            data-testid="push-submit"
          >
            Push
          </button>
        </>
      }
    >
      <p className="explain">
        A push goes to the registry named at the start of the reference (<code>docker.io</code> when none). To
        push elsewhere, first Tag the image as <code>registry-host:port/repository:tag</code>. Layers the
        registry already has are not sent again.
      </p>
      {image.repoTags.length === 0 ? (
        <p className="warn">This image has no name: Tag it first.</p>
      ) : (
        <label className="field">
          Reference to push
          <select
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            disabled={running}
            data-testid="push-ref"
          >
            {image.repoTags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
      {job.state.status === 'running' && <JobProgress jobId={job.state.jobId} label={`Pushing ${ref}`} />}
      <JobOutcome state={job.state} done={(r) => `Pushed ${ref}${r.digest ? `: ${r.digest}` : ''}`} />
    </Modal>
  );
}
