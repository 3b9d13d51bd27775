/**
 * Two drivers for `TarParser`:
 *
 * - `walkTarAt` reads an uncompressed tar that sits in a file at some offset (a whole archive, or
 *   a `layer.tar` inside an uncompressed outer archive) with positioned reads. It reads batches
 *   of bytes around headers and jumps over file data it does not need, so a layer of big files
 *   costs a few reads per entry instead of reading every byte.
 * - `parseTarStream` feeds a stream (typically a decompressor's output) through the same parser.
 *
 * Both produce identical entries for the same tar: the parser does all the work.
 */
import { fstat, fstatSync, read as fsRead, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { ArchiveError } from '../model';
import { TarParser, type EntryHandler, type TarParserOptions, type TarSummary } from './tar-parser';

export interface WalkOptions extends TarParserOptions {
  /**
   * Bytes per positioned read while entries follow each other (default 1 MiB: on small files the
   * cost is per read, not per byte). After a jump over data, reads start at 8 KiB (or this, if smaller).
   */
  batchSize?: number;
  /**
   * Read with readSync, jumping over file data: blocks the thread (for short slices: see
   * walkSync), but a read costs ~2 us instead of ~50 us through the thread pool, so the walk
   * can read just the bytes around headers. For the CLI and worker threads.
   */
  syncReads?: boolean;
  /** With syncReads: bytes of the tar walked so far (read or jumped over), every PROGRESS_BYTES or so. */
  onProgress?: (bytesWalked: number) => void;
  signal?: AbortSignal;
}

/** Below this many bytes per entry in a batch, reading on beats jumping (see walkTarAt). */
const DENSE_BYTES_PER_ENTRY = 256 * 1024;

type ReadAt = (buf: Buffer, length: number, position: number) => Promise<number>;

function readerFor(file: number | FileHandle): ReadAt {
  if (typeof file === 'number') {
    return (buf, length, position) =>
      new Promise((resolve, reject) =>
        fsRead(file, buf, 0, length, position, (err, n) => (err ? reject(err) : resolve(n))),
      );
  }
  return async (buf, length, position) => (await file.read(buf, 0, length, position)).bytesRead;
}

async function fileSize(file: number | FileHandle): Promise<number> {
  if (typeof file !== 'number') return (await file.stat()).size;
  return new Promise((resolve, reject) => fstat(file, (err, st) => (err ? reject(err) : resolve(st.size))));
}

function checkAbort(signal: AbortSignal | undefined, label: string): void {
  if (signal?.aborted) throw new ArchiveError(label, 'cancelled', 'CANCELLED');
}

/**
 * Walks the tar stored in `file` at [start, start + length). Entry offsets are relative to
 * `start`. Data chunks given to a data callback are views into a reused read buffer.
 * The summary's `tarBytes` is `length`; bytes after the end-of-archive marker are not read.
 */
export async function walkTarAt(
  file: number | FileHandle,
  start: number,
  length: number,
  onEntry: EntryHandler,
  opts: WalkOptions = {},
): Promise<TarSummary> {
  const label = opts.label ?? 'tar';
  const parser = new TarParser(onEntry, { ...opts, label });
  if (opts.syncReads) {
    const fd = typeof file === 'number' ? file : file.fd;
    const available = Math.max(0, Math.min(length, fstatSync(fd).size - start));
    const summary = await walkSync(fd, start, available, parser, opts);
    return { ...summary, tarBytes: parser.finished ? length : summary.tarBytes };
  }
  const readAt = readerFor(file);
  // Jumps over data are not reads, so they would not notice a file cut short: bound the walk by
  // the real file size, and let the parser report a truncation where the bytes stop.
  const available = Math.max(0, Math.min(length, (await fileSize(file)) - start));
  const batch = Math.max(4096, opts.batchSize ?? 1024 * 1024);
  const afterJump = Math.min(batch, 8 * 1024);
  const bufs = [Buffer.allocUnsafe(batch), Buffer.allocUnsafe(batch)] as const;
  let cur = 0;
  // While one batch is parsed, the next contiguous one is read into the other buffer: with small
  // files that is where the next headers are, and overlapping the two keeps the walk CPU-bound.
  // That happens while batches are dense in headers (a read costs ~50 us, a MiB of copying ~150
  // us): with big files between headers, reading through would copy everything, so the walk
  // jumps over the data instead and reads just enough (8 KiB) for the next header.
  let prefetch: { pos: number; read: Promise<number> } | null = null;
  let dense = true;
  let pos = 0;
  try {
    while (pos < available && !parser.finished) {
      checkAbort(opts.signal, label);
      let data: Buffer | null = null;
      if (prefetch) {
        const got = await prefetch.read; // prefetch.pos === pos: it starts where the last batch ended
        prefetch = null;
        cur = 1 - cur;
        const skip = Math.min(parser.skippable(), got);
        if (skip > 0) {
          parser.advance(skip);
          pos += skip;
        }
        if (skip < got) data = bufs[cur]!.subarray(skip, got);
      }
      if (!data) {
        const skip = parser.skippable();
        if (skip > 0) {
          const n = Math.min(skip, available - pos);
          parser.advance(n);
          pos += n;
          continue;
        }
        const n = await readAt(bufs[cur]!, Math.min(dense ? batch : afterJump, available - pos), start + pos);
        if (n === 0) break; // the file is shorter than `available`: end() reports where the tar stops
        data = bufs[cur]!.subarray(0, n);
      }
      const next: number = pos + data.length;
      if (dense && next < available) {
        prefetch = {
          pos: next,
          read: readAt(bufs[1 - cur]!, Math.min(batch, available - next), start + next),
        };
      }
      const before = parser.entries;
      parser.write(data);
      pos = next;
      const perEntry = data.length / Math.max(1, parser.entries - before);
      dense = perEntry < DENSE_BYTES_PER_ENTRY && parser.skippable() < batch / 2;
    }
  } finally {
    if (prefetch) await prefetch.read.catch(() => 0);
  }
  const summary = parser.end();
  return { ...summary, tarBytes: parser.finished ? length : summary.tarBytes };
}

/** The first read after a jump over data; reads double from there while no data is jumped over. */
const SPARSE_READ = 16 * 1024;
/** How long a synchronous walk runs before it lets the event loop in (cancellation, progress). */
const SLICE_MS = 15;
/** A synchronous walk reports its position each time it has moved on by this much. */
export const PROGRESS_BYTES = 8 * 1024 * 1024;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * walkTarAt with readSync. Each read starts where the parser needs bytes: file data it would only
 * skip is jumped over, so on layers of mixed files (GNU/Linux images: a few KiB each, some MiB)
 * about half the bytes are read. A read that needed no jump doubles the next one (up to
 * `batchSize`), so a run of tiny files is read in big gulps. Every SLICE_MS the walk awaits one
 * event loop turn, so an abort (or a message to the worker) is seen promptly.
 */
async function walkSync(
  fd: number,
  start: number,
  available: number,
  parser: TarParser,
  opts: WalkOptions,
): Promise<TarSummary> {
  const label = opts.label ?? 'tar';
  const batch = Math.max(4096, opts.batchSize ?? 1024 * 1024);
  const buf = Buffer.allocUnsafe(batch);
  let want = Math.min(SPARSE_READ, batch);
  let pos = 0;
  let sliceEnd = performance.now() + SLICE_MS;
  let reported = 0;
  while (pos < available && !parser.finished) {
    if (opts.onProgress && pos - reported >= PROGRESS_BYTES) {
      reported = pos;
      opts.onProgress(pos);
    }
    const skip = parser.skippable();
    if (skip > 0) {
      const n = Math.min(skip, available - pos);
      parser.advance(n);
      pos += n;
      want = Math.min(SPARSE_READ, batch);
      continue;
    }
    if (performance.now() > sliceEnd) {
      await turn();
      sliceEnd = performance.now() + SLICE_MS;
    }
    checkAbort(opts.signal, label);
    const n = readSync(fd, buf, 0, Math.min(want, available - pos), start + pos);
    if (n === 0) break; // the file is shorter than `available`: end() reports where the tar stops
    parser.write(n === batch ? buf : buf.subarray(0, n));
    pos += n;
    if (want < batch) want *= 2;
  }
  return parser.end();
}

/** Parses a tar from any byte stream (a Readable, a decompressor's output, an async generator). */
export async function parseTarStream(
  source: AsyncIterable<Uint8Array>,
  onEntry: EntryHandler,
  opts: TarParserOptions & { signal?: AbortSignal } = {},
): Promise<TarSummary> {
  const label = opts.label ?? 'tar stream';
  const parser = new TarParser(onEntry, { ...opts, label });
  for await (const chunk of source) {
    checkAbort(opts.signal, label);
    if (typeof chunk === 'string')
      throw new TypeError('parseTarStream needs a byte stream, not a string stream');
    parser.write(chunk);
  }
  return parser.end();
}
