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
import { read as fsRead } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { ArchiveError } from '../model';
import { TarParser, type EntryHandler, type TarParserOptions, type TarSummary } from './tar-parser';

export interface WalkOptions extends TarParserOptions {
  /** Bytes per positioned read (default 256 KiB). Larger batches mean fewer reads on small files. */
  batchSize?: number;
  signal?: AbortSignal;
}

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
  const readAt = readerFor(file);
  const buf = Buffer.allocUnsafe(Math.max(4096, opts.batchSize ?? 256 * 1024));
  let pos = 0;
  while (pos < length && !parser.finished) {
    checkAbort(opts.signal, label);
    const skip = parser.skippable();
    if (skip > 0) {
      const n = Math.min(skip, length - pos);
      parser.advance(n);
      pos += n;
      continue;
    }
    const n = await readAt(buf, Math.min(buf.length, length - pos), start + pos);
    if (n === 0) break; // the file is shorter than `length`: end() reports where the tar stops
    parser.write(buf.subarray(0, n));
    pos += n;
  }
  const summary = parser.end();
  return { ...summary, tarBytes: parser.finished ? length : summary.tarBytes };
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
