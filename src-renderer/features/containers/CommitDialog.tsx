/** `docker commit`: the container's writable layer becomes a new image layer; shows the new image's ID. */
import { useMemo, useState } from 'react';
import type { CommitInstruction } from '../../../src-shared/containers-spec';
import { call } from '../../ipc/client';
import { useStore } from '../../store';
import {
  buildCommitSpec,
  CHANGE_HINTS,
  COMMIT_INSTRUCTIONS,
  dockerCommitLine,
  emptyCommitForm,
  type CommitForm,
} from './commit-form';
import { ErrorNote, readableError, type ReadableError } from './errors';
import type { Committed } from './LayerPanel';
import { Modal } from '../../components/Modal';

export function CommitDialog({
  container,
  onClose,
  onCommitted,
}: {
  container: string;
  onClose: () => void;
  onCommitted: (c: Committed) => void;
}): React.JSX.Element {
  const refreshImages = useStore((s) => s.refreshImages);
  const [form, setForm] = useState<CommitForm>(emptyCommitForm);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReadableError | null>(null);
  const [done, setDone] = useState<Committed | null>(null);
  const { spec, problems } = useMemo(() => buildCommitSpec(container, form), [container, form]);
  const line = useMemo(() => dockerCommitLine(container, form), [container, form]);
  const update = (patch: Partial<CommitForm>): void => setForm((f) => ({ ...f, ...patch }));
  const setChange = (i: number, patch: Partial<CommitForm['changes'][number]>): void =>
    update({ changes: form.changes.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const invalid = Object.keys(problems).length > 0;

  const submit = async (): Promise<void> => {
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      const { imageId } = await call('commitContainer', spec);
      const detail = await call('inspectImage', { ref: imageId });
      const c = { imageId, reference: spec.reference ?? null, layers: detail.layers };
      setDone(c);
      onCommitted(c);
      void refreshImages();
    } catch (err) {
      setError(readableError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Commit ${container} to an image`}
      onClose={onClose}
      className="ct-commit"
      wide
      testId="commit-dialog"
    >
      <form
        className="ct-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="ct-grid">
          <label htmlFor="commit-ref">Repository:tag</label>
          <div>
            <input
              id="commit-ref"
              className="mono"
              value={form.reference}
              placeholder="myimg/httpd:v1 (empty: untagged <none>)"
              onChange={(e) => update({ reference: e.target.value })}
              aria-invalid={!!problems['reference']}
              data-autofocus
            />
            {problems['reference'] && <span className="ct-hint">{problems['reference']}</span>}
          </div>
          <label htmlFor="commit-message">Message</label>
          <input
            id="commit-message"
            value={form.message}
            placeholder="what changed (-m)"
            onChange={(e) => update({ message: e.target.value })}
          />
          <label htmlFor="commit-author">Author</label>
          <div>
            <input
              id="commit-author"
              value={form.author}
              placeholder="Name <mail> (-a)"
              onChange={(e) => update({ author: e.target.value })}
            />
            {problems['author'] && <span className="ct-hint">{problems['author']}</span>}
          </div>
          <span>Pause</span>
          <label className="ct-check">
            <input
              type="checkbox"
              checked={form.pause}
              onChange={(e) => update({ pause: e.target.checked })}
            />{' '}
            pause the container while its layer is copied (-p), so the snapshot is consistent
          </label>
          <span>Changes</span>
          <div className="ct-rows">
            {form.changes.map((c, i) => (
              <div key={i} className="ct-rowline">
                <select
                  aria-label={`Change ${i + 1} instruction`}
                  value={c.instruction}
                  onChange={(e) => setChange(i, { instruction: e.target.value as CommitInstruction })}
                >
                  {COMMIT_INSTRUCTIONS.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
                <input
                  aria-label={`Change ${i + 1} value`}
                  className="mono ct-grow"
                  value={c.value}
                  placeholder={CHANGE_HINTS[c.instruction]}
                  onChange={(e) => setChange(i, { value: e.target.value })}
                  aria-invalid={!!problems[`changes.${i}`]}
                />
                <button
                  type="button"
                  className="ct-icon"
                  aria-label={`Remove change ${i + 1}`}
                  onClick={() => update({ changes: form.changes.filter((_, j) => j !== i) })}
                >
                  ×
                </button>
                <span
                  className={
                    problems[`changes.${i}`] && c.value.trim() ? 'ct-hint' : 'ct-muted ct-small ct-rowhint'
                  }
                >
                  {problems[`changes.${i}`] && c.value.trim()
                    ? `${c.instruction}: ${problems[`changes.${i}`]}`
                    : CHANGE_HINTS[c.instruction]}
                </span>
              </div>
            ))}
            <button
              type="button"
              className="ct-add"
              onClick={() => update({ changes: [...form.changes, { instruction: 'CMD', value: '' }] })}
            >
              + change (-c)
            </button>
          </div>
        </div>
        <figure className="ct-cmdline">
          <figcaption>The same from a terminal</figcaption>
          <code data-testid="commit-cmdline">{line}</code>
        </figure>
        <ErrorNote error={error} testId="commit-error" />
        {done && (
          <div className="ct-result" role="status" data-testid="commit-result">
            New image{' '}
            <span className="mono" data-testid="commit-image-id">
              {done.imageId}
            </span>
            {done.reference && (
              <>
                {' '}
                tagged <span className="mono">{done.reference}</span>
              </>
            )}
            , {done.layers.length} layers: the writable layer is now its top, read-only layer.
          </div>
        )}
        <div className="ct-modal-actions">
          <button type="button" onClick={onClose}>
            {done ? 'Close' : 'Cancel'}
          </button>
          {!done && (
            <button type="submit" className="ct-primary" disabled={busy || invalid}>
              {busy ? 'Committing…' : 'Commit'}
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
