/** Save images to one archive file (`docker save`): pick names and whole repositories, gzip, destination. */
import { useState } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import type { SaveImagesResult } from '../../../src-shared/transfer-dto';
import { call, errorMessage } from '../../ipc/client';
import { ErrorNote, readableError } from '../../components/ErrorNote';
import { ActionDialog, SubmitForm, TextField } from '../../components/FormDialog';
import { useMessages } from '../../i18n/messages';
import { formatBytes, shortId } from '../images/visible-images';
import { JobProgress } from '../jobs/JobProgress';
import { useJob } from '../jobs/use-job';
import { transferMsg } from './messages';
import {
  defaultArchiveName,
  repositoriesOf,
  saveRequest,
  withArchiveExtension,
  repositoryOf,
} from './save-selection';

interface Props {
  images: readonly ImageSummary[];
  onClose: () => void;
}

export function SaveDialog({ images, onClose }: Props): React.JSX.Element {
  const m = useMessages(transferMsg);
  const [tags, setTags] = useState<ReadonlySet<string>>(() => new Set(images.flatMap((i) => i.repoTags)));
  const [repos, setRepos] = useState<ReadonlySet<string>>(() => new Set());
  const [gzip, setGzip] = useState(true);
  const [dest, setDest] = useState('');
  const [chooserError, setChooserError] = useState<string | null>(null);
  const job = useJob<SaveImagesResult>('save');
  const request = saveRequest(images, tags, repos);
  const empty = request.refs.length === 0 && request.repositories.length === 0;
  const running = job.state.status === 'running';

  const flip = (set: ReadonlySet<string>, key: string): Set<string> => {
    const next = new Set(set);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  };

  const choose = async (): Promise<void> => {
    setChooserError(null);
    try {
      const { path } = await call('chooseSavePath', {
        title: m.saveAs,
        defaultName: dest || defaultArchiveName(request, gzip),
        filters: gzip
          ? [{ name: m.gzipTar, extensions: ['tar.gz', 'tgz'] }]
          : [{ name: m.plainTar, extensions: ['tar'] }],
      });
      if (path) setDest(path);
    } catch (err) {
      setChooserError(errorMessage(err));
    }
  };

  const canSave = !running && !empty && dest.trim() !== '';
  const save = (): void => {
    if (!canSave) return;
    const destPath = dest.trim();
    void job.run((jobId) => call('saveImages', { ...request, destPath, gzip, jobId }));
  };

  const s = job.state;
  return (
    <ActionDialog
      title={m.saveTitle(images.length)}
      testId="save-dialog"
      wide
      busy={running}
      cancel={m.cancel}
      onClose={onClose}
      finished={s.status === 'done' ? { label: m.close } : null}
      primary={{
        label: m.save,
        disabled: !canSave,
        form: 'save-form',
        testId: 'save-submit',
      }}
    >
      <p className="explain">{m.saveExplain}</p>
      {/* A form, so Enter in the destination field saves. */}
      <SubmitForm id="save-form" onSubmit={save}>
        <fieldset disabled={running || s.status === 'done'}>
          <legend>{m.namesToSave}</legend>
          <ul className="save-list">
            {images.map((img) => (
              <li key={img.id}>
                <span className="mono">{shortId(img.id)}</span>
                {img.repoTags.length === 0 && <span className="muted">{m.savedById}</span>}
                {img.repoTags.map((t) => (
                  <label key={t} className="check">
                    <input
                      type="checkbox"
                      checked={tags.has(t) || repos.has(repositoryOf(t))}
                      disabled={repos.has(repositoryOf(t))}
                      onChange={() => setTags((c) => flip(c, t))}
                    />
                    {t}
                  </label>
                ))}
              </li>
            ))}
          </ul>
          {repositoriesOf(images).length > 0 && (
            <div className="save-repos">
              {repositoriesOf(images).map((r) => (
                <label key={r} className="check">
                  <input
                    type="checkbox"
                    checked={repos.has(r)}
                    onChange={() => setRepos((c) => flip(c, r))}
                  />
                  {m.allTagsOf} <code>{r}</code>
                </label>
              ))}
              <p className="muted">{m.wholeRepoNote}</p>
            </div>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={gzip}
              onChange={(e) => {
                setGzip(e.target.checked);
                setDest((d) => withArchiveExtension(d, e.target.checked));
              }}
              data-testid="save-gzip"
            />
            {m.gzip}
          </label>
          <div className="field-row">
            <TextField
              label={m.destination}
              className="field grow"
              value={dest}
              onChange={setDest}
              placeholder="/absolute/path/images.tar.gz"
              data-testid="save-dest"
            />
            <button type="button" onClick={() => void choose()} data-testid="save-choose">
              {m.choose}
            </button>
          </div>
        </fieldset>
      </SubmitForm>
      {chooserError && <p className="error">{chooserError}</p>}
      {s.status === 'running' && (
        <JobProgress jobId={s.jobId} label={m.savingTo(dest.split(/[\\/]/).pop() ?? dest)} />
      )}
      {s.status === 'cancelled' && <p className="muted">{m.saveCancelled}</p>}
      {s.status === 'error' && <ErrorNote error={readableError(s)} />}
      {s.status === 'done' && (
        <p className="success" role="status" data-testid="save-result">
          {m.saved(s.result.images.length, s.result.images.join(', '), formatBytes(s.result.bytes))}{' '}
          <code>{s.result.path}</code>
        </p>
      )}
    </ActionDialog>
  );
}
