/** Load an archive into the engine (`docker load`): progress, then the names it brought. */
import { useEffect, useRef, useState } from 'react';
import type { LoadImagesResult } from '../../../src-shared/transfer-dto';
import { call } from '../../ipc/client';
import { ErrorNote, readableError } from '../../components/ErrorNote';
import { ActionDialog, SubmitForm, TextField } from '../../components/FormDialog';
import { currentMessages, useMessages } from '../../i18n/messages';
import { JobProgress } from '../jobs/JobProgress';
import { useJob } from '../jobs/use-job';
import { countLoaded } from './loaded-refs';
import { transferMsg } from './messages';

/** The picker's type menu: what the engine (through Strata) can load. */
export const archiveFilters = (): { name: string; extensions: string[] }[] => [
  {
    name: currentMessages(transferMsg).archiveFilter,
    extensions: ['tar', 'tar.gz', 'tgz', 'tar.xz', 'tar.bz2', 'tar.zst'],
  },
];

const loadedLine = (m: typeof transferMsg.en, r: LoadImagesResult): string => {
  const { names, untagged } = countLoaded(r.loaded);
  return m.loaded(names, untagged, r.converted);
};

interface Props {
  /** The file chosen in the picker: loading starts at once. Null: the user types a path. */
  path: string | null;
  /** Why the picker could not be shown (the path field is the way then). */
  chooserError?: string;
  onClose: () => void;
  /** After a load: the references it brought (to highlight in the list). */
  onLoaded: (refs: readonly string[]) => void;
}

export function LoadDialog({ path, chooserError, onClose, onLoaded }: Props): React.JSX.Element {
  const m = useMessages(transferMsg);
  const [typed, setTyped] = useState(path ?? '');
  const job = useJob<LoadImagesResult>('load');
  const started = useRef(false);
  const { run } = job;
  const onLoadedRef = useRef(onLoaded);
  useEffect(() => {
    onLoadedRef.current = onLoaded;
  }, [onLoaded]);

  const load = (file: string): void => {
    void run((jobId) => call('loadImages', { path: file, jobId })).then((r) => {
      if (r) onLoadedRef.current(r.loaded);
    });
  };
  useEffect(() => {
    if (started.current || !path) return;
    started.current = true;
    load(path);
    // Once, for the path the picker gave.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const s = job.state;
  const running = s.status === 'running';
  const name = typed.split(/[\\/]/).pop() ?? typed;
  return (
    <ActionDialog
      title={m.loadTitle}
      testId="load-dialog"
      busy={running}
      cancel={m.cancel}
      onClose={onClose}
      finished={s.status === 'done' ? { label: m.close, testId: 'load-close' } : null}
      primary={{
        label: m.load,
        disabled: running || typed.trim() === '',
        form: 'load-form',
        testId: 'load-submit',
      }}
    >
      <p className="explain">{m.loadExplain}</p>
      {chooserError && <p className="error">{chooserError}</p>}
      {/* A form, so Enter in the path field loads. */}
      <SubmitForm
        id="load-form"
        onSubmit={() => s.status !== 'done' && !running && typed.trim() !== '' && load(typed.trim())}
      >
        <TextField
          label={m.archive}
          value={typed}
          onChange={setTyped}
          readOnly={running}
          placeholder="/absolute/path/images.tar.gz"
          data-testid="load-path"
        />
      </SubmitForm>
      {s.status === 'running' && <JobProgress jobId={s.jobId} label={m.loading(name)} />}
      {s.status === 'cancelled' && <p className="muted">{m.cancelled}</p>}
      {s.status === 'error' && <ErrorNote error={readableError(s)} />}
      {s.status === 'done' && (
        <div role="status" data-testid="load-result">
          <p className="success">{loadedLine(m, s.result)}</p>
          <ul className="loaded-list">
            {s.result.loaded.map((r) => (
              <li key={r} className="mono" data-testid="loaded-ref">
                {r}
              </li>
            ))}
          </ul>
          <p className="muted">{m.highlighted}</p>
        </div>
      )}
    </ActionDialog>
  );
}
