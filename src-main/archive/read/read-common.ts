/** What both ways of reading an archive share: options, result, limits and error tidying. */
import { ArchiveError, type Compression, type LayerScan, type TarEntry } from '../model';
import { oneLine, type ArchiveMember } from '../layout/archive-members';
import type { LayoutPlan } from '../layout/plan';

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
  /**
   * Scan the layers of an uncompressed archive on worker threads: true all of them (where the
   * built code can start workers), false none; default: the layers streamed through a
   * decompressor (or hashed, with `verify`) when they add up to 32 MiB or more.
   */
  layerWorkers?: boolean;
  /** Each layer blob's scan as soon as it is done (uncompressed archives), e.g. to merge it while others are read. */
  onLayer?: (plan: LayoutPlan, blobPath: string, scan: LayerScan) => void;
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
export function entryBudget(file: string, limit: number): (n: number) => void {
  let total = 0;
  return (n) => {
    total += n;
    if (total > limit) {
      throw new ArchiveError(
        file,
        `more than ${limit} entries in its layers: refusing to index it (raise the limit to force)`,
        'TOO_LARGE',
      );
    }
  };
}

/**
 * Reading a compressed archive in one pass, small members that are not layers are kept until
 * the layout is known (blobs come before index.json in containerd exports). Image metadata is a
 * few MiB at most: past this, the archive is refused rather than held in memory.
 */
export const MAX_KEPT_BYTES = 256 * 1024 ** 2;

export const memberKind = (e: TarEntry): ArchiveMember['kind'] =>
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
export function withArchiveFile(err: unknown, file: string): unknown {
  if (!(err instanceof ArchiveError)) return err;
  const inLayer = err.file !== file && err.file.startsWith(`${file}: `);
  const reason = oneLine(inLayer ? `${err.file.slice(file.length + 2)}: ${err.reason}` : err.reason, 1000);
  if (!inLayer && reason === err.reason) return err;
  return new ArchiveError(inLayer ? file : err.file, reason, err.code);
}

export function cancelled(file: string, signal?: AbortSignal): void {
  if (signal?.aborted) throw new ArchiveError(file, 'cancelled', 'CANCELLED');
}
