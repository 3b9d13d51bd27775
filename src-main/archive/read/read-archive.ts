/**
 * Reads an image archive file into a layout plan plus one LayerScan per layer blob.
 *
 * Two paths, chosen by the archive's own magic bytes:
 * - Uncompressed archive (what `docker save` writes): index the outer tar with positioned reads
 *   (headers only), read the JSON it needs, then scan only the referenced layer blobs: plain tar
 *   layers header-only in place (no file data is read), compressed ones streamed from their byte
 *   range through a decompressor. Layers run two at a time.
 * - Compressed archive (`docker save | gzip`, .tar.xz, ...): one forward pass through the
 *   decompressor; every member is sniffed as it streams by (blobs come before index.json in
 *   containerd exports, so nothing can be known in advance), layers are scanned on the fly,
 *   small files kept for the JSON. Memory stays bounded by the entry metadata.
 */
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ArchiveError, type Compression, type LayerScan, type TarEntry } from '../model';
import { createDecompressor } from '../compression/decompress';
import { looksLikeTar, sniffCompression } from '../compression/sniff';
import {
  MAX_JSON_BYTES,
  oneLine,
  resolveMember,
  type ArchiveMember,
  type ArchiveMembers,
} from '../layout/archive-members';
import { planLayout } from '../layout/detect-layout';
import type { LayoutPlan } from '../layout/plan';
import { TarParser } from '../tar/tar-parser';
import { walkTarAt } from '../tar/walk-file';
import { LayerScanner } from './layer-scanner';

export interface ReadProgress {
  phase: 'index' | 'layers';
  bytesDone: number;
  bytesTotal: number;
  currentLayer?: string;
}

export interface ReadOptions {
  /** Hash every layer's uncompressed stream to check its diffID (reads all the data). */
  verify?: boolean;
  /** `os/arch[/variant]` for multi-platform indexes. */
  platform?: string;
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
  /** Cap on the bytes any one layer (or the whole compressed archive) may inflate to. Default 64 GiB. */
  maxInflatedBytes?: number;
  /** Entries per layer, and over the whole archive, above which it is refused. Default 3 million. */
  maxEntriesPerLayer?: number;
  /** Layer entries merged over all its images (an image per entry of a shared layer counts again). Default 20 million. */
  maxMergeEntries?: number;
}

export interface ArchiveRead {
  file: string;
  fileBytes: number;
  compression: Compression;
  plan: LayoutPlan;
  /** By blob path (symlinks resolved). */
  layers: Map<string, LayerScan>;
  /** Where each blob's bytes start in the file, when the archive is an uncompressed tar (seekable). */
  blobOffsets: Map<string, number> | null;
}

export const DEFAULT_MAX_INFLATED = 64 * 1024 ** 3;
/**
 * Entries kept over the whole archive (each costs ~0.5 KB until the merge): 3 million is far
 * beyond real images (a full Debian is ~7,000 files) and stays well under the worker's heap.
 */
export const DEFAULT_MAX_ENTRIES = 3_000_000;

/** Counts entries across every layer of one read, failing with TOO_LARGE past the limit. */
function entryBudget(file: string, limit: number): (n: number) => void {
  let total = 0;
  return (n) => {
    total += n;
    if (total > limit) {
      throw new ArchiveError(file, `more than ${limit} entries in its layers: refusing to index it (raise the limit to force)`, 'TOO_LARGE');
    }
  };
}

/**
 * Reading a compressed archive in one pass, small members that are not layers are kept until
 * the layout is known (blobs come before index.json in containerd exports). Image metadata is a
 * few MiB at most: past this, the archive is refused rather than held in memory.
 */
export const MAX_KEPT_BYTES = 256 * 1024 ** 2;

const memberKind = (e: TarEntry): ArchiveMember['kind'] =>
  e.type === 'file'
    ? 'file'
    : e.type === 'symlink'
      ? 'symlink'
      : e.type === 'hardlink'
        ? 'hardlink'
        : e.type === 'dir'
          ? 'dir'
          : 'other';

/**
 * Errors raised inside a layer carry "<archive>: <blob>" as their label; keep the archive's
 * name as the error's file and move the blob into the reason. Reasons quote names from the
 * archive (tar headers, JSON), which may hold newlines or terminal escapes: every reason leaves
 * as one printable line of bounded length.
 */
function withArchiveFile(err: unknown, file: string): unknown {
  if (!(err instanceof ArchiveError)) return err;
  const inLayer = err.file !== file && err.file.startsWith(`${file}: `);
  const reason = oneLine(inLayer ? `${err.file.slice(file.length + 2)}: ${err.reason}` : err.reason, 1000);
  if (!inLayer && reason === err.reason) return err;
  return new ArchiveError(inLayer ? file : err.file, reason, err.code);
}

function cancelled(file: string, signal?: AbortSignal): void {
  if (signal?.aborted) throw new ArchiveError(file, 'cancelled', 'CANCELLED');
}

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

