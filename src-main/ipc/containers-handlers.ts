/** The containers channels: thin glue from parsed arguments to the docker/containers functions. */
import type { ContainersChannel } from '../../src-shared/contract/names/containers';
import { commitContainer } from '../docker/commit';
import { execInContainer } from '../docker/containers/exec';
import { containerChanges, inspectContainer } from '../docker/containers/inspect';
import {
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
} from '../docker/containers/lifecycle';
import { listContainers } from '../docker/containers/list';
import { readContainerLogs } from '../docker/containers/logs';
import { runContainer } from '../docker/containers/run';
import { streamFailure } from '../docker/transfer/engine-gone';
import { followContainerLogs } from '../services/log-streams';
import { AppError } from './app-error';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function containersHandlers(ctx: MainContext): HandlerMap<ContainersChannel> {
  return {
    listContainers: async (args) => listContainers(ctx.engine(), { size: args?.size ?? false }),
    runContainer: async (spec) => {
      if (!spec.jobId) return runContainer(ctx.engine(), spec);
      const job = ctx.jobs.start(spec.jobId);
      try {
        return await runContainer(ctx.engine(), spec, job.signal);
      } finally {
        ctx.jobs.finish(spec.jobId);
      }
    },
    startContainer: async ({ id }) => ({ started: await startContainer(ctx.engine(), id) }),
    stopContainer: async ({ id, timeoutSeconds }) => ({
      stopped: await stopContainer(ctx.engine(), id, timeoutSeconds),
    }),
    restartContainer: async ({ id, timeoutSeconds }) => {
      await restartContainer(ctx.engine(), id, timeoutSeconds);
      return { restarted: true as const };
    },
    removeContainer: async ({ id, force, volumes }) => {
      await removeContainer(ctx.engine(), id, { force, volumes });
      return { removed: true as const };
    },
    inspectContainer: async ({ id, size }) => inspectContainer(ctx.engine(), id, { size }),
    containerChanges: async ({ id }) => containerChanges(ctx.engine(), id),
    containerLogs: async ({ id, tail, timestamps, since }) =>
      readContainerLogs(ctx.engine(), id, {
        timestamps,
        ...(tail !== undefined ? { tail } : {}),
        ...(since !== undefined ? { since } : {}),
      }),
    followLogs: async ({ id, jobId, tail, timestamps, since }) => {
      const job = ctx.jobs.start(jobId);
      try {
        const ended = await followContainerLogs(ctx.engine(), id, {
          timestamps,
          ...(tail !== undefined ? { tail } : {}),
          ...(since !== undefined ? { since } : {}),
          signal: job.signal,
          onChunk: (chunk) => ctx.events.emit('containerLogChunk', { jobId, ...chunk }),
        });
        return { ended };
      } catch (err) {
        // A stream that breaks mid-follow is most often the engine going away: say so.
        if (err instanceof AppError) throw err;
        throw await streamFailure(ctx.engine(), err, `log follow of ${id}`, job.signal);
      } finally {
        ctx.jobs.finish(jobId);
      }
    },
    execInContainer: async ({ id, cmd, env, workingDir, user, timeoutSeconds }) =>
      execInContainer(ctx.engine(), id, {
        cmd,
        timeoutSeconds,
        ...(env ? { env } : {}),
        ...(workingDir ? { workingDir } : {}),
        ...(user ? { user } : {}),
      }),
    commitContainer: async (spec) => commitContainer(ctx.engine(), spec),
  };
}
