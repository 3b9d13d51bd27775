/** Remove images (or some of one image's names), and prune dangling images. */
import { useMemo, useState } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import type { PruneResult } from '../../../src-shared/images-dto';
import { call, errorMessage, IpcCallError } from '../../ipc/client';
import { Modal } from './Modal';
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

  const title = single ? `Remove ${displayName(single)}` : `Remove ${images.length} images`;
  const closeButton = (
    <button type="button" className="primary" onClick={onClose} data-testid="remove-close">
      Close
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
            <button type="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            {conflict && (
              <button
                type="button"
                className="danger"
                onClick={() => void submit(true)}
                disabled={busy}
                data-testid="remove-force"
              >
                Force removal
              </button>
            )}
            <button
              type="button"
              className="primary danger"
              onClick={() => void submit(false)}
              disabled={busy || work.length === 0}
              data-testid="remove-submit"
            >
              {busy ? 'Removing…' : 'Remove'}
            </button>
          </>
        )
      }
    >
      {outcome ? (
        <div data-testid="remove-result">
          {outcome.untagged.length > 0 && <p>Names removed: {outcome.untagged.join(', ')}</p>}
          <p>
            {outcome.deleted.length === 0
              ? 'No image or layer was deleted: other names still point at the image.'
              : `Deleted ${outcome.deleted.length} image${outcome.deleted.length === 1 ? '' : 's'}: ${outcome.deleted.map(shortId).join(', ')}`}
          </p>
        </div>
      ) : (
        <>
          <p className="explain">
            Removing a name deletes only that name. An image (and its layers no other image shares) goes with
            its last name. The engine refuses while a container uses it.
          </p>
          <ul className="remove-list">
            {images.map((img) => (
              <li key={img.id}>
                <span className="mono">{shortId(img.id)}</span>
                {img.repoTags.length === 0 && <span className="muted"> &lt;none&gt;: removed by ID</span>}
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
                  <span className="warn"> used by {img.containerNames.join(', ')}</span>
                )}
              </li>
            ))}
          </ul>
          <p className="muted" data-testid="remove-summary">
            {wholeImages.length > 0
              ? `${wholeImages.length} image${wholeImages.length === 1 ? '' : 's'} deleted, freeing about ${formatBytes(frees)} (layers only they use).`
              : 'Only names go: every image keeps another name.'}
          </p>
        </>
      )}
      {conflict && (
        <p className="error" role="alert" data-testid="remove-conflict">
          {conflict}. Force asks the engine to remove it anyway (it still refuses while a container runs).
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
  const dangling = images.filter((i) => i.dangling);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PruneResult | null>(null);
  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('pruneImages'));
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Prune dangling images"
      onClose={busy ? undefined : onClose}
      testId="prune-dialog"
      actions={
        result ? (
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="primary danger" onClick={() => void submit()} disabled={busy}>
              Prune
            </button>
          </>
        )
      }
    >
      {result ? (
        <p data-testid="prune-result">
          Deleted {result.deleted.length} image{result.deleted.length === 1 ? '' : 's'}, reclaimed{' '}
          {formatBytes(result.reclaimedBytes)}.
        </p>
      ) : (
        <>
          <p className="explain">
            A dangling image has no tag pointing at it (<code>&lt;none&gt;</code>), usually an older build
            whose tag moved to a newer one. Pruning deletes them all; images used by containers are kept.
          </p>
          <p>
            {dangling.length} dangling image{dangling.length === 1 ? '' : 's'} listed
            {dangling.length > 0 && `, ${formatBytes(dangling.reduce((n, i) => n + i.size, 0))} in total`}.
          </p>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
