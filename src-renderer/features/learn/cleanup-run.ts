/** Lists what the lessons made and removes it item by item, through the same channels as the rest of the window. */
import { call, errorMessage, IpcCallError } from '../../ipc/client';
import { failureResult, planCleanup, type CleanupItem, type CleanupResult } from './lesson-cleanup';
import type { Progress, SavedFile } from './progress';

/** Just the fields main takes (its schema is strict). */
const lessonFile = ({ path, bytes, writtenAt }: SavedFile): SavedFile => ({ path, bytes, writtenAt });

/** The lesson-made objects the connected engine has now, and the lessons' files still on disk. */
export async function listLessonObjects(
  progress: Pick<Progress, 'committedIds' | 'savedFiles'>,
): Promise<CleanupItem[]> {
  const files = progress.savedFiles.map(lessonFile);
  const [containers, images, states] = await Promise.all([
    call('listContainers'),
    call('listImages', { includeDangling: true }),
    files.length ? call('lessonFileStates', { files }) : Promise.resolve([]),
  ]);
  const checks = files.map((file, i) => ({ file, state: states[i] ?? 'gone' }));
  return planCleanup(containers, images, progress.committedIds, checks);
}

async function removeOne(item: CleanupItem): Promise<CleanupResult> {
  const removed = (deletedImage: boolean): CleanupResult => ({ status: 'removed', deletedImage });
  switch (item.kind) {
    case 'container':
      // `docker rm -f`: stops it (kill) and removes it with its writable layer.
      await call('removeContainer', { id: item.id, force: true, volumes: false });
      return removed(false);
    case 'tag':
      return removed(!(await call('untagImage', { ref: item.ref })).imageRemains);
    case 'image':
      // Never forced: an image a container still uses stays (and says so).
      return removed(!(await call('removeImage', { ref: item.id, force: false })).imageRemains);
    case 'file': {
      if (item.state !== 'same') return { status: 'kept' };
      // Main checks again: a file changed since the listing stays too.
      const { outcome } = await call('removeLessonFile', lessonFile(item.file));
      return outcome === 'removed'
        ? removed(false)
        : outcome === 'gone'
          ? { status: 'gone' }
          : { status: 'kept' };
    }
  }
}

/** Removes one item; a failure becomes its result (NOT_FOUND: already gone). */
export async function removeItem(item: CleanupItem): Promise<CleanupResult> {
  try {
    return await removeOne(item);
  } catch (err) {
    return failureResult(err instanceof IpcCallError ? err.code : undefined, errorMessage(err));
  }
}
