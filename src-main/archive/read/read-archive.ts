/**
 * Reads an image archive file into a layout plan plus one LayerScan per layer blob.
 *
 * Two paths, chosen by the archive's own magic bytes:
 * - Uncompressed archive (what `docker save` writes): index the outer tar with positioned reads
 *   (headers only), read the JSON it needs, then scan only the referenced layer blobs: plain tar
 *   layers in place in this thread, reading around their headers and jumping over file data
 *   (walk-file.ts), compressed ones streamed from their byte range through a decompressor, on two
 *   worker threads when there are enough of them (layer-workers.ts). Each layer is handed to
 *   `onLayer` as it is done.
 * - Compressed archive (`docker save | gzip`, .tar.xz, ...): one forward pass through the
 *   decompressor; every member is sniffed as it streams by (blobs come before index.json in
 *   containerd exports, so nothing can be known in advance), layers are scanned on the fly,
 *   small files kept for the JSON. Memory stays bounded by the entry metadata.
 */
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { ArchiveError, type LayerScan } from '../model';
import { looksLikeTar, sniffCompression } from '../compression/sniff';
import { type ArchiveMember, type ArchiveMembers } from '../layout/archive-members';
import { planLayout } from '../layout/detect-layout';
import { walkTarAt } from '../tar/walk-file';
import { LayerWorkers, WorkerUnavailable } from './layer-workers';
import { scanLayer, streamsLayer, type LayerJob } from './scan-layer';
import {
  cancelled,
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_INFLATED,
  entryBudget,
  memberKind,
  withArchiveFile,
  type ArchiveRead,
  type ReadOptions,
} from './read-common';

import { readArchiveStream } from './read-stream';

export {
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_INFLATED,
  MAX_KEPT_BYTES,
  type ArchiveRead,
  type ReadOptions,
  type ReadProgress,
} from './read-common';
export { decompressed, readArchiveStream } from './read-stream';

export async function readImageArchive(path: string, opts: ReadOptions = {}): Promise<ArchiveRead> {
  const file = basename(path);
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new ArchiveError(file, 'not a regular file', 'NOT_AN_IMAGE');
    size = st.size;
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError(
      file,
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      'NOT_AN_IMAGE',
    );
  }
  if (size === 0) throw new ArchiveError(file, 'not an image archive: the file is empty', 'NOT_AN_IMAGE');
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(512, size));
    await fh.read(head, 0, head.length, 0);
    const kind = sniffCompression(head);
    if (kind === 'none' || (kind === 'unknown' && looksLikeTar(head))) {
      return await readUncompressed(fh, path, file, size, opts).catch((err: unknown) => {
        throw withArchiveFile(err, file);
      });
    }
    if (kind === 'unknown') {
      throw new ArchiveError(
        file,
        'not an image archive: neither a tar nor a gzip, bzip2, xz or zstd file',
        'NOT_AN_IMAGE',
      );
    }
    return await readCompressed(path, file, size, opts);
  } finally {
    await fh.close();
  }
}

/** Bytes of streamed (compressed or hashed) layers from which they are scanned on worker threads. */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;

/**
 * Layer workers: two, whatever the core count (this thread merges meanwhile). Each costs ~40-60
 * MiB of RSS (its own heap, zlib's buffers): three already take a gzip archive past the 300 MB
 * the analysis may use, for no gain on two cores.
 */
const LAYER_WORKERS = 2;

