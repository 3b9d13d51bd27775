/**
 * Reads one file of one layer out of an archive, without extracting anything else: the layer
 * blob is located (a positioned range in an uncompressed archive, or found in one pass through
 * a compressed one), decompressed if needed, and its tar walked until the entry.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ArchiveError } from '../model';
import { TarParser } from '../tar/tar-parser';
import { decompressed } from './read-archive';

export interface BlobLocation {
  archivePath: string;
  blobPath: string;
  /** Offset of the blob's bytes in the archive, when the archive is an uncompressed tar. */
  offset: number | null;
  blobBytes: number;
}

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Buffers a push parser's output so an async generator can yield it after each write. */
function collector(): { chunks: Buffer[]; push: (c: Uint8Array) => void; drain: () => Buffer[] } {
  const chunks: Buffer[] = [];
  return {
    chunks,
    push: (c) => chunks.push(Buffer.from(c)),
    drain: () => chunks.splice(0),
  };
}

/** The bytes of one blob of the archive. */
async function* blobBytes(loc: BlobLocation, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const file = basename(loc.archivePath);
  if (loc.offset !== null) {
    if (loc.blobBytes === 0) return;
    const s = createReadStream(loc.archivePath, { start: loc.offset, end: loc.offset + loc.blobBytes - 1, highWaterMark: 256 * 1024 });
    try {
      for await (const c of s as AsyncIterable<Buffer>) {
        if (signal?.aborted) throw new ArchiveError(file, 'cancelled', 'CANCELLED');
        yield c;
      }
    } finally {
      s.destroy();
    }
    return;
  }
  // A compressed archive: one pass until the blob, which is handed on as it streams by.
  const out = collector();
  let found = false;
  let done = false;
  const parser = new TarParser(
    (e) => {
      if (e.path !== loc.blobPath || found) return 'skip';
      found = true;
      return (chunk) => {
        if (chunk === null) done = true;
        else out.push(chunk);
      };
    },
    { label: file },
  );
  const s = createReadStream(loc.archivePath, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of decompressed(s as AsyncIterable<Buffer>, file, NO_LIMIT, () => undefined)) {
      if (signal?.aborted) throw new ArchiveError(file, 'cancelled', 'CANCELLED');
      parser.write(chunk);
      yield* out.drain();
      if (done) return;
    }
  } finally {
    s.destroy();
  }
  if (!found) throw new ArchiveError(file, `${loc.blobPath} is no longer in the archive (was it replaced?)`);
}

export interface ExtractOptions {
  /** Stop after this many bytes of content (the rest is not read). */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Receives the content chunk by chunk instead of collecting it (for saving big files). */
  onChunk?: (chunk: Buffer) => Promise<void> | void;
  maxInflatedBytes?: number;
}

export interface Extracted {
  /** Content bytes (up to maxBytes), empty when onChunk took them. */
  content: Buffer;
  /** The entry's full size. */
  size: number;
  truncated: boolean;
}

/** Reads the entry `key` (raw path) of the layer blob. */
export async function extractLayerFile(loc: BlobLocation, key: string, opts: ExtractOptions = {}): Promise<Extracted> {
  const file = basename(loc.archivePath);
  const max = opts.maxBytes ?? NO_LIMIT;
  const parts: Buffer[] = [];
  let kept = 0;
  let size = -1;
  let complete = false;
  const pendingWrites: Buffer[] = [];
  const parser = new TarParser(
    (e) => {
      if (e.path !== key || e.type !== 'file') return 'skip';
      // The last entry of a path wins (duplicates inside one layer): start over.
      size = e.size;
      parts.length = 0;
      pendingWrites.length = 0;
      kept = 0;
      complete = false;
      return (chunk) => {
        if (chunk === null) {
          complete = true;
          return;
        }
        if (opts.onChunk) pendingWrites.push(Buffer.from(chunk));
        else if (kept < max) {
          const take = chunk.subarray(0, Math.min(chunk.byteLength, max - kept));
          parts.push(Buffer.from(take));
          kept += take.byteLength;
        }
      };
    },
    { label: `${file}: ${loc.blobPath}` },
  );
  for await (const chunk of decompressed(blobBytes(loc, opts.signal), file, opts.maxInflatedBytes ?? NO_LIMIT, () => undefined)) {
    parser.write(chunk);
    for (const w of pendingWrites.splice(0)) await opts.onChunk!(w);
    // Without onChunk we can stop as soon as we have enough of the entry, but a later duplicate
    // of the same path could still replace it: only stop early at the capped preview.
    if (!opts.onChunk && kept >= max && size > max) break;
    if (parser.finished) break;
  }
  if (size < 0) throw new ArchiveError(file, `${loc.blobPath} has no file ${JSON.stringify(Buffer.from(key, 'latin1').toString('utf8'))}`);
  if (!complete && !(kept >= max && size > max)) throw new ArchiveError(file, `${loc.blobPath}: the file's data is cut short`);
  return { content: Buffer.concat(parts), size, truncated: size > kept && !opts.onChunk };
}
