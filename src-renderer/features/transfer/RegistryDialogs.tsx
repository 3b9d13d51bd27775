/** Pull (a typed reference, checked as you type) and Push (one of the image's tags) with progress. */
import { useId, useState } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import type { PullImageResult, PushImageResult } from '../../../src-shared/transfer-dto';
import { call } from '../../ipc/client';
import { ErrorNote, readableError } from '../../components/ErrorNote';
import { ActionDialog, SubmitForm, TextField } from '../../components/FormDialog';
import { useMessages } from '../../i18n/messages';
import { shortId } from '../images/visible-images';
import { JobProgress } from '../jobs/JobProgress';
import { useJob, type JobState } from '../jobs/use-job';
import { transferMsg } from './messages';
import { ReferenceFeedback } from './ReferenceFeedback';
import { maySubmit, referenceNow, useReferenceCheck } from './use-reference-check';

function JobOutcome<T>({
  state,
  done,
}: {
  state: JobState<T>;
  done: (r: T) => React.ReactNode;
}): React.ReactNode {
  const m = useMessages(transferMsg);
  switch (state.status) {
    case 'cancelled':
      return <p className="muted">{m.cancelled}</p>;
    case 'error':
      return <ErrorNote error={readableError(state)} />;
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
  const m = useMessages(transferMsg);
  const [text, setText] = useState('');
  const check = useReferenceCheck(text);
  const job = useJob<PullImageResult>('pull');
  const feedbackId = useId();
  const running = job.state.status === 'running';
  const ref = check.status === 'ok' ? check.reference.familiar : null;

  const pull = (): void => {
    if (running || !maySubmit(check)) return;
    void referenceNow(check, text).then(async (parsed) => {
      if (!parsed) return;
      const name = parsed.familiar;
      const r = await job.run((jobId) => call('pullImage', { ref: name, jobId }));
      if (r) onPulled(name);
    });
  };

  return (
    <ActionDialog
      title={m.pullTitle}
      testId="pull-dialog"
      busy={running}
      cancel={m.close}
      onClose={onClose}
      primary={{
        label: m.pull,
        disabled: !maySubmit(check) || running,
        form: 'pull-form',
        testId: 'pull-submit',
      }}
    >
      <p className="explain">{m.pullExplain}</p>
      <SubmitForm id="pull-form" onSubmit={pull}>
        <TextField
          label={m.reference}
          value={text}
          onChange={setText}
          readOnly={running}
          placeholder="busybox:latest"
          aria-describedby={feedbackId}
          aria-invalid={check.status === 'problem'}
          autoComplete="off"
          data-testid="pull-input"
        />
      </SubmitForm>
      <ReferenceFeedback check={check} id={feedbackId} />
      {job.state.status === 'running' && <JobProgress jobId={job.state.jobId} label={m.pulling(ref ?? '')} />}
      <JobOutcome state={job.state} done={(r) => m.pulled(ref ?? '', shortId(r.id), r.digest)} />
    </ActionDialog>
  );
}

export function PushDialog({
  image,
  onClose,
}: {
  image: ImageSummary;
  onClose: () => void;
}): React.JSX.Element {
  const m = useMessages(transferMsg);
  const [ref, setRef] = useState(image.repoTags[0] ?? '');
  const job = useJob<PushImageResult>('push');
  const running = job.state.status === 'running';
  const push = (): void => {
    void job.run((jobId) => call('pushImage', { ref, jobId }));
  };
  return (
    <ActionDialog
      title={m.pushTitle}
      testId="push-dialog"
      busy={running}
      cancel={m.close}
      onClose={onClose}
      primary={{ label: m.push, disabled: !ref || running, onClick: push, testId: 'push-submit' }}
    >
      <p className="explain">{m.pushExplain}</p>
      {image.repoTags.length === 0 ? (
        <p className="warn">{m.noName}</p>
      ) : (
        <label className="field">
          {m.refToPush}
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
      {job.state.status === 'running' && <JobProgress jobId={job.state.jobId} label={m.pushing(ref)} />}
      <JobOutcome state={job.state} done={(r) => m.pushed(ref, r.digest)} />
    </ActionDialog>
  );
}
