/**
 * Analyze a local image: main streams its `save` into the archive analyzer (a cancellable job),
 * then this shows a summary. The archive store has no way to take over an analysis it did not
 * open, so the session is closed when the dialog closes.
 */
import { useEffect, useRef } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import type { ChannelResult } from '../../../src-shared/ipc-contract';
import { call } from '../../ipc/client';
import { JobProgress } from '../jobs/JobProgress';
import { useJob } from '../jobs/use-job';
import { Modal } from './Modal';
import { displayName, formatBytes } from './visible-images';

type Analysis = ChannelResult<'analyzeLocalImage'>;

export function AnalyzeDialog({
  image,
  onClose,
}: {
  image: ImageSummary;
  onClose: () => void;
}): React.JSX.Element {
  const job = useJob<Analysis>('analyze');
  const started = useRef(false);
  const ref = image.repoTags[0] ?? image.id;
  const { run } = job;

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run((jobId) => call('analyzeLocalImage', { ref, jobId }));
  }, [run, ref]);

  const sessionId = job.state.status === 'done' ? job.state.result.sessionId : null;
  useEffect(
    () => () => {
      if (sessionId) void call('closeArchive', { sessionId }).catch(() => undefined);
    },
    [sessionId],
  );

  const s = job.state;
  const img = s.status === 'done' ? s.result.analysis.images[0] : undefined;
  return (
    <Modal
      title={`Analyze ${displayName(image)}`}
      onClose={s.status === 'running' ? undefined : onClose}
      testId="analyze-dialog"
      wide
      actions={
        <button type="button" className="primary" onClick={onClose} disabled={s.status === 'running'}>
          Close
        </button>
      }
    >
      <p className="explain">
        The engine exports the image (<code>docker save</code>) and Strata reads every layer as it streams in,
        without writing the archive to disk.
      </p>
      {s.status === 'running' && <JobProgress jobId={s.jobId} label={`Analyzing ${ref}`} />}
      {s.status === 'cancelled' && <p className="muted">Cancelled.</p>}
      {s.status === 'error' && (
        <p className="error" role="alert">
          {s.message}
        </p>
      )}
      {img && (
        <div data-testid="analyze-summary">
          <dl className="summary-grid">
            <dt>Layers</dt>
            <dd>{img.layers.length}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(img.sizeBytes)}</dd>
            <dt>Files in the final filesystem</dt>
            <dd>{img.files.toLocaleString()}</dd>
            <dt>Efficiency</dt>
            <dd>{(img.efficiency * 100).toFixed(1)}%</dd>
            <dt>Wasted (overwritten or deleted in a later layer)</dt>
            <dd>{formatBytes(img.wastedBytes)}</dd>
          </dl>
          <table className="mini">
            <thead>
              <tr>
                <th>#</th>
                <th>Step</th>
                <th className="num">Size</th>
                <th className="num">Files +/~/−</th>
              </tr>
            </thead>
            <tbody>
              {img.layers.map((l) => (
                <tr key={l.index}>
                  <td>{l.index}</td>
                  <td className="mono ellipsis" title={l.command}>
                    {l.command || '(no command recorded)'}
                  </td>
                  <td className="num">{formatBytes(l.sizeBytes)}</td>
                  <td className="num">
                    {l.added}/{l.modified}/{l.removed}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {img.inefficientFiles.length > 0 && (
            <p className="muted">
              Most wasted:{' '}
              {img.inefficientFiles
                .slice(0, 3)
                .map((f) => `${f.path} (${formatBytes(f.sizeBytes)})`)
                .join(', ')}
            </p>
          )}
        </div>
      )}
    </Modal>
  );
}
