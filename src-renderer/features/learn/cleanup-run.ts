/** Lists what the lessons made and removes it item by item, through the same channels as the rest of the window. */
import { call, errorMessage, IpcCallError } from '../../ipc/client';
import { failureResult, planCleanup, type CleanupItem, type CleanupResult } from './lesson-cleanup';

/** The lesson-made objects the connected engine has now. */
export async function listLessonObjects(committedId: string | null): Promise<CleanupItem[]> {
  const [containers, images] = await Promise.all([
    call('listContainers'),
    call('listImages', { includeDangling: true }),
  ]);
  return planCleanup(containers, images, committedId);
}

async function removeOne(item: CleanupItem): Promise<boolean> {
  switch (item.kind) {
    case 'container':
      // `docker rm -f`: stops it (kill) and removes it with its writable layer.
      await call('removeContainer', { id: item.id, force: true, volumes: false });
      return false;
    case 'tag':
      return !(await call('untagImage', { ref: item.ref })).imageRemains;
    case 'image':
      // Never forced: an image a container still uses stays (and says so).
      return !(await call('removeImage', { ref: item.id, force: false })).imageRemains;
  }
}

/** Removes one item; a failure becomes its result (NOT_FOUND: already gone). */
export async function removeItem(item: CleanupItem): Promise<CleanupResult> {
  try {
    return { status: 'removed', deletedImage: await removeOne(item) };
  } catch (err) {
    return failureResult(err instanceof IpcCallError ? err.code : undefined, errorMessage(err));
  }
}
