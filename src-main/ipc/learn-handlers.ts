/**
 * Handlers of the learn channels: the lessons' environment, loopback pages, an archive's
 * structure, and the archives the lessons wrote (checked and deleted only in the lessons' folder).
 */
import type { LearnChannel } from '../../src-shared/contract/names/learn';
import { archiveStructure } from '../learn/archive-structure';
import { fetchLoopback } from '../learn/fetch-loopback';
import { DEFAULT_SAMPLES_DIR, defaultLessonDir, learnEnvironment } from '../learn/learn-environment';
import { lessonFileState, removeLessonFile } from '../learn/lesson-files';
import { AppError } from './app-error';
import { archiveAppError } from './archive-handlers';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function learnHandlers(
  ctx: MainContext,
  opts: { samplesDir?: string; workDir?: string } = {},
): HandlerMap<LearnChannel> {
  const workDir = opts.workDir ?? defaultLessonDir();
  return {
    learnEnvironment: () => learnEnvironment(ctx.engine(), opts.samplesDir ?? DEFAULT_SAMPLES_DIR, workDir),
    fetchLoopback: ({ url }) => fetchLoopback(url),
    archiveStructure: async ({ path }) => {
      try {
        return await archiveStructure(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT')
          throw new AppError('NOT_FOUND', `No such file: ${path}`);
        throw archiveAppError(err);
      }
    },
    lessonFileStates: ({ files }) => Promise.all(files.map((f) => lessonFileState(workDir, f))),
    removeLessonFile: async (file) => ({ outcome: await removeLessonFile(workDir, file) }),
  };
}
