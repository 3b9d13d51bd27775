/** Tag (add a name) and Untag (remove one name): the two dialogs about references. */
import { useId, useState } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import { call, errorMessage } from '../../ipc/client';
import { ReferenceFeedback } from '../transfer/ReferenceFeedback';
import { repoAndTag, useReferenceCheck } from '../transfer/use-reference-check';
import { Modal } from '../../components/Modal';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = useReferenceCheck(text);
  const feedbackId = useId();
  const parts = check.status === 'ok' ? repoAndTag(check.reference) : null;
  const digestProblem = check.status === 'ok' && !parts;
  const taken = parts ? image.repoTags.includes(`${parts.repo}:${parts.tag}`) : false;

  const submit = async (): Promise<void> => {
    if (!parts || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('tagImage', { ref: image.id, repo: parts.repo, tag: parts.tag });
      onDone([r.reference]);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={m.tagTitle(image.repoTags[0] ?? shortId(image.id))}
      onClose={busy ? undefined : onClose}
      testId="tag-dialog"
      actions={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {m.cancel}
          </button>
          <button
            type="submit"
            form="tag-form"
            className="primary"
            disabled={!parts || busy || taken}
            data-testid="tag-submit"
          >
            {m.addTag}
          </button>
        </>
      }
    >
      <p className="explain">{m.tagExplain(shortId(image.id))}</p>
      <form
        id="tag-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          {m.newReference}
          <input
            type="text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="repository[:tag]"
            aria-describedby={feedbackId}
            aria-invalid={check.status === 'problem' || digestProblem}
            data-testid="tag-input"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      </form>
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
    </Modal>
  );
}

export function UntagDialog({
  image,
  refName,
  onClose,
  onDone,
}: RefDialogProps & { refName: string }): React.JSX.Element {
  const m = useMessages(imagesMsg);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const others = image.repoTags.filter((t) => t !== refName);

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call('untagImage', { ref: refName });
      onDone([]);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={m.untagTitle(refName)}
      onClose={busy ? undefined : onClose}
      testId="untag-dialog"
      actions={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {m.cancel}
          </button>
          <button
            type="button"
            className={others.length === 0 ? 'primary danger' : 'primary'}
            onClick={() => void submit()}
            disabled={busy}
            data-testid="untag-submit"
          >
            {others.length === 0 ? m.untagDelete : m.untagButton}
          </button>
        </>
      }
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
    </Modal>
  );
}
