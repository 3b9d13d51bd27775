/** `docker run` as a form, with the equivalent command line written live underneath. */
import { useMemo, useState } from 'react';
import type { RunResult } from '../../../src-shared/containers-dto';
import { call } from '../../ipc/client';
import { useStore } from '../../store';
import { ErrorNote, readableError, type ReadableError } from '../../components/ErrorNote';
import { DialogActions, FormDialog } from '../../components/FormDialog';
import { useMessages } from '../../i18n/messages';
import { runMsg } from './run-messages';
import { problemMsg } from './problem-messages';
import { buildRunSpec, dockerRunLine, emptyRunForm, runNotes, type RunForm } from './run-form';
import { EnvRows, Hint, MountRows, PortRows } from './RunRows';
import { TextRow } from './TextRow';

const newJobId = (): string => `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function RunDialog({
  onClose,
  initialImage,
}: {
  onClose: () => void;
  initialImage?: string;
}): React.JSX.Element {
  const m = useMessages(runMsg);
  const pm = useMessages(problemMsg);
  const images = useStore((s) => s.images);
  const refreshContainers = useStore((s) => s.refreshContainers);
  const selectContainer = useStore((s) => s.selectContainer);
  const [form, setForm] = useState<RunForm>(() => emptyRunForm(initialImage));
  const [touched, setTouched] = useState(false);
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<ReadableError | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);

  const { spec, problems } = useMemo(() => buildRunSpec(form, m, pm), [form, m, pm]);
  const line = useMemo(() => dockerRunLine(form), [form]);
  const notes = runNotes(form, m);
  const tags = useMemo(() => images.flatMap((i) => i.repoTags).sort(), [images]);
  const shown = (key: string): string | undefined => (touched || key !== 'image' ? problems[key] : undefined);
  // An edit makes the last refusal stale (it named the old image or name): it goes with the edit.
  const update = (patch: Partial<RunForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    setError(null);
  };
  const field = (key: string): { 'aria-invalid': boolean; 'aria-describedby'?: string } =>
    shown(key) ? { 'aria-invalid': true, 'aria-describedby': `run-p-${key}` } : { 'aria-invalid': false };
  const rowProps = { form, update, shown, field };

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    const jobId = form.detach ? undefined : newJobId();
    setRunning(jobId ?? 'detached');
    setError(null);
    setResult(null);
    try {
      const r = await call('runContainer', { ...spec, ...(jobId ? { jobId } : {}) });
      setResult(r);
      await refreshContainers();
      if (!form.autoRemove) selectContainer(r.id);
      if (form.detach && r.warnings.length === 0) onClose();
    } catch (err) {
      setError(readableError(err));
    } finally {
      setRunning(null);
    }
  };

  return (
    <FormDialog
      title={m.title}
      onClose={onClose}
      className="ct-run"
      testId="run-dialog"
      wide
      formClassName="ct-form"
      onSubmit={() => void submit()}
    >
      <div className="ct-grid">
        <TextRow
          id="run-image"
          label={m.image}
          list="run-image-list"
          value={form.image}
          placeholder="busybox:latest"
          onChange={(image) => update({ image })}
          {...field('image')}
          data-autofocus
        >
          <datalist id="run-image-list">
            {tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <Hint problem={shown('image')} id="run-p-image" />
        </TextRow>
        <TextRow
          id="run-name"
          label={m.name}
          value={form.name}
          placeholder={m.namePlaceholder}
          onChange={(name) => update({ name })}
          {...field('name')}
        >
          <Hint problem={shown('name')} id="run-p-name" />
        </TextRow>
        <TextRow
          id="run-command"
          label={m.command}
          className="mono"
          value={form.command}
          placeholder={m.commandPlaceholder}
          onChange={(command) => update({ command })}
          {...field('command')}
        >
          <Hint problem={shown('command')} id="run-p-command" />
        </TextRow>
        <EnvRows {...rowProps} />
        <PortRows {...rowProps} />
        <label htmlFor="run-network">{m.network}</label>
        <select
          id="run-network"
          value={form.networkMode}
          onChange={(e) => update({ networkMode: e.target.value as RunForm['networkMode'] })}
        >
          <option value="bridge">{m.bridge}</option>
          <option value="host">{m.host}</option>
          <option value="none">{m.none}</option>
        </select>
        <MountRows {...rowProps} />
        <label htmlFor="run-restart">{m.restart}</label>
        <div className="ct-rowline">
          <select
            id="run-restart"
            value={form.restart}
            onChange={(e) => update({ restart: e.target.value as RunForm['restart'] })}
          >
            <option value="no">no</option>
            <option value="always">always</option>
            <option value="unless-stopped">unless-stopped</option>
            <option value="on-failure">on-failure</option>
          </select>
          {form.restart === 'on-failure' && (
            <input
              aria-label={m.retries}
              className="ct-portn"
              value={form.retries}
              onChange={(e) => update({ retries: e.target.value })}
            />
          )}
          <Hint problem={shown('restart')} id="run-p-restart" />
        </div>
        <span>{m.options}</span>
        <div className="ct-rowline">
          <label className="ct-check">
            <input
              type="checkbox"
              checked={form.detach}
              onChange={(e) => update({ detach: e.target.checked })}
            />{' '}
            {m.detached}
          </label>
          <label className="ct-check">
            <input
              type="checkbox"
              checked={form.autoRemove}
              onChange={(e) => update({ autoRemove: e.target.checked })}
            />{' '}
            {m.autoRemove}
          </label>
          <Hint problem={shown('autoRemove')} id="run-p-autoRemove" />
        </div>
      </div>
      <figure className="ct-cmdline">
        <figcaption>{m.terminal}</figcaption>
        <code data-testid="run-cmdline">{line}</code>
      </figure>
      {notes.map((n) => (
        <p key={n} className="ct-muted ct-small">
          {n}
        </p>
      ))}
      <ErrorNote error={error} testId="run-error" />
      {error?.code === 'NOT_FOUND' && !tags.includes(form.image.trim()) && (
        <p className="ct-muted ct-small" data-testid="run-not-local">
          {m.notLocal}
        </p>
      )}
      {result && (
        <div className="ct-result" role="status" data-testid="run-result">
          {m.started} <span className="mono">{result.id.slice(0, 12)}</span>
          {result.warnings.map((w) => (
            <p key={w} className="ct-warn">
              {m.engineWarning(w)}
            </p>
          ))}
          {result.exit && (
            <pre className="ct-output">
              {m.exitCode} {result.exit.exitCode ?? m.timedOut}
              {'\n'}
              {result.exit.stdout}
              <span className="ct-stderr">{result.exit.stderr}</span>
            </pre>
          )}
        </div>
      )}
      <div className="ct-modal-actions">
        {running && running !== 'detached' && (
          <button
            type="button"
            onClick={() => void call('cancelJob', { jobId: running }).catch(() => undefined)}
          >
            {m.stopWaiting}
          </button>
        )}
        <DialogActions
          cancel={result ? m.close : m.cancel}
          onCancel={onClose}
          primary={{
            label: running ? m.running : m.run,
            disabled: running !== null || (touched && Object.keys(problems).length > 0),
            className: 'ct-primary',
          }}
        />
      </div>
    </FormDialog>
  );
}
