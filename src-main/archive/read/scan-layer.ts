/**
 * Scans one layer blob that sits at a byte range of an uncompressed archive file: a plain tar
 * layer header by header in place (no file data is read), a compressed one streamed from its
 * range through a decompressor. The same function runs in this thread or in a layer worker
 * (layer-workers.ts), which is why the job is plain data.
 */
import { createReadStream, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { type LayerScan, type TarEntry } from '../model';
import { looksLikeTar, sniffCompression } from '../compression/sniff';
import { PROGRESS_BYTES, walkTarAt } from '../tar/walk-file';
import { LayerScanner } from './layer-scanner';
import { cancelled } from './read-common';

export interface LayerJob {
  /** The archive file on disk. */
  path: string;
  /** Its name, for errors. */
  file: string;
  /** The blob's path inside the archive. */
  blob: string;
  /** Where the blob's bytes start in the file, and how many there are. */
  start: number;
  size: number;
  verify: boolean;
  maxInflatedBytes: number;
  maxEntries: number;
}

export interface ScanContext {
  signal?: AbortSignal;
  /** Bytes of the blob scanned so far, now and then (every few MiB) while a layer is scanned here. */
  onBytes?: (blobBytesDone: number) => void;
}

async function readHead(fd: number | FileHandle, job: LayerJob): Promise<Buffer> {
  const head = Buffer.alloc(Math.min(512, job.size));
  if (head.length === 0) return head;
  const n =
    typeof fd === 'number'
      ? readSync(fd, head, 0, head.length, job.start)
      : (await fd.read(head, 0, head.length, job.start)).bytesRead;
  return head.subarray(0, n);
}

/** Whether the blob is a plain tar read in place (headers only), not streamed through a decoder. */
function readsInPlace(job: LayerJob, head: Buffer): boolean {
  const kind = sniffCompression(head);
  return !job.verify && (job.size === 0 || kind === 'none' || (kind === 'unknown' && looksLikeTar(head)));
}

/** Whether scanning the blob means streaming all of it through a decompressor (or the hash). */
export async function streamsLayer(fd: number | FileHandle, job: LayerJob): Promise<boolean> {
  return !readsInPlace(job, await readHead(fd, job));
}

/**
 * Scans the job's blob. A numeric `fd` is read with readSync (for workers), a FileHandle
 * asynchronously. With `onEntry`, entries go there and the scan's list stays empty.
 */
export async function scanLayer(
  fd: number | FileHandle,
  job: LayerJob,
  ctx: ScanContext = {},
  onEntry?: (entry: TarEntry) => void,
): Promise<LayerScan> {
  const { file, blob, size } = job;
  cancelled(file, ctx.signal);
  if (readsInPlace(job, await readHead(fd, job))) {
    // The fast path: headers only, file data skipped by seeking.
    const entries: TarEntry[] = [];
    await walkTarAt(fd, job.start, size, onEntry ?? ((e) => void entries.push(e)), {
      label: `${file}: ${blob}`,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(typeof fd === 'number' ? { syncReads: true } : {}),
      ...(ctx.onBytes ? { onProgress: ctx.onBytes } : {}),
      maxEntries: job.maxEntries,
    });
    return {
      blobPath: blob,
      compression: 'none',
      blobBytes: size,
      tarBytes: size,
      entries,
      diffIdComputed: null,
    };
  }
  const scanner = new LayerScanner({
    file,
    blobPath: blob,
    blobBytes: size,
    verify: job.verify,
    maxInflatedBytes: job.maxInflatedBytes,
    maxEntries: job.maxEntries,
    ownsChunks: true,
    ...(onEntry ? { onEntry } : {}),
  });
  if (size > 0) {
    // Each chunk is a fresh buffer: the decompressor takes it without a copy.
    const stream = createReadStream(job.path, {
      start: job.start,
      end: job.start + size - 1,
      highWaterMark: 256 * 1024,
    });
    let read = 0;
    let reported = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        cancelled(file, ctx.signal);
        await scanner.push(chunk);
        read += chunk.length;
        if (ctx.onBytes && read - reported >= PROGRESS_BYTES) {
          reported = read;
          ctx.onBytes(read);
        }
      }
    } finally {
      stream.destroy();
    }
  }
  return scanner.finish();
}
