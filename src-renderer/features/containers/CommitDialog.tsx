/** `docker commit`: the container's writable layer becomes a new image layer; shows the new image's ID. */
import { useMemo, useState } from 'react';
import type { CommitInstruction } from '../../../src-shared/containers-spec';
import { call } from '../../ipc/client';
import { useStore } from '../../store';
import {
  buildCommitSpec,
  COMMIT_INSTRUCTIONS,
  dockerCommitLine,
  emptyCommitForm,
  type CommitForm,
} from './commit-form';
import { ErrorNote, readableError } from '../../components/ErrorNote';
import type { Committed } from './LayerPanel';
import { DialogActions, FormDialog, useSubmitState } from '../../components/FormDialog';
import { useMessages } from '../../i18n/messages';
import { runMsg } from './run-messages';
import { problemMsg } from './problem-messages';
import { addRowAndFocus, removeRowAndFocus } from './row-focus';
import { TextRow } from './TextRow';

export function CommitDialog({
  container,
  imageId,
  onClose,
  onCommitted,
}: {
  container: string;
  /** The image the container runs: the new image has one layer more, or as many when nothing changed. */
  imageId: string;
  onClose: () => void;
  onCommitted: (c: Committed) => void;
}): React.JSX.Element {
  const m = useMessages(runMsg);
  const pm = useMessages(problemMsg);
  const refreshImages = useStore((s) => s.refreshImages);
  const [form, setForm] = useState<CommitForm>(emptyCommitForm);
  const { busy, error, run } = useSubmitState(readableError);
  const [done, setDone] = useState<(Committed & { layersBefore: number }) | null>(null);
  const { spec, problems } = useMemo(() => buildCommitSpec(container, form, pm), [container, form, pm]);
  const line = useMemo(() => dockerCommitLine(container, form), [container, form]);
  const update = (patch: Partial<CommitForm>): void => setForm((f) => ({ ...f, ...patch }));
  const setChange = (i: number, patch: Partial<CommitForm['changes'][number]>): void =>
    update({ changes: form.changes.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const invalid = Object.keys(problems).length > 0;

  const submit = (): void => {
    if (invalid) return;
    void run(async () => {
      const made = await call('commitContainer', spec);
      const [detail, before] = await Promise.all([
        call('inspectImage', { ref: made.imageId }),
        call('inspectImage', { ref: imageId }),
      ]);
      const c = { imageId: made.imageId, reference: spec.reference ?? null, layers: detail.layers };
      setDone({ ...c, layersBefore: before.layers.length });
      onCommitted(c);
      void refreshImages();
    });
  };

  return (
    <FormDialog
      title={m.commitTitle(container)}
      onClose={onClose}
      className="ct-commit"
      wide
      testId="commit-dialog"
      formClassName="ct-form"
      onSubmit={submit}
    >
      <div className="ct-grid">
        <TextRow
          id="commit-ref"
          label={m.reference}
          className="mono"
          value={form.reference}
          placeholder={m.referencePlaceholder}
          onChange={(reference) => update({ reference })}
          aria-invalid={!!problems['reference']}
          data-autofocus
        >
          {problems['reference'] && <span className="ct-hint">{problems['reference']}</span>}
        </TextRow>
        <TextRow
          id="commit-message"
          label={m.message}
          value={form.message}
          placeholder={m.messagePlaceholder}
          onChange={(message) => update({ message })}
        />
        <TextRow
          id="commit-author"
          label={m.author}
          value={form.author}
          placeholder={m.authorPlaceholder}
          onChange={(author) => update({ author })}
        >
          {problems['author'] && <span className="ct-hint">{problems['author']}</span>}
        </TextRow>
        <span>{m.pause}</span>
        <label className="ct-check">
          <input type="checkbox" checked={form.pause} onChange={(e) => update({ pause: e.target.checked })} />{' '}
          {m.pauseText}
        </label>
        <span>{m.changes}</span>
        <div className="ct-rows">
          {form.changes.map((c, i) => (
            <div key={i} className="ct-rowline">
              <select
                aria-label={m.changeInstruction(i + 1)}
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
                aria-label={m.changeValue(i + 1)}
                className="mono ct-grow"
                value={c.value}
                placeholder={m.changeHint(c.instruction)}
                onChange={(e) => setChange(i, { value: e.target.value })}
                aria-invalid={!!problems[`changes.${i}`]}
              />
              <button
                type="button"
                className="ct-icon"
                aria-label={m.removeChange(i + 1)}
                onClick={(e) =>
                  removeRowAndFocus(e.currentTarget, i, () =>
                    update({ changes: form.changes.filter((_, j) => j !== i) }),
                  )
                }
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
                  : m.changeHint(c.instruction)}
              </span>
            </div>
          ))}
          <button
            type="button"
            className="ct-add"
            onClick={(e) =>
              addRowAndFocus(e.currentTarget, () =>
                update({ changes: [...form.changes, { instruction: 'CMD', value: '' }] }),
              )
            }
          >
            {m.addChange}
          </button>
        </div>
      </div>
      <figure className="ct-cmdline">
        <figcaption>{m.terminal}</figcaption>
        <code data-testid="commit-cmdline">{line}</code>
      </figure>
      <ErrorNote error={error} testId="commit-error" />
      {done && (
        <div className="ct-result" role="status" data-testid="commit-result">
          {m.newImage}{' '}
          <span className="mono" data-testid="commit-image-id">
            {done.imageId}
          </span>
          {done.reference && (
            <>
              {' '}
              {m.tagged} <span className="mono">{done.reference}</span>
            </>
          )}
          {m.committedLayers(done.layers.length, done.layersBefore)}
        </div>
      )}
      <div className="ct-modal-actions">
        <DialogActions
          cancel={done ? m.close : m.cancel}
          onCancel={onClose}
          primary={
            done
              ? null
              : { label: busy ? m.committing : m.commit, disabled: busy || invalid, className: 'ct-primary' }
          }
        />
      </div>
    </FormDialog>
  );
}
