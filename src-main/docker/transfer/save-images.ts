/**
 * Saves images into one archive file: `GET /images/get?names=...` streamed to a temp file beside
 * the target (optionally through gzip), checked while it streams (tar end blocks, manifest.json
 * or index.json), renamed into place only when whole. Cancel, an engine that dies, a full disk,
 * or a failed check leave no file behind.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { openAtomic, type AtomicWriter } from '../../fs/atomic-file';
import { WriteFileError } from '../../fs/write-error';
import { AppError, writeAppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { streamFailure } from './engine-gone';
import { engineGet, plainTargetOf } from './engine-get';
import { TarCheck } from './tar-check';

export interface SaveProgress {
  bytesDone: number;
  bytesTotal: number;
}

export interface SaveOptions {
  /** Tags or IDs, as the engine's `names` parameter takes them. */
  names: readonly string[];
  destPath: string;
  gzip?: boolean;
  /** Estimated tar size for progress (the images' sizes); the real figure may differ. */
  estimatedBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: SaveProgress) => void;
}

export interface SaveOutcome {
  /** Bytes of the file written. */
  bytes: number;
  /** Bytes of the uncompressed tar the engine sent. */
  tarBytes: number;
}

const PROGRESS_EVERY_MS = 100;
const CHUNK = 256 * 1024;

/** dockerode has `getImages` (GET /images/get, several names) but its typings lack it. */
interface SaveCapable {
  getImages(opts: { names: string[]; abortSignal?: AbortSignal }): Promise<unknown>;
}

/** The engine's tar, as batches of chunks (whatever arrived since the last batch was taken). */
interface SaveSource extends AsyncIterable<Buffer[]> {
  destroy(): void;
}

/**
 * `GET /images/get` over a plain socket where the engine has one (see engine-get.ts), else
 * through dockerode (TLS, ssh). Resolves once the engine has answered with success.
 */
async function openSave(
  docker: EngineClient,
  names: readonly string[],
  signal: AbortSignal | undefined,
  recycle: boolean,
): Promise<SaveSource> {
  const target = await plainTargetOf(docker);
  if (target) {
    const query = names.map((n) => `names=${encodeURIComponent(n)}`).join('&');
    return engineGet(target, `/images/get?${query}`, { signal, recycle });
  }
  const stream = (await (docker as unknown as SaveCapable).getImages({
    names: [...names],
    abortSignal: signal,
  })) as Readable;
  return {
    destroy: () => stream.destroy(),
    async *[Symbol.asyncIterator]() {
      for await (const chunk of stream) yield [chunk as Buffer];
    },
  };
}

export async function saveImagesToFile(docker: EngineClient, opts: SaveOptions): Promise<SaveOutcome> {
  const { signal } = opts;
  const cancelled = (): AppError => new AppError('CANCELLED', 'The save was cancelled');
  if (signal?.aborted) throw cancelled();
  // The destination first: a folder that is missing, read-only or a file name that is a folder
  // is refused before the engine starts the save.
  let writer: AtomicWriter;
  try {
    writer = await openAtomic(opts.destPath);
  } catch (err) {
    throw err instanceof WriteFileError ? writeAppError(err) : err;
  }
  let source: SaveSource;
  try {
    // Without gzip each batch is written before the next is taken, so the read buffers can be
    // reused; zlib holds on to its input, so with gzip they cannot.
    source = await openSave(docker, opts.names, signal, !opts.gzip);
  } catch (err) {
    await writer.abort();
    if (signal?.aborted) throw cancelled();
    throw toAppError(err, `Saving ${opts.names.join(', ')}`);
  }
  const check = new TarCheck('saved images');
  let lastReport = 0;
  const report = (force: boolean): void => {
    const now = performance.now();
    if (!opts.onProgress || (!force && now - lastReport < PROGRESS_EVERY_MS)) return;
    lastReport = now;
    const total = Math.max(opts.estimatedBytes ?? 0, check.bytes);
    opts.onProgress({ bytesDone: check.bytes, bytesTotal: force ? check.bytes : total });
  };
  const inspect = (batch: readonly Buffer[]): void => {
    for (const chunk of batch) check.write(chunk);
    report(false);
  };
  let written: number;
  try {
    const job: WriteJob = { source, inspect, writer, signal };
    written = await (opts.gzip ? writeGzip(job) : writePlain(job));
    try {
      check.finish();
    } catch (err) {
      throw new AppError('INTERNAL', (err as Error).message);
    }
    await writer.commit();
  } catch (err) {
    await writer.abort();
    source.destroy();
    // A full disk or a folder that went away is said as such (not "the save failed").
    if (err instanceof WriteFileError && !signal?.aborted) throw writeAppError(err);
    throw await streamFailure(docker, err, 'save', signal);
  }
  report(true);
  return { bytes: written, tarBytes: check.bytes };
}

/** The engine's tar, what checks each batch, and the file it goes to. */
interface WriteJob {
  source: SaveSource;
  inspect: (batch: readonly Buffer[]) => void;
  writer: AtomicWriter;
  signal: AbortSignal | undefined;
}

/** Each batch is checked, then goes to the file in one writev; returns the bytes written. */
async function writePlain({ source, inspect, writer, signal }: WriteJob): Promise<number> {
  let written = 0;
  for await (const batch of source) {
    inspect(batch);
    await writer.writev(batch);
    for (const b of batch) written += b.byteLength;
    if (signal?.aborted) throw new AppError('CANCELLED', 'The save was cancelled');
  }
  return written;
}

/** Checks the tar before compression; returns the bytes of gzip written. */
async function writeGzip({ source, inspect, writer, signal }: WriteJob): Promise<number> {
  let written = 0;
  async function* checked(): AsyncGenerator<Buffer> {
    for await (const batch of source) {
      inspect(batch);
      yield* batch;
    }
  }
  // Chunks that queue up while a write is in flight go down in one writev.
  const sink = new Writable({
    highWaterMark: 4 * CHUNK,
    write(chunk: Buffer, _enc, cb) {
      written += chunk.byteLength;
      writer.write(chunk).then(() => cb(), cb);
    },
    writev(chunks, cb) {
      const parts = chunks.map((c) => c.chunk as Buffer);
      for (const p of parts) written += p.byteLength;
      writer.writev(parts).then(() => cb(), cb);
    },
  });
  await pipeline(
    Readable.from(checked()),
    createGzip({ level: 6, chunkSize: CHUNK }),
    sink,
    signal ? { signal } : {},
  );
  return written;
}
