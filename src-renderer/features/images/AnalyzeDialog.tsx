/**
 * Analyze a local image: main streams its `save` into the archive analyzer (a cancellable job
 * with progress), then the archive store takes the session over and the window shows the full
 * image detail (layer stack, file tree, sizes, treemap, config and history) in the Archive view.
 */
import { useEffect, useRef } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import type { ChannelResult } from '../../../src-shared/ipc-contract';
import { ErrorNote, readableError } from '../../components/ErrorNote';
import { Modal } from '../../components/Modal';
import { useMessages } from '../../i18n/messages';
import { call } from '../../ipc/client';
import { showView } from '../../navigation';
import { useStore } from '../../store';
import { JobProgress } from '../jobs/JobProgress';
import { useJob } from '../jobs/use-job';
import { imagesMsg } from './messages';
import { displayName } from './visible-images';

type Analysis = ChannelResult<'analyzeLocalImage'>;

export function AnalyzeDialog({
  image,
  onClose,
}: {
  image: ImageSummary;
  onClose: () => void;
}): React.JSX.Element {
  const m = useMessages(imagesMsg);
  const job = useJob<Analysis>('analyze');
  const started = useRef(false);
  const ref = image.repoTags[0] ?? image.id;
  const { run } = job;
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run((jobId) => call('analyzeLocalImage', { ref, jobId })).then((result) => {
      if (!result) return;
      // The archive store owns (and later closes) the session from here on.
      useStore.getState().showLocalAnalysis(displayName(image), result);
      showView('archive');
      closeRef.current();
    });
  }, [run, ref, image]);

  const s = job.state;
  return (
    <Modal
      title={m.analyzeTitle(displayName(image))}
      onClose={s.status === 'running' || s.status === 'idle' ? undefined : onClose}
      testId="analyze-dialog"
      wide
      actions={
        <button
          type="button"
          className="primary"
          onClick={onClose}
          disabled={s.status === 'running' || s.status === 'idle'}
        >
          {m.close}
        </button>
      }
    >
      <p className="explain">{m.analyzeExplain}</p>
      {s.status === 'running' && <JobProgress jobId={s.jobId} label={m.analyzing(ref)} />}
      {s.status === 'cancelled' && <p className="muted">{m.cancelled}</p>}
      {s.status === 'error' && <ErrorNote error={readableError(s)} />}
    </Modal>
  );
}