async function readUncompressed(
  fh: FileHandle,
  path: string,
  file: string,
  size: number,
  opts: ReadOptions,
): Promise<ArchiveRead> {
  const maxInflated = opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED;
  const budget = entryBudget(file, opts.maxEntriesPerLayer ?? DEFAULT_MAX_ENTRIES);
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
      members.set(e.path, { name: e.path, kind: memberKind(e), size: meta.sparse ? meta.storedSize : e.size, linkname: e.linkname });
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
      if (bytesRead < m.size) throw new ArchiveError(file, `${name} is cut short: the archive is truncated`);
      return buf;
    },
  };
  const plan = await planLayout(archive, opts.platform ? { platform: opts.platform } : {});

  const blobs = [...new Set(plan.images.flatMap((img) => img.layers.map((l) => l.blobPath!)))];
  const total = blobs.reduce((n, b) => n + members.get(b)!.size, 0);
  let done = 0;
  const layers = new Map<string, LayerScan>();
  const scanOne = async (blob: string): Promise<void> => {
    cancelled(file, opts.signal);
    const m = members.get(blob)!;
    const start = offsets.get(blob)!;
    if (start + m.size > size) throw new ArchiveError(file, `${blob} is cut short: the archive is truncated`);
    opts.onProgress?.({ phase: 'layers', bytesDone: done, bytesTotal: total, currentLayer: blob });
    const head = Buffer.alloc(Math.min(512, m.size));
    await fh.read(head, 0, head.length, start);
    const kind = sniffCompression(head);
    let scan: LayerScan;
    if (!opts.verify && (m.size === 0 || kind === 'none' || (kind === 'unknown' && looksLikeTar(head)))) {
      // The fast path: headers only, file data skipped by seeking.
      const entries: TarEntry[] = [];
      await walkTarAt(fh, start, m.size, (e) => void entries.push(e), {
        label: `${file}: ${blob}`,
        ...(opts.signal ? { signal: opts.signal } : {}),
        maxEntries: opts.maxEntriesPerLayer ?? DEFAULT_MAX_ENTRIES,
      });
      scan = {
        blobPath: blob,
        compression: 'none',
        blobBytes: m.size,
        tarBytes: m.size,
        entries,
        diffIdComputed: null,
      };
    } else {
      const scanner = new LayerScanner({
        file,
        blobPath: blob,
        blobBytes: m.size,
        verify: !!opts.verify,
        maxInflatedBytes: maxInflated,
        maxEntries: opts.maxEntriesPerLayer ?? DEFAULT_MAX_ENTRIES,
      });
      if (m.size > 0) {
        const stream = createReadStream(path, { start, end: start + m.size - 1, highWaterMark: 256 * 1024 });
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            cancelled(file, opts.signal);
            await scanner.push(chunk);
          }
        } finally {
          stream.destroy();
        }
      }
      scan = await scanner.finish();
    }
    budget(scan.entries.length);
    layers.set(blob, scan);
    done += m.size;
    opts.onProgress?.({ phase: 'layers', bytesDone: done, bytesTotal: total, currentLayer: blob });
  };
  // Two at a time: decompression runs on libuv's pool, so two layers use both cores.
  const queue = [...blobs];
  await Promise.all(
    [0, 1].map(async () => {
      for (let blob = queue.shift(); blob !== undefined; blob = queue.shift()) await scanOne(blob);
    }),
  );
  const blobOffsets = new Map(blobs.map((b) => [b, offsets.get(b)!]));
  return { file, fileBytes: size, compression: 'none', plan, layers, blobOffsets };
}

/**
 * The raw bytes of an archive from any source (a compressed file, the engine's `save` stream),
 * decompressed when its first bytes say so.
 */
