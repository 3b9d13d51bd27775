/**
 * "Clean up what the lessons made": a button under the lesson list and its confirmation, which
 * lists exactly the lesson-made containers, tags and unnamed images the engine has and the
 * archives the lessons wrote (a changed one shown as kept), removes them one by one and shows
 * each result. Disabled, with the reason, with no engine or while a lesson runs. Progress is not
 * touched.
 */
import { useId, useState } from 'react';
import { DialogActions } from '../../components/FormDialog';
import { Modal } from '../../components/Modal';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { listLessonObjects, removeItem } from './cleanup-run';
import { shortId } from './learn-names';
import { useLearnStore } from './learn-store';
import {
  allClean,
  anyKept,
  itemKey,
  removable,
  type CleanupItem,
  type CleanupResult,
} from './lesson-cleanup';
import { cleanupMsg } from './messages';
import { useAsync } from './use-async';

type M = typeof cleanupMsg.en;

export function LessonCleanup(): React.JSX.Element {
  const m = useMessages(cleanupMsg);
  const live = useStore((s) => s.engine.status === 'connected');
  const lessonRunning = useLearnStore((s) => Object.values(s.runs).some((r) => r?.status === 'running'));
  const [open, setOpen] = useState(false);
  const reasonId = useId();
  const reason = !live ? m.noEngine : lessonRunning ? m.lessonRunning : null;
  return (
    <div className="learn-cleanup">
      <button
        type="button"
        disabled={reason !== null}
        aria-describedby={reason ? reasonId : undefined}
        onClick={() => setOpen(true)}
        data-testid="learn-cleanup"
      >
        {m.button}
      </button>
      {reason && (
        <span className="muted small" id={reasonId} data-testid="learn-cleanup-reason">
          {reason}
        </span>
      )}
      {open && <CleanupDialog onClose={() => setOpen(false)} />}
    </div>
  );
}

function describe(item: CleanupItem, m: M): string {
  switch (item.kind) {
    case 'container':
      return m.container(item.name, item.state);
    case 'tag':
      return (item.lastName ? m.tagLast : m.tag)(item.ref, shortId(item.imageId));
    case 'image':
      return m.image(shortId(item.id));
    case 'file':
      if (item.state === 'same') return m.file(item.file.path, item.file.bytes);
      return (item.state === 'changed' ? m.fileChanged : m.fileOutside)(item.file.path);
  }
}

function resultText(item: CleanupItem, r: CleanupResult | 'working' | undefined, m: M): string {
  if (r === undefined) return '';
  if (r === 'working') return m.working;
  if (r.status === 'gone') return m.gone;
  if (r.status === 'kept') return m.kept;
  if (r.status === 'error') return `${m.failed}: ${r.message}`;
  if (item.kind !== 'tag') return m.removed;
  return r.deletedImage ? m.imageDeleted : m.untagged;
}

type Results = Record<string, CleanupResult | 'working'>;

function CleanupDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const m = useMessages(cleanupMsg);
  const committedIds = useLearnStore((s) => s.progress.committedIds);
  const savedFiles = useLearnStore((s) => s.progress.savedFiles);
  const listed = useAsync(
    () => listLessonObjects({ committedIds, savedFiles }),
    [committedIds.join(','), JSON.stringify(savedFiles)],
  );
  const [results, setResults] = useState<Results>({});
  const [phase, setPhase] = useState<'confirm' | 'running' | 'finished'>('confirm');
  const items = listed.status === 'ready' ? listed.value : [];

  const run = async (): Promise<void> => {
    setPhase('running');
    for (const item of items) {
      const key = itemKey(item);
      setResults((r) => ({ ...r, [key]: 'working' }));
      const result = await removeItem(item);
      setResults((r) => ({ ...r, [key]: result }));
    }
    setPhase('finished');
    // The pictures, the lessons' checks and the other views re-read the engine.
    useLearnStore.setState((s) => ({ version: s.version + 1 }));
    const { refreshImages, refreshContainers } = useStore.getState();
    void refreshImages();
    void refreshContainers();
  };

  const finalResults = items.map((i) => {
    const r = results[itemKey(i)];
    return r === 'working' ? undefined : r;
  });
  return (
    <Modal
      title={m.title}
      role="alertdialog"
      testId="learn-cleanup-dialog"
      onClose={phase === 'running' ? undefined : onClose}
      actions={
        <DialogActions
          cancel={phase === 'confirm' ? m.cancel : m.close}
          onCancel={onClose}
          cancelDisabled={phase === 'running'}
          primary={
            phase === 'finished'
              ? null
              : {
                  label: phase === 'running' ? m.removing : m.confirm,
                  disabled: phase === 'running' || !items.some(removable),
                  onClick: () => void run(),
                  className: 'primary danger',
                  testId: 'learn-cleanup-confirm',
                }
          }
        />
      }
    >
      {listed.status === 'loading' && <p className="muted">{m.listing}</p>}
      {listed.status === 'error' && (
        <p className="error" role="alert">
          {listed.message}
        </p>
      )}
      {listed.status === 'ready' && items.length === 0 && (
        <p data-testid="learn-cleanup-empty">{m.nothingLeft}</p>
      )}
      {items.length > 0 && (
        <>
          <p className="explain">{m.explain}</p>
          <ul className="learn-cleanup-items" data-testid="learn-cleanup-items">
            {items.map((item) => {
              const key = itemKey(item);
              const r = results[key];
              const status = r === undefined ? 'pending' : r === 'working' ? 'working' : r.status;
              return (
                <li key={key} data-item={key} data-status={status}>
                  <span>{describe(item, m)}</span>
                  {r !== undefined && (
                    <span className={status === 'error' ? 'error' : 'muted'}>
                      {' '}
                      — {resultText(item, r, m)}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {phase === 'finished' && (
        <p role="status" data-testid="learn-cleanup-summary">
          {!allClean(finalResults) ? m.someFailed : anyKept(finalResults) ? m.doneKept : m.allDone}
        </p>
      )}
    </Modal>
  );
}
