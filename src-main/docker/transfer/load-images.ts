/**
 * Loads an archive file into the engine (`POST /images/load`), reporting the bytes of the file
 * sent so far. What dockerd 20.10 accepts (tar, gzip, bzip2, xz) is sent as it is: over a plain
 * socket where the engine has one (engine-post.ts), else through dockerode (TLS, ssh). zstd is
 * decompressed on the way (through dockerode); an OCI-only archive is converted to the
 * docker-archive layout first (services/convert-archive.ts). Load errors arrive inside the HTTP
 * 200 stream and are raised here.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { createDecompressor } from '../../archive/compression/decompress';
import { sniffCompression } from '../../archive/compression/sniff';
import { WriteFileError } from '../../fs/write-error';
import { AppError, writeAppError } from '../../ipc/app-error';
import {
  convertOciArchive,
  isOciOnly,
  NotOciArchiveError,
  tarMemberNames,
} from '../../services/convert-archive';
import type { EngineClient } from '../engine-client';
import { streamFailure } from './engine-gone';
import { plainTargetOf, type PlainTarget } from './engine-get';
import { enginePostFile } from './engine-post';
import { consumeJsonStream, type JsonMessage } from './json-stream';

export interface LoadProgress {
  bytesDone: number;
  bytesTotal: number;
  current?: string;
}

export interface LoadOptions {
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
}

export interface LoadOutcome {
  /** `repo:tag` for tagged images, `sha256:...` for images saved by ID. */
  loaded: string[];
  converted: boolean;
}

const PROGRESS_EVERY_MS = 100;

/** The tags and IDs from `Loaded image: x:y` / `Loaded image ID: sha256:...` lines. */
export function loadedFrom(m: JsonMessage): string | null {
  const text = m.stream?.trim() ?? '';
  const id = /^Loaded image ID: (sha256:[0-9a-f]{64})$/.exec(text);
  if (id) return id[1]!;
  const tag = /^Loaded image: (\S+)$/.exec(text);
  return tag ? tag[1]! : null;
}

/**
 * dockerd < 25 falls back to the pre-1.10 loader when manifest.json is missing, which fails on
 * an OCI layout with "open .../blobs/json: no such file or directory" (or .../repositories).
 */
const looksLikeMissingManifest = (msg: string): boolean =>
  /(repositories|manifest\.json|\/json)\b.*no such file/i.test(msg);

