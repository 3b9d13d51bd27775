import { ArchiveError } from '../archive/model';
import type { AnalysisHost } from '../services/analysis-host';
import { AppError } from './app-error';
import type { EventHub } from './event-hub';
import type { HandlerMap } from './handlers';
import type { JobRegistry } from './jobs';

export interface ArchiveDeps {
  analysis: AnalysisHost;
  events: EventHub;
  jobs: JobRegistry;
}

/** Archive errors cross IPC with their file and reason kept apart. */
export function archiveAppError(err: unknown): unknown {
  if (!(err instanceof ArchiveError)) return err;
  if (err.code === 'CANCELLED') return new AppError('CANCELLED', err.message);
  return new AppError('BAD_ARCHIVE', err.message, { file: err.file, reason: err.reason, kind: err.code });
}

export function archiveHandlers(deps: ArchiveDeps): HandlerMap<'openArchive' | 'cancelJob' | 'archiveChildren' | 'closeArchive'> {
  return {
    openArchive: async ({ path, jobId, verify, platform }) => {
      const job = deps.jobs.start(jobId);
      try {
        return await deps.analysis.analyze(
          { path, ...(verify ? { verify } : {}), ...(platform ? { platform } : {}) },
          {
            signal: job.signal,
            onProgress: (p) =>
              deps.events.emit('jobProgress', {
                jobId,
                phase: p.phase,
                bytesDone: p.bytesDone,
                bytesTotal: p.bytesTotal,
                ...(p.currentLayer ? { current: p.currentLayer } : {}),
              }),
          },
        );
      } catch (err) {
        throw archiveAppError(err);
      } finally {
        deps.jobs.finish(jobId);
      }
    },
    cancelJob: async ({ jobId }) => ({ cancelled: deps.jobs.cancel(jobId) }),
    archiveChildren: async (req) => {
      try {
        return await deps.analysis.children(req);
      } catch (err) {
        if (err instanceof RangeError) throw new AppError('INVALID_ARGUMENT', err.message);
        throw archiveAppError(err);
      }
    },
    closeArchive: async ({ sessionId }) => ({ closed: await deps.analysis.close(sessionId) }),
  };
}