export async function* decompressed(
  source: AsyncIterable<Buffer>,
  file: string,
  maxInflated: number,
  onKind: (kind: Compression) => void,
): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.length < 6) {
    const more = await it.next();
    if (more.done) break;
    first = { done: false, value: Buffer.concat([first.value, more.value]) };
  }
  if (first.done) throw new ArchiveError(file, 'not an image archive: no bytes', 'NOT_AN_IMAGE');
  const head = first.value;
  const kind = sniffCompression(head.subarray(0, 512));
  if (kind === 'none' || kind === 'unknown') {
    onKind('none');
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    return;
  }
  onKind(kind);
  const d = createDecompressor(kind, { maxOutputBytes: maxInflated, label: file });
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  };
  const pump = pipeline(Readable.from(rest()), d).catch((err: unknown) => {
    d.destroy(err as Error);
  });
  try {
    for await (const chunk of d as AsyncIterable<Buffer>) yield chunk;
  } finally {
    d.destroy();
    await pump;
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

/**
 * Reads an archive in one forward pass from a byte stream (compressed or not): what a
 * compressed file or the engine's `save` stream needs. No temp file, memory bounded by metadata.
 */
export async function readArchiveStream(
  source: AsyncIterable<Buffer>,
  file: string,
  opts: ReadOptions & { bytesTotal?: number; bytesDone?: () => number } = {},
): Promise<ArchiveRead> {
  return readStreamed(source, file, opts).catch((err: unknown) => {
    throw withArchiveFile(err, file);
  });
}

async function readStreamed(
  source: AsyncIterable<Buffer>,
  file: string,
  opts: ReadOptions & { bytesTotal?: number; bytesDone?: () => number },
): Promise<ArchiveRead> {
  const maxInflated = opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED;
  const budget = entryBudget(file, opts.maxEntriesPerLayer ?? DEFAULT_MAX_ENTRIES);
  const members = new Map<string, ArchiveMember>();
  const small = new Map<string, Buffer>();
  const scanners = new Map<string, LayerScanner>();
  const pending: Promise<void>[] = [];
  let keptBytes = 0;
  let rawDone = 0;
  const parser = new TarParser(
    (e, meta) => {
      if (meta.hostilePath) return 'skip';
      members.set(e.path, { name: e.path, kind: memberKind(e), size: e.size, linkname: e.linkname });
      if (e.type !== 'file' || e.size === 0) return 'skip';
      // Sniff each member as it streams by: a layer blob gets a scanner, anything small is kept
      // in case it is JSON the layout needs, anything else is skipped.
      const collected: Buffer[] = [];
      let collectedLen = 0;
      let scanner: LayerScanner | null = null;
      let decided: 'layer' | 'keep' | 'skip' | null = null;
      const decide = (head: Buffer): void => {
        const k = sniffCompression(head);
        if (k !== 'unknown' || looksLikeTar(head)) {
          scanner = new LayerScanner({
            file,
            blobPath: e.path,
            blobBytes: e.size,
            verify: !!opts.verify,
            maxInflatedBytes: maxInflated,
            maxEntries: opts.maxEntriesPerLayer ?? DEFAULT_MAX_ENTRIES,
          });
          scanners.set(e.path, scanner);
          decided = 'layer';
          for (const c of collected) {
            const p = scanner.push(c);
            if (p) pending.push(p);
          }
        } else if (e.size <= MAX_JSON_BYTES) {
          // Kept in case it is JSON the layout needs: bounded in all, or a few MiB of gzip holding
          // hundreds of 32 MiB members would all be kept in memory.
          keptBytes += e.size;
          if (keptBytes > MAX_KEPT_BYTES) {
            throw new ArchiveError(
              file,
              `more than ${MAX_KEPT_BYTES / 2 ** 20} MiB of members that are neither layers nor image metadata`,
              'TOO_LARGE',
            );
          }
          decided = 'keep';
        } else decided = 'skip';
      };
      return (chunk: Uint8Array | null) => {
        if (chunk === null) {
          if (decided === null) decide(Buffer.concat(collected));
          if (decided === 'keep') small.set(e.path, Buffer.concat(collected));
          return;
        }
        if (decided === 'layer') {
          const p = scanner!.push(chunk);
          if (p) pending.push(p);
        } else if (decided === 'keep' || decided === null) {
          collected.push(Buffer.from(chunk));
          collectedLen += chunk.byteLength;
          if (decided === null && collectedLen >= 512) decide(Buffer.concat(collected));
        }
      };
    },
    { label: file },
  );

  let compression: Compression = 'none';
  const counting = async function* (): AsyncGenerator<Buffer> {
    for await (const c of source) {
      rawDone += c.length;
      yield c;
    }
  };
  for await (const chunk of decompressed(counting(), file, maxInflated, (k) => (compression = k))) {
    cancelled(file, opts.signal);
    parser.write(chunk);
    if (pending.length > 0) await Promise.all(pending.splice(0));
    opts.onProgress?.({
      phase: 'layers',
      bytesDone: opts.bytesDone?.() ?? rawDone,
      bytesTotal: opts.bytesTotal ?? 0,
    });
  }
  parser.end();

  const archive: ArchiveMembers = {
    file,
    members,
    readSmall: async (name) => {
      const b = small.get(name);
      if (!b) throw new ArchiveError(file, `${name} could not be read from the compressed stream`);
      return b;
    },
  };
  const plan = await planLayout(archive, opts.platform ? { platform: opts.platform } : {});
  const layers = new Map<string, LayerScan>();
  for (const img of plan.images) {
    for (const l of img.layers) {
      const target = resolveMember(archive, l.blobPath!)!;
      if (layers.has(target.name)) continue;
      const scanner = scanners.get(target.name);
      if (!scanner)
        throw new ArchiveError(file, `${target.name} is not a layer (neither tar nor compressed tar)`);
      const scan = await scanner.finish();
      budget(scan.entries.length);
      layers.set(target.name, scan);
    }
  }
  for (const [name, scanner] of scanners) if (!layers.has(name)) scanner.abandon();
  return { file, fileBytes: rawDone, compression, plan, layers, blobOffsets: null };
}
