/**
 * Pull and push with per-layer progress. Both answer HTTP 200 and then stream JSON progress
 * (`{id, status, progressDetail: {current, total}}`) with failures inside the stream, which are
 * raised here as AppErrors (dockerode's followProgress would resolve on them).
 */
import type { Readable } from 'node:stream';
import { parseImageReference, type ImageReference } from '../../../src-shared/image-reference';
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import type { EngineAuth } from '../registry-auth/auth-config';
import { streamFailure } from './engine-gone';
import { consumeJsonStream, type JsonMessage } from './json-stream';
import { LayerProgress, type TransferProgress } from './layer-progress';

export interface RegistryJobOptions {
  /** Credentials for the reference's registry, or null to go anonymous. */
  auth: EngineAuth | null;
  signal?: AbortSignal;
  onProgress?: (p: TransferProgress) => void;
}

const PROGRESS_EVERY_MS = 100;

export function parseRef(ref: string): ImageReference {
  try {
    return parseImageReference(ref);
  } catch (err) {
    throw new AppError('INVALID_ARGUMENT', (err as Error).message);
  }
}

/** The engine needs an X-Registry-Auth header on push even without credentials (an empty one will do). */
const authHeader = (auth: EngineAuth | null, registry: string): EngineAuth =>
  auth ?? { serveraddress: registry };

/** Maps an in-stream registry error to a code the window can act on. */
export function registryError(message: string, what: string): AppError {
  if (/not found|manifest unknown|does not exist|no such image/i.test(message))
    return new AppError('NOT_FOUND', `${what}: ${message}`);
  if (/unauthorized|denied|authentication required/i.test(message)) {
    return new AppError('INVALID_ARGUMENT', `${what}: ${message} (log in to the registry first)`);
  }
  return new AppError('INTERNAL', `${what}: ${message}`);
}

/**
 * Reads a pull or push stream to its end. `what` opens in-stream errors ("Pulling x: ..."); `job`
 * names the job when the stream itself breaks ("the engine stopped during the pull of x").
 */
async function follow(
  docker: EngineClient,
  stream: Readable,
  names: { what: string; job: string },
  opts: RegistryJobOptions,
  onMessage: (m: JsonMessage) => void,
): Promise<void> {
  const progress = new LayerProgress();
  let last = 0;
  let outcome: Awaited<ReturnType<typeof consumeJsonStream>>;
  try {
    outcome = await consumeJsonStream(stream, (m) => {
      onMessage(m);
      const change = progress.update(m);
      if (!change || !opts.onProgress) return;
      const now = performance.now();
      if (change === 'bytes' && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      opts.onProgress(progress.snapshot());
    });
  } catch (err) {
    throw await streamFailure(docker, err, names.job, opts.signal);
  }
  if (opts.signal?.aborted) throw new AppError('CANCELLED', `The ${names.job} was cancelled`);
  if (outcome.error) throw registryError(outcome.error.message, names.what);
  opts.onProgress?.(progress.snapshot());
}

export async function pullImage(
  docker: EngineClient,
  ref: string,
  opts: RegistryJobOptions,
): Promise<{ id: string; digest?: string }> {
  const r = parseRef(ref);
  const name = r.registry === 'docker.io' ? r.repository : `${r.registry}/${r.repository}`;
  let stream: Readable;
  try {
    stream = (await docker.createImage(authHeader(opts.auth, r.registry), {
      fromImage: name,
      tag: r.digest ?? r.tag ?? 'latest',
      abortSignal: opts.signal,
    })) as Readable;
  } catch (err) {
    throw await streamFailure(docker, toAppError(err, `Pulling ${r.familiar}`), 'pull', opts.signal);
  }
  let digest: string | undefined;
  const names = { what: `Pulling ${r.familiar}`, job: `pull of ${r.familiar}` };
  await follow(docker, stream, names, opts, (m) => {
    const d = /^Digest: (sha256:[0-9a-f]{64})/.exec(m.status ?? '');
    if (d) digest = d[1];
  });
  try {
    const info = (await docker
      .getImage(r.digest ? `${name}@${r.digest}` : `${name}:${r.tag ?? 'latest'}`)
      .inspect()) as { Id: string };
    return digest ? { id: info.Id, digest } : { id: info.Id };
  } catch (err) {
    throw toAppError(err, `Inspecting the pulled ${r.familiar}`);
  }
}

export async function pushImage(
  docker: EngineClient,
  ref: string,
  opts: RegistryJobOptions,
): Promise<{ digest?: string }> {
  const r = parseRef(ref);
  if (r.digest) throw new AppError('INVALID_ARGUMENT', 'Push a tag, not a digest');
  const name = r.registry === 'docker.io' ? r.repository : `${r.registry}/${r.repository}`;
  let stream: Readable;
  try {
    stream = (await docker.getImage(name).push({
      tag: r.tag ?? 'latest',
      authconfig: authHeader(opts.auth, r.registry),
      abortSignal: opts.signal,
    })) as Readable;
  } catch (err) {
    throw await streamFailure(docker, toAppError(err, `Pushing ${r.familiar}`), 'push', opts.signal);
  }
  let digest: string | undefined;
  const names = { what: `Pushing ${r.familiar}`, job: `push of ${r.familiar}` };
  await follow(docker, stream, names, opts, (m) => {
    const aux = m.aux?.['Digest'];
    if (typeof aux === 'string') digest = aux;
    const d = /digest: (sha256:[0-9a-f]{64})/.exec(m.status ?? '');
    if (d) digest ??= d[1];
  });
  return digest ? { digest } : {};
}
