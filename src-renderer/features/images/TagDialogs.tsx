/** Tag (add a name) and Untag (remove one name): the two dialogs about references. */
import { useId, useState } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import { call, errorMessage } from '../../ipc/client';
import { ReferenceFeedback } from '../transfer/ReferenceFeedback';
import { maySubmit, referenceNow, repoAndTag, useReferenceCheck } from '../transfer/use-reference-check';
import { ActionDialog, SubmitForm, TextField, useSubmitState } from '../../components/FormDialog';
import { useMessages } from '../../i18n/messages';
import { imagesMsg } from './messages';
import { shortId } from './visible-images';

export interface RefDialogProps {
  image: ImageSummary;
  onClose: () => void;
  /** After a change: the references to highlight. */
  onDone: (refs: readonly string[]) => void;
}

export function TagDialog({ image, onClose, onDone }: RefDialogProps): React.JSX.Element {
  const m = useMessages(imagesMsg);
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmitState(errorMessage);
  const check = useReferenceCheck(text);
  const feedbackId = useId();
  const parts = check.status === 'ok' ? repoAndTag(check.reference) : null;
  const digestProblem = check.status === 'ok' && !parts;
  const taken = parts ? image.repoTags.includes(`${parts.repo}:${parts.tag}`) : false;

  const submit = (): void => {
    if (busy || !maySubmit(check) || digestProblem || taken) return;
    void run(async () => {
      const parsed = await referenceNow(check, text);
      const target = parsed ? repoAndTag(parsed) : null;
      if (!target || image.repoTags.includes(`${target.repo}:${target.tag}`)) return;
      const r = await call('tagImage', { ref: image.id, repo: target.repo, tag: target.tag });
      onDone([r.reference]);
      onClose();
    });
  };

  return (
    <ActionDialog
      title={m.tagTitle(image.repoTags[0] ?? shortId(image.id))}
      testId="tag-dialog"
      busy={busy}
      cancel={m.cancel}
      onClose={onClose}
      primary={{
        label: m.addTag,
        disabled: !maySubmit(check) || digestProblem || busy || taken,
        form: 'tag-form',
        testId: 'tag-submit',
      }}
    >
      <p className="explain">{m.tagExplain(shortId(image.id))}</p>
      <SubmitForm id="tag-form" onSubmit={submit}>
        <TextField
          label={m.newReference}
          value={text}
          onChange={setText}
          placeholder="repository[:tag]"
          aria-describedby={feedbackId}
          aria-invalid={check.status === 'problem' || digestProblem}
          data-testid="tag-input"
          autoComplete="off"
        />
      </SubmitForm>
      {digestProblem ? (
        <p id={feedbackId} className="ref-feedback error" role="alert">
          {m.digestProblem}
        </p>
      ) : (
        <ReferenceFeedback check={check} id={feedbackId} />
      )}
      {taken && <p className="muted">{m.alreadyTagged}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </ActionDialog>
  );
}

export function UntagDialog({
  image,
  refName,
  onClose,
  onDone,
}: RefDialogProps & { refName: string }): React.JSX.Element {
  const m = useMessages(imagesMsg);
  const { busy, error, run } = useSubmitState(errorMessage);
  const others = image.repoTags.filter((t) => t !== refName);

  const submit = (): Promise<void> =>
    run(async () => {
      await call('untagImage', { ref: refName });
      onDone([]);
      onClose();
    });

  return (
    <ActionDialog
      title={m.untagTitle(refName)}
      testId="untag-dialog"
      busy={busy}
      cancel={m.cancel}
      onClose={onClose}
      primary={{
        label: others.length === 0 ? m.untagDelete : m.untagButton,
        disabled: busy,
        onClick: () => void submit(),
        className: others.length === 0 ? 'primary danger' : 'primary',
        testId: 'untag-submit',
      }}
    >
      <p className="explain">{m.untagExplain(refName)}</p>
      {others.length > 0 ? (
        <p>{m.stillNamed(others.join(', '))}</p>
      ) : (
        <p className="warn">
          {m.lastName(shortId(image.id))}
          {image.containerNames.length > 0 && m.containersUse(image.containerNames.join(', '))}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </ActionDialog>
  );
}