async function sniffPath(path: string): Promise<{ kind: ReturnType<typeof sniffCompression>; size: number }> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new AppError(
      'NOT_FOUND',
      `Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new AppError('INVALID_ARGUMENT', `${path} is not a regular file`);
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    return { kind: sniffCompression(head.subarray(0, bytesRead)), size: st.size };
  } finally {
    await fh.close();
  }
}

/** The engine's answer to one load request (JSON lines), and what to release once it is read. */
interface LoadRequest {
  answer: AsyncIterable<Uint8Array | string>;
  close(): void;
}

/**
 * The file as it is, over a plain socket where the engine has one (engine-post.ts: large reads
 * into reused buffers, written straight to the socket).
 */
async function postFile(
  target: PlainTarget,
  path: string,
  opts: LoadOptions,
  onBytes: (n: number) => void,
): Promise<LoadRequest> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const answer = await enginePostFile(
      target,
      '/images/load?quiet=1',
      { handle, size, contentType: 'application/x-tar' },
      { signal: opts.signal, onSent: onBytes },
    );
    return {
      answer,
      close: () => {
        answer.destroy();
        void handle.close().catch(() => undefined);
      },
    };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

/** Through dockerode: TLS and ssh engines, and a zstd file decompressed on the way. */
async function streamFile(
  docker: EngineClient,
  path: string,
  decompress: boolean,
  opts: LoadOptions,
  onBytes: (n: number) => void,
): Promise<LoadRequest> {
  let done = 0;
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      done += chunk.byteLength;
      onBytes(done);
      cb(null, chunk);
    },
  });
  file.on('error', (e) => counter.destroy(e));
  let body: Readable = file.pipe(counter);
  if (decompress) {
    const decoder = createDecompressor('zstd', { label: basename(path) });
    counter.on('error', (e) => decoder.destroy(e));
    body = counter.pipe(decoder);
  }
  try {
    const answer = (await docker.loadImage(body, { quiet: true, abortSignal: opts.signal })) as Readable;
    return { answer, close: () => file.destroy() };
  } catch (err) {
    file.destroy();
    throw err;
  }
}

/** One load request; resolves with what the engine reported, in-stream error included. */
async function sendToEngine(
  docker: EngineClient,
  path: string,
  decompress: boolean,
  opts: LoadOptions,
): Promise<{ loaded: string[]; error: string | null }> {
  const { size } = await sniffPath(path);
  let done = 0;
  let last = 0;
  const report = (force: boolean): void => {
    const now = performance.now();
    if (!opts.onProgress || (!force && now - last < PROGRESS_EVERY_MS)) return;
    last = now;
    opts.onProgress({ bytesDone: done, bytesTotal: size, current: basename(path) });
  };
  const onBytes = (n: number): void => {
    done = n;
    report(false);
  };
  let request: LoadRequest | undefined;
  try {
    const target = decompress ? null : await plainTargetOf(docker);
    request = target
      ? await postFile(target, path, opts, onBytes)
      : await streamFile(docker, path, decompress, opts, onBytes);
    const loaded: string[] = [];
    const outcome = await consumeJsonStream(request.answer, (m) => {
      const name = loadedFrom(m);
      if (name) loaded.push(name);
    });
    report(true);
    return { loaded, error: outcome.error?.message ?? null };
  } catch (err) {
    throw await streamFailure(docker, err, 'load', opts.signal, 'BAD_ARCHIVE');
  } finally {
    request?.close();
  }
}

export async function loadImagesFromFile(
  docker: EngineClient,
  path: string,
  opts: LoadOptions = {},
): Promise<LoadOutcome> {
  const { kind } = await sniffPath(path);
  if (kind === 'unknown') {
    throw new AppError(
      'BAD_ARCHIVE',
      `${basename(path)} is not an image archive: neither a tar nor a gzip, bzip2, xz or zstd file`,
    );
  }
  if (kind === 'none' && isOciOnly(await tarMemberNames(path).catch(() => new Set<string>()))) {
    return loadConverted(docker, path, opts);
  }
  const first = await sendToEngine(docker, path, kind === 'zstd', opts);
  if (first.error && looksLikeMissingManifest(first.error) && kind !== 'none') {
    // Maybe a compressed OCI-only archive: only the engine's refusal tells us cheaply.
    return loadConverted(docker, path, opts, first.error);
  }
  return finish(first, false, path);
}

async function loadConverted(
  docker: EngineClient,
  path: string,
  opts: LoadOptions,
  engineRefusal?: string,
): Promise<LoadOutcome> {
  let converted;
  try {
    converted = await convertOciArchive(path, opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The load was cancelled');
    if (err instanceof WriteFileError) {
      // The archive is fine; the temp folder could not take the converted copy (disk full...).
      const { code, details } = writeAppError(err);
      const what = `Converting ${basename(path)} for this engine needs a temporary copy`;
      throw new AppError(code, `${what}: ${err.message}`, details);
    }
    if (engineRefusal !== undefined && err instanceof NotOciArchiveError) {
      throw new AppError('BAD_ARCHIVE', `The engine refused ${basename(path)}: ${engineRefusal}`);
    }
    throw new AppError(
      'BAD_ARCHIVE',
      `${basename(path)} is an OCI archive that could not be converted for this engine: ${(err as Error).message}`,
    );
  }
  try {
    return finish(await sendToEngine(docker, converted.path, false, opts), true, path);
  } finally {
    await converted.cleanup();
  }
}

function finish(
  r: { loaded: string[]; error: string | null },
  converted: boolean,
  path: string,
): LoadOutcome {
  if (r.error) throw new AppError('BAD_ARCHIVE', `The engine refused ${basename(path)}: ${r.error}`);
  if (r.loaded.length === 0)
    throw new AppError('BAD_ARCHIVE', `The engine loaded nothing from ${basename(path)}`);
  return { loaded: r.loaded, converted };
}
