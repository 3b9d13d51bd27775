/** Remove images (or some of one image's names), and prune dangling images. */
import { useMemo, useState } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import type { PruneResult } from '../../../src-shared/images-dto';
import { call, errorMessage, IpcCallError } from '../../ipc/client';
import { ActionDialog, useSubmitState } from '../../components/FormDialog';
import { Modal } from '../../components/Modal';
import { useMessages } from '../../i18n/messages';
import { imagesMsg } from './messages';
import { displayName, formatBytes, shortId } from './visible-images';

interface Props {
  images: readonly ImageSummary[];
  onClose: () => void;
  onDone: () => void;
}

interface Outcome {
  untagged: string[];
  deleted: string[];
}

/** The names a removal goes through: each name in turn (the last one takes the image), or the ID when it has none. */
const namesToRemove = (img: ImageSummary, chosen: ReadonlySet<string>): string[] =>
  img.repoTags.length === 0 ? [img.id] : img.repoTags.filter((t) => chosen.has(t));

export function RemoveDialog({ images, onClose, onDone }: Props): React.JSX.Element {
  const m = useMessages(imagesMsg);
  const all = useMemo(() => images.flatMap((i) => i.repoTags), [images]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(all));
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const single = images.length === 1 ? images[0] : undefined;
  const wholeImages = images.filter((i) => i.repoTags.length === 0 || i.repoTags.every((t) => chosen.has(t)));
  const frees = wholeImages.reduce((n, i) => n + (i.uniqueSize ?? 0), 0);
  const work = images.flatMap((i) => namesToRemove(i, chosen));

  const toggle = (t: string): void =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(t)) next.delete(t);
      else next.add(t);
      return next;
    });

  const submit = async (force: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    setConflict(null);
    const done: Outcome = { untagged: [], deleted: [] };
    try {
      for (const ref of work) {
        const r = await call('removeImage', { ref, force });
        done.untagged.push(...r.untagged);
        done.deleted.push(...r.deleted);
      }
      setOutcome(done);
      onDone();
    } catch (err) {
      if (done.untagged.length + done.deleted.length > 0) onDone();
      if (err instanceof IpcCallError && err.code === 'CONFLICT') setConflict(err.message);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const title = single ? m.removeTitle(displayName(single)) : m.removeTitleMany(images.length);
  const closeButton = (
    <button type="button" className="primary" onClick={onClose} data-testid="remove-close">
      {m.close}
    </button>
  );
  return (
    <Modal
      title={title}
      onClose={busy ? undefined : onClose}
      testId="remove-dialog"
      actions={
        outcome ? (
          closeButton
        ) : (
          <>
            <button type="button" onClick={onClose} disabled={busy} data-autofocus>
              {m.cancel}
            </button>
            {conflict && (
              <button
                type="button"
                className="danger"
                onClick={() => void submit(true)}
                disabled={busy}
                data-testid="remove-force"
              >
                {m.forceRemoval}
              </button>
            )}
            <button
              type="button"
              className="primary danger"
              onClick={() => void submit(false)}
              disabled={busy || work.length === 0}
              data-testid="remove-submit"
            >
              {busy ? m.removing : m.removeButton}
            </button>
          </>
        )
      }
    >
      {outcome ? (
        <div data-testid="remove-result">
          {outcome.untagged.length > 0 && <p>{m.namesRemoved(outcome.untagged.join(', '))}</p>}
          <p>
            {outcome.deleted.length === 0
              ? m.nothingDeleted
              : m.deleted(outcome.deleted.length, outcome.deleted.map(shortId).join(', '))}
          </p>
        </div>
      ) : (
        <>
          <p className="explain">{m.removeExplain}</p>
          <ul className="remove-list">
            {images.map((img) => (
              <li key={img.id}>
                <span className="mono">{shortId(img.id)}</span>
                {img.repoTags.length === 0 && <span className="muted">{m.removedById}</span>}
                {img.repoTags.map((t) => (
                  <label key={t} className="check">
                    <input
                      type="checkbox"
                      checked={chosen.has(t)}
                      onChange={() => toggle(t)}
                      disabled={busy}
                    />
                    {t}
                  </label>
                ))}
                {img.containerNames.length > 0 && (
                  <span className="warn">{m.usedBy(img.containerNames.join(', '))}</span>
                )}
              </li>
            ))}
          </ul>
          <p className="muted" data-testid="remove-summary">
            {wholeImages.length > 0 ? m.willDelete(wholeImages.length, formatBytes(frees)) : m.onlyNames}
          </p>
        </>
      )}
      {conflict && (
        <p className="error" role="alert" data-testid="remove-conflict">
          {m.conflictForce(conflict)}
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

export function PruneDialog({ images, onClose, onDone }: Props): React.JSX.Element {
  const m = useMessages(imagesMsg);
  const dangling = images.filter((i) => i.dangling);
  const { busy, error, run } = useSubmitState(errorMessage);
  const [result, setResult] = useState<PruneResult | null>(null);
  const submit = (): Promise<void> =>
    run(async () => {
      setResult(await call('pruneImages'));
      onDone();
    });
  return (
    <ActionDialog
      title={m.pruneTitle}
      testId="prune-dialog"
      busy={busy}
      cancel={m.cancel}
      onClose={onClose}
      finished={result ? { label: m.close } : null}
      primary={{
        label: m.pruneButton,
        disabled: busy,
        onClick: () => void submit(),
        className: 'primary danger',
      }}
    >
      {result ? (
        <p data-testid="prune-result">
          {m.pruned(result.deleted.length, formatBytes(result.reclaimedBytes))}
        </p>
      ) : (
        <>
          <p className="explain">{m.pruneExplain}</p>
          <p>
            {m.danglingListed(
              dangling.length,
              dangling.length > 0 ? formatBytes(dangling.reduce((n, i) => n + i.size, 0)) : null,
            )}
          </p>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </ActionDialog>
  );
}
