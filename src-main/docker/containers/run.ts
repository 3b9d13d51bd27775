/**
 * `docker run` from a validated RunSpec: the Engine API create body is built here, field by field,
 * so nothing the renderer sends reaches the engine unmapped.
 */
import type { Readable } from 'node:stream';
import type { ExecResult, RunResult } from '../../../src-shared/containers-dto';
import type { RunSpec } from '../../../src-shared/containers-spec';
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { streamFailure } from '../transfer/engine-gone';
import { CappedBuffer, createDemuxer } from './demux';
import { dialJson } from './dial';
import { killContainer, startContainer } from './lifecycle';
import { openWait } from './wait';

/** Each stream of an attached run is kept up to this many bytes. */
export const RUN_OUTPUT_CAP = 1024 * 1024;

/** The subset of `POST /containers/create`'s body we send (Engine API 1.41). */
export interface CreateContainerBody {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env: string[];
  Tty: boolean;
  OpenStdin: false;
  AttachStdin: false;
  AttachStdout: boolean;
  AttachStderr: boolean;
  WorkingDir?: string;
  User?: string;
  ExposedPorts: Record<string, Record<string, never>>;
  HostConfig: {
    NetworkMode: string;
    PortBindings: Record<string, Array<{ HostIp: string; HostPort: string }>>;
    Binds: string[];
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    AutoRemove: boolean;
  };
}

export function buildCreateBody(spec: RunSpec): CreateContainerBody {
  const portBindings: CreateContainerBody['HostConfig']['PortBindings'] = {};
  const exposed: CreateContainerBody['ExposedPorts'] = {};
  for (const p of spec.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    // HostPort '' asks the engine for a free port, as `-p 80` does.
    (portBindings[key] ??= []).push({
      HostIp: p.hostIp,
      HostPort: p.hostPort === 0 ? '' : String(p.hostPort),
    });
  }
  const binds = [
    ...spec.binds.map((b) => `${b.hostPath}:${b.containerPath}${b.readOnly ? ':ro' : ''}`),
    ...spec.volumes.map((v) => `${v.name}:${v.containerPath}${v.readOnly ? ':ro' : ''}`),
  ];
  return {
    Image: spec.image,
    ...(spec.command ? { Cmd: spec.command } : {}),
    ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
    Env: spec.env,
    Tty: spec.tty,
    OpenStdin: false,
    AttachStdin: false,
    AttachStdout: !spec.detach,
    AttachStderr: !spec.detach,
    ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
    ...(spec.user ? { User: spec.user } : {}),
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: spec.networkMode,
      PortBindings: portBindings,
      Binds: binds,
      RestartPolicy: {
        Name: spec.restartPolicy.name,
        MaximumRetryCount: spec.restartPolicy.maximumRetryCount,
      },
      AutoRemove: spec.autoRemove,
    },
  };
}

/** Creates the container (not started); returns its ID and the engine's warnings. */
export async function createContainer(
  docker: EngineClient,
  spec: RunSpec,
): Promise<{ id: string; warnings: string[] }> {
  try {
    const res = await dialJson<{ Id: string; Warnings?: string[] | null }>(docker, {
      path: '/containers/create',
      method: 'POST',
      query: spec.name ? { name: spec.name } : {},
      body: buildCreateBody(spec),
      statusCodes: {
        200: true,
        201: true,
        400: 'bad parameter',
        404: 'no such image',
        409: 'conflict',
        500: 'server error',
      },
    });
    return { id: res.Id, warnings: res.Warnings ?? [] };
  } catch (err) {
    throw toAppError(err, `Creating a container from ${spec.image}`);
  }
}

/** Reads a demultiplexed stream to its end into two capped buffers. */
export function collectOutput(
  stream: Readable,
  tty: boolean,
  cap: number,
): Promise<{ out: CappedBuffer; err: CappedBuffer }> {
  const demux = createDemuxer(tty);
  const out = new CappedBuffer(cap);
  const err = new CappedBuffer(cap);
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      for (const piece of demux.push(chunk)) (piece.stream === 'stdout' ? out : err).add(piece.bytes);
    });
    stream.once('end', () => resolve({ out, err }));
    stream.once('close', () => resolve({ out, err }));
    stream.once('error', reject);
  });
}

/**
 * Runs a container. Detached: create, start, answer the ID. Attached: attach and register the
 * wait BEFORE starting, so neither early output nor a fast exit is missed (an auto-removed
 * container waits for `removed`, as the docker CLI does, or it could vanish under the wait).
 */
export async function runContainer(
  docker: EngineClient,
  spec: RunSpec,
  signal?: AbortSignal,
): Promise<RunResult> {
  const { id, warnings } = await createContainer(docker, spec);
  const cancelled = (): AppError => new AppError('CANCELLED', `The run of container ${id} was cancelled`);
  /** A run cancelled before its container started leaves no container (it never ran). */
  const dropIfCancelled = async (): Promise<void> => {
    if (!signal?.aborted) return;
    await docker
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined);
    throw cancelled();
  };
  await dropIfCancelled();
  if (spec.detach) {
    await startContainer(docker, id);
    return { id, warnings, exit: null };
  }
  const container = docker.getContainer(id);
  let stream: Readable;
  try {
    stream = (await container.attach({
      stream: true,
      stdout: true,
      stderr: true,
      logs: true,
    })) as unknown as Readable;
  } catch (err) {
    throw toAppError(err, `Attaching to container ${id}`);
  }
  // Ended in `finally`, so a failed start leaves no wait request hanging on the socket.
  const waitAbort = new AbortController();
  const output = collectOutput(stream, spec.tty, RUN_OUTPUT_CAP);
  output.catch(() => undefined);
  const onAbort = (): void => void killContainer(docker, id).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // A cancel that came while creating or attaching found nothing to kill yet.
    await dropIfCancelled();
    // Registered before the start: the engine answers the wait's headers once it holds it, so
    // even an instant exit is seen (sent but not yet held, a `next-exit` wait could miss it).
    const { exited } = await openWait(
      docker,
      id,
      spec.autoRemove ? 'removed' : 'next-exit',
      waitAbort.signal,
    ).catch((err: unknown) => {
      throw toAppError(err, `Waiting for container ${id}`);
    });
    exited.catch(() => undefined);
    await startContainer(docker, id);
    if (signal?.aborted) onAbort();
    const status = await exited.catch(async (err: unknown) => {
      // The wait broke off: the engine going away is said as such.
      const answered = typeof (err as { statusCode?: unknown }).statusCode === 'number';
      const cause = answered ? toAppError(err, `Waiting for container ${id}`) : err;
      throw await streamFailure(docker, cause, `run of container ${id}`, signal);
    });
    const { out, err } = await output;
    if (signal?.aborted) throw cancelled();
    const exit: ExecResult = {
      exitCode: status.StatusCode ?? null,
      stdout: out.text(),
      stderr: err.text(),
      stdoutTruncated: out.truncated,
      stderrTruncated: err.truncated,
      timedOut: false,
    };
    return { id, warnings, exit };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    waitAbort.abort();
    stream.destroy();
  }
}
