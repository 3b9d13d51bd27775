/** Handlers of the learn channels: the lessons' environment, loopback pages, an archive's structure. */
import type { LearnChannel } from '../../src-shared/contract/names/learn';
import { archiveStructure } from '../learn/archive-structure';
import { fetchLoopback } from '../learn/fetch-loopback';
import { DEFAULT_SAMPLES_DIR, learnEnvironment } from '../learn/learn-environment';
import { AppError } from './app-error';
import { archiveAppError } from './archive-handlers';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function learnHandlers(
  ctx: MainContext,
  opts: { samplesDir?: string } = {},
): HandlerMap<LearnChannel> {
  return {
    learnEnvironment: () => learnEnvironment(ctx.engine(), opts.samplesDir ?? DEFAULT_SAMPLES_DIR),
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
  };
}
