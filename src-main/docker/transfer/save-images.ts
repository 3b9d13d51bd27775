/**
 * Saves images into one archive file: `GET /images/get?names=...` streamed to a temp file beside
 * the target (optionally through gzip), checked while it streams (tar end blocks, manifest.json
 * or index.json), renamed into place only when whole. Cancel, an engine that dies, or a failed
 * check leave no file behind.
 */
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { openAtomic } from '../../fs/atomic-file';
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { streamFailure } from './engine-gone';
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

/** dockerode has `getImages` (GET /images/get, several names) but its typings lack it. */
interface SaveCapable {
  getImages(opts: { names: string[]; abortSignal?: AbortSignal }): Promise<unknown>;
}
const CHUNK = 256 * 1024;

export async function saveImagesToFile(docker: EngineClient, opts: SaveOptions): Promise<SaveOutcome> {
  const { signal } = opts;
  if (signal?.aborted) throw new AppError('CANCELLED', 'The save was cancelled');
  let source: Readable;
  try {
    source = (await (docker as unknown as SaveCapable).getImages({
      names: [...opts.names],
      abortSignal: signal,
    })) as Readable;
  } catch (err) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'The save was cancelled');
    throw toAppError(err, `Saving ${opts.names.join(', ')}`);
  }
  let writer;
  try {
    writer = await openAtomic(opts.destPath);
  } catch (err) {
    source.destroy();
    throw new AppError('INVALID_ARGUMENT', `Cannot write beside ${opts.destPath}: ${(err as Error).message}`);
  }
  const check = new TarCheck('saved images');
  let written = 0;
  let lastReport = 0;
  const report = (force: boolean): void => {
    const now = performance.now();
    if (!opts.onProgress || (!force && now - lastReport < PROGRESS_EVERY_MS)) return;
    lastReport = now;
    const total = Math.max(opts.estimatedBytes ?? 0, check.bytes);
    opts.onProgress({ bytesDone: check.bytes, bytesTotal: force ? check.bytes : total });
  };
  const inspect = (chunk: Buffer): void => {
    check.write(chunk);
    report(false);
  };
  // With gzip the check reads the tar before compression; without, the sink checks what it writes
  // (one stream hop less per chunk: reading the engine's stream is most of the CPU a save costs).
  const tee = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      inspect(chunk);
      cb(null, chunk);
    },
  });
  const inspectInSink = !opts.gzip;
  // Chunks that queue up while a write is in flight go down in one write (writev): the engine's
  // HTTP chunks are small, and each file write is a round trip through the thread pool.
  const sink = new Writable({
    highWaterMark: 4 * CHUNK,
    write(chunk: Buffer, _enc, cb) {
      if (inspectInSink) inspect(chunk);
      written += chunk.byteLength;
      writer.write(chunk).then(() => cb(), cb);
    },
    writev(chunks, cb) {
      const parts = chunks.map((c) => c.chunk as Buffer);
      if (inspectInSink) parts.forEach(inspect);
      const buf = Buffer.concat(parts);
      written += buf.byteLength;
      writer.write(buf).then(() => cb(), cb);
    },
  });
  try {
    const options = signal ? { signal } : {};
    await (opts.gzip
      ? pipeline(source, tee, createGzip({ level: 6, chunkSize: CHUNK }), sink, options)
      : pipeline(source, sink, options));
    try {
      check.finish();
    } catch (err) {
      throw new AppError('INTERNAL', (err as Error).message);
    }
    await writer.commit();
  } catch (err) {
    await writer.abort();
    source.destroy();
    throw await streamFailure(docker, err, 'save', signal);
  }
  report(true);
  return { bytes: written, tarBytes: check.bytes };
}
