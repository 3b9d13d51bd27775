/** Handlers of the transfer channels: save/load archives, pull/push, registry login, reference parsing. */
import { isAbsolute } from 'node:path';
import type { TransferChannel } from '../../src-shared/contract/names/transfer';
import { parseImageReference } from '../../src-shared/image-reference';
import { RegistryCredentials } from '../docker/registry-auth/credential-store';
import { loadImagesFromFile } from '../docker/transfer/load-images';
import { parseRef, pullImage, pushImage } from '../docker/transfer/pull-push';
import { resolveSaveSelection } from '../docker/transfer/save-names';
import { saveImagesToFile } from '../docker/transfer/save-images';
import { AppError } from './app-error';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export interface TransferDeps {
  /** Where the docker CLI's config.json lives (default $DOCKER_CONFIG or ~/.docker). */
  dockerConfigDir?: string;
}

export function transferHandlers(ctx: MainContext, deps: TransferDeps = {}): HandlerMap<TransferChannel> {
  const credentials = new RegistryCredentials(
    deps.dockerConfigDir ? { configDir: deps.dockerConfigDir } : {},
  );
  /** Runs a job under its ID: cancellable with cancelJob, progress as jobProgress events. */
  const job = async <T>(jobId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = ctx.jobs.start(jobId);
    try {
      return await run(controller.signal);
    } finally {
      ctx.jobs.finish(jobId);
    }
  };
  const progress =
    (jobId: string, phase: string) =>
    (p: { bytesDone: number; bytesTotal: number; current?: string }): void =>
      ctx.events.emit('jobProgress', {
        jobId,
        phase,
        bytesDone: p.bytesDone,
        bytesTotal: Math.max(p.bytesTotal, p.bytesDone),
        ...(p.current ? { current: p.current } : {}),
      });

  return {
    saveImages: async ({ refs, repositories, destPath, gzip, jobId }) => {
      if (!isAbsolute(destPath))
        throw new AppError('INVALID_ARGUMENT', 'the destination must be an absolute path');
      return job(jobId, async (signal) => {
        const docker = ctx.engine();
        const selection = await resolveSaveSelection(docker, refs, repositories ?? []);
        const out = await saveImagesToFile(docker, {
          names: selection.names,
          destPath,
          gzip,
          estimatedBytes: selection.estimatedBytes,
          signal,
          onProgress: progress(jobId, 'save'),
        });
        return { bytes: out.bytes, images: selection.names, path: destPath };
      });
    },
    loadImages: async ({ path, jobId }) => {
      if (!isAbsolute(path)) throw new AppError('INVALID_ARGUMENT', 'the archive path must be absolute');
      return job(jobId, (signal) =>
        loadImagesFromFile(ctx.engine(), path, { signal, onProgress: progress(jobId, 'load') }),
      );
    },
    // The job starts before the credentials are looked up (a helper can take a while), so a
    // cancel that comes meanwhile is not lost.
    pullImage: async ({ ref, jobId }) =>
      job(jobId, async (signal) => {
        const auth = await credentials.forRegistry(parseRef(ref).registry);
        if (signal.aborted) throw new AppError('CANCELLED', 'The pull was cancelled');
        return pullImage(ctx.engine(), ref, { auth, signal, onProgress: progress(jobId, 'pull') });
      }),
    pushImage: async ({ ref, jobId }) =>
      job(jobId, async (signal) => {
        const auth = await credentials.forRegistry(parseRef(ref).registry);
        if (signal.aborted) throw new AppError('CANCELLED', 'The push was cancelled');
        return pushImage(ctx.engine(), ref, { auth, signal, onProgress: progress(jobId, 'push') });
      }),
    registryLogin: async (req) => {
      const { status } = await credentials.login(ctx.engine(), req);
      return { ok: true, status };
    },
    parseReference: async ({ ref }) => {
      try {
        const r = parseImageReference(ref.trim());
        return { reference: { ...r }, problem: null };
      } catch (err) {
        return { reference: null, problem: (err as Error).message };
      }
    },
  };
}
