import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { ArchiveError } from '../archive/model';
import type { ReadProgress } from '../archive/read/read-archive';
import { AppError } from './app-error';
import type { HandlerMap } from './handlers';
import type { MainContext } from './context';

/** Archive errors cross IPC with their file and reason kept apart. */
export function archiveAppError(err: unknown): unknown {
  if (!(err instanceof ArchiveError)) return err;
  if (err.code === 'CANCELLED') return new AppError('CANCELLED', err.message);
  return new AppError('BAD_ARCHIVE', err.message, { file: err.file, reason: err.reason, kind: err.code });
}

export const PREVIEW_BYTES = 1024 * 1024;

/** Text when it has no NUL byte and decodes as UTF-8 (a cut-off multi-byte character at the end is fine). */
export function looksLikeText(bytes: Uint8Array, truncated: boolean): boolean {
  if (bytes.includes(0)) return false;
  const body = truncated ? bytes.subarray(0, Math.max(0, bytes.byteLength - 3)) : bytes;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

type ArchiveChannels =
  | 'openArchive'
  | 'cancelJob'
  | 'archiveChildren'
  | 'readArchiveFile'
  | 'saveArchiveFile'
  | 'verifyArchive'
  | 'closeArchive';

export function archiveHandlers(deps: MainContext): HandlerMap<ArchiveChannels> {
  const progressTo =
    (jobId: string, phase?: string) =>
    (p: ReadProgress): void =>
      deps.events.emit('jobProgress', {
        jobId,
        phase: phase ?? p.phase,
        bytesDone: p.bytesDone,
        bytesTotal: p.bytesTotal,
        ...(p.currentLayer ? { current: p.currentLayer } : {}),
      });
  return {
    openArchive: async ({ path, jobId, verify, platform }) => {
      const job = deps.jobs.start(jobId);
      try {
        // A missing file is NOT_FOUND here as on every other channel, not a "bad archive".
        if (!(await stat(path).catch(() => null))) throw new AppError('NOT_FOUND', `No such file: ${path}`);
        return await deps.analysis.analyze(
          { path, ...(verify ? { verify } : {}), ...(platform ? { platform } : {}) },
          {
            signal: job.signal,
            onProgress: progressTo(jobId),
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
    readArchiveFile: async (req) => {
      try {
        const f = await deps.analysis.readFile({ ...req, maxBytes: PREVIEW_BYTES });
        const bytes = Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength);
        const isText = looksLikeText(bytes, f.truncated);
        return {
          kind: f.kind,
          size: f.size,
          truncated: f.truncated,
          isText,
          encoding: isText ? 'utf8' : 'base64',
          content: isText ? bytes.toString('utf8') : bytes.toString('base64'),
          linkTarget: f.linkTarget,
        };
      } catch (err) {
        if (err instanceof RangeError) throw new AppError('INVALID_ARGUMENT', err.message);
        throw archiveAppError(err);
      }
    },
    saveArchiveFile: async ({ destPath, jobId, ...req }) => {
      if (!isAbsolute(destPath))
        throw new AppError('INVALID_ARGUMENT', 'the destination must be an absolute path');
      const job = deps.jobs.start(jobId);
      try {
        return { bytes: await deps.analysis.saveFile(req, destPath, job.signal) };
      } catch (err) {
        if (err instanceof RangeError) throw new AppError('INVALID_ARGUMENT', err.message);
        throw archiveAppError(err);
      } finally {
        deps.jobs.finish(jobId);
      }
    },
    verifyArchive: async ({ sessionId, jobId }) => {
      const job = deps.jobs.start(jobId);
      try {
        return await deps.analysis.verify(sessionId, {
          signal: job.signal,
          onProgress: progressTo(jobId, 'verify'),
        });
      } catch (err) {
        throw archiveAppError(err);
      } finally {
        deps.jobs.finish(jobId);
      }
    },
    closeArchive: async ({ sessionId }) => ({ closed: await deps.analysis.close(sessionId) }),
  };
}