async function readUncompressed(
  fh: FileHandle,
  path: string,
  file: string,
  size: number,
  opts: ReadOptions,
): Promise<ArchiveRead> {
  const maxInflated = opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED;
  const budget = entryBudget(file, opts.maxEntriesPerLayer ?? DEFAULT_MAX_ENTRIES);
  let pool: LayerWorkers | null = null;
  try {
    const offsets = new Map<string, number>();
    const members = new Map<string, ArchiveMember>();
    opts.onProgress?.({ phase: 'index', bytesDone: 0, bytesTotal: size });
    await walkTarAt(
      fh,
      0,
      size,
      (e, meta) => {
        if (meta.hostilePath) return;
        // A sparse member's stored bytes are what lie in the archive (its size is the expanded one).
        members.set(e.path, {
          name: e.path,
          kind: memberKind(e),
          size: meta.sparse ? meta.storedSize : e.size,
          linkname: e.linkname,
        });
        offsets.set(e.path, e.dataOffset);
      },
      { label: file, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
    const archive: ArchiveMembers = {
      file,
      members,
      async readSmall(name) {
        const m = members.get(name)!;
        const buf = Buffer.alloc(m.size);
        const { bytesRead } = await fh.read(buf, 0, m.size, offsets.get(name)!);
        if (bytesRead < m.size)
          throw new ArchiveError(file, `${name} is cut short: the archive is truncated`);
        return buf;
      },
    };
    const plan = await planLayout(archive, opts.platform ? { platform: opts.platform } : {});

    const blobs = [...new Set(plan.images.flatMap((img) => img.layers.map((l) => l.blobPath!)))];
    const total = blobs.reduce((n, b) => n + members.get(b)!.size, 0);
    let done = 0;
    const layers = new Map<string, LayerScan>();
    const maxEntries = opts.maxEntriesPerLayer ?? DEFAULT_MAX_ENTRIES;
    const jobFor = (blob: string): LayerJob => ({
      path,
      file,
      blob,
      start: offsets.get(blob)!,
      size: members.get(blob)!.size,
      verify: !!opts.verify,
      maxInflatedBytes: maxInflated,
      maxEntries,
    });
    // Which layers go to workers. By default those streamed through a decompressor (or hashed),
    // when they add up to 32 MiB: a plain layer is read in place, headers only, which costs this
    // thread less than a worker's start-up and the hand-over of its entries.
    const streamed = new Set<string>();
    for (const blob of blobs) if (await streamsLayer(fh, jobFor(blob))) streamed.add(blob);
    let toWorkers = opts.layerWorkers === false ? [] : blobs;
    if (opts.layerWorkers === undefined) {
      const bytes = [...streamed].reduce((n, b) => n + members.get(b)!.size, 0);
      toWorkers = bytes >= WORKER_MIN_BYTES ? [...streamed] : [];
    }
    const workers =
      toWorkers.length > 0 ? LayerWorkers.open(Math.min(toWorkers.length, LAYER_WORKERS)) : null;
    pool = workers;
    const inWorker = new Set(workers ? toWorkers : []);
    const onAbort = (): void => void workers?.close(new ArchiveError(file, 'cancelled', 'CANCELLED'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // Plain layers scanned here go one after the other: each walk blocks this thread in short
    // slices (readSync), so running two at once would only interleave them.
    const local = blobs.filter((b) => !inWorker.has(b) && !streamed.has(b));
    // Bytes scanned of the layers in progress (here, two streamed ones can overlap, and on the
    // workers). The figure never goes back, even when a worker's layer is scanned again here.
    const inFlight = new Map<string, number>();
    let reported = 0;
    const report = (blob: string): void => {
      let bytesDone = done;
      for (const v of inFlight.values()) bytesDone += v;
      reported = Math.max(reported, Math.min(bytesDone, total));
      opts.onProgress?.({ phase: 'layers', bytesDone: reported, bytesTotal: total, currentLayer: blob });
    };
    const progressIn = (blob: string) => (n: number) => {
      inFlight.set(blob, n);
      report(blob);
    };
    const scanOne = async (blob: string): Promise<void> => {
      cancelled(file, opts.signal);
      const m = members.get(blob)!;
      const start = offsets.get(blob)!;
      if (start + m.size > size)
        throw new ArchiveError(file, `${blob} is cut short: the archive is truncated`);
      if (!inWorker.has(blob)) report(blob);
      const job = jobFor(blob);
      // A numeric fd: a plain layer is walked with readSync, around its headers (walk-file.ts).
      const inThread = (): Promise<LayerScan> =>
        scanLayer(fh.fd, job, {
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(opts.onProgress ? { onBytes: progressIn(blob) } : {}),
        });
      const scan = inWorker.has(blob)
        ? await workers!.scan(job, opts.onProgress ? progressIn(blob) : undefined).catch((err: unknown) => {
            if (err instanceof WorkerUnavailable) return inThread();
            throw err;
          })
        : await inThread();
      inFlight.delete(blob);
      budget(scan.entries.length);
      layers.set(blob, scan);
      opts.onLayer?.(plan, blob, scan);
      done += m.size;
      report(blob);
    };
    // Streamed layers in this thread go two at a time (decompression runs on libuv's pool, so
    // two layers use both cores); the workers' layers are queued at once: a worker takes the next
    // as soon as it hands one over, while this thread merges that one (onLayer). Layers start in
    // order, as the merge takes them.
    const localStreamed = blobs.filter((b) => !inWorker.has(b) && streamed.has(b));
    try {
      await Promise.all([
        ...[...inWorker].map(scanOne),
        (async () => {
          for (const blob of local) await scanOne(blob);
        })(),
        ...[0, 1].map(async () => {
          for (let blob = localStreamed.shift(); blob !== undefined; blob = localStreamed.shift())
            await scanOne(blob);
        }),
      ]);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    const blobOffsets = new Map(blobs.map((b) => [b, offsets.get(b)!]));
    return { file, fileBytes: size, compression: 'none', plan, layers, blobOffsets };
  } finally {
    await pool?.close();
  }
}

async function readCompressed(
  path: string,
  file: string,
  size: number,
  opts: ReadOptions,
): Promise<ArchiveRead> {
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  let done = 0;
  const counted = async function* (): AsyncGenerator<Buffer> {
    try {
      for await (const c of source as AsyncIterable<Buffer>) {
        done += c.length;
        yield c;
      }
    } finally {
      source.destroy();
    }
  };
  const read = await readArchiveStream(counted(), file, { ...opts, bytesTotal: size, bytesDone: () => done });
  return { ...read, fileBytes: size };
}
