/**
 * Reads an archive in one forward pass from a byte stream (a compressed file, the engine's
 * `save` stream): every member is sniffed as it streams by (blobs come before index.json in
 * containerd exports, so nothing can be known in advance), layers are scanned on the fly, small
 * files kept for the JSON. Memory stays bounded by the entry metadata.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ArchiveError, type Compression, type LayerScan } from '../model';
import { createDecompressor } from '../compression/decompress';
import { looksLikeTar, sniffCompression } from '../compression/sniff';
import {
  MAX_JSON_BYTES,
  resolveMember,
  type ArchiveMember,
  type ArchiveMembers,
} from '../layout/archive-members';
import { planLayout } from '../layout/detect-layout';
import { TarParser } from '../tar/tar-parser';
import { LayerScanner } from './layer-scanner';
import {
  cancelled,
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_INFLATED,
  entryBudget,
  MAX_KEPT_BYTES,
  memberKind,
  withArchiveFile,
  type ArchiveRead,
  type ReadOptions,
} from './read-common';

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
