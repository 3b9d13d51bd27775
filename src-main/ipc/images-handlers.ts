/** Handlers of the images domain: thin, the work is in docker/images/ and services/. */
import type { ImagesChannel } from '../../src-shared/contract/names/images';
import { imageHistory } from '../docker/images/history';
import { imageLayers } from '../docker/images/layers';
import { tagImage, untagImage } from '../docker/images/references';
import { pruneDanglingImages, removeImage } from '../docker/images/remove';
import { loadImageGraph } from '../services/image-graph';
import { analyzeLocalImage } from '../services/local-image-analysis';
import { archiveAppError } from './archive-handlers';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function imagesHandlers(ctx: MainContext): HandlerMap<ImagesChannel> {
  return {
    imageHistory: ({ ref }) => imageHistory(ctx.engine(), ref),
    imageLayers: ({ ref }) => imageLayers(ctx.engine(), ref),
    imageGraph: () => loadImageGraph(ctx.engine()),
    tagImage: ({ ref, repo, tag }) => tagImage(ctx.engine(), ref, repo, tag),
    untagImage: ({ ref }) => untagImage(ctx.engine(), ref),
    removeImage: ({ ref, force }) => removeImage(ctx.engine(), ref, force),
    pruneImages: () => pruneDanglingImages(ctx.engine()),
    analyzeLocalImage: async ({ ref, jobId }) => {
      const job = ctx.jobs.start(jobId);
      try {
        return await analyzeLocalImage(ctx.engine(), ctx.analysis, ref, {
          signal: job.signal,
          onProgress: (p) =>
            ctx.events.emit('jobProgress', {
              jobId,
              phase: 'save',
              bytesDone: p.bytesDone,
              // The total is an estimate (the image size): never report less than what arrived.
              bytesTotal: Math.max(p.bytesTotal, p.bytesDone),
              ...(p.currentLayer ? { current: p.currentLayer } : {}),
            }),
        });
      } catch (err) {
        throw archiveAppError(err);
      } finally {
        ctx.jobs.finish(jobId);
      }
    },
  };
}
