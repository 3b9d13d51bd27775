/**
 * Analyses kept alive for queries: the window asks for one directory at a time, so the merged
 * trees stay where they were built (in the analysis worker) and only listings travel.
 * Reopening the same unchanged file (path, size, mtime, options) reuses the session.
 */
import { realpath, stat } from 'node:fs/promises';
import type { ArchiveAnalysis, TreeEntryDto } from '../../../src-shared/archive-analysis';
import { analyzeArchive, analyzeArchiveStream, type AnalyzeResult } from '../analyze';
import type { MergedTree } from '../merge/merged-tree';
import { ArchiveError, displayPath } from '../model';
import { extractLayerFile } from '../read/extract-file';
import { readImageArchive, type ReadOptions } from '../read/read-archive';

export interface AnalyzeRequest {
  path: string;
  verify?: boolean;
  platform?: string;
  maxInflatedBytes?: number;
}

/** An archive arriving as a byte stream (the engine's `save`); the caller names the cache key (e.g. the image ID). */
export interface StreamAnalyzeRequest {
  /** Shown as the analysis' file name. */
  name: string;
  cacheKey: string;
  /** An estimate when the real size is unknown (progress only). */
  bytesTotal?: number;
  platform?: string;
  maxInflatedBytes?: number;
}

export interface ChildrenRequest {
  sessionId: string;
  imageId: string;
  /** Raw key of the directory ('' for the root). */
  key: string;
  /** 0-based layer index; the listing is "as of" this layer. */
  layer: number;
  view: 'merged' | 'layer-only';
}

export interface FileRequest {
  sessionId: string;
  imageId: string;
  key: string;
  layer: number;
  /** Preview cap; the rest of the file is not read. */
  maxBytes?: number;
}

export interface FileContent {
  kind: 'file' | 'symlink';
  content: Buffer;
  size: number;
  truncated: boolean;
  linkTarget: string | null;
}

export interface VerifyResult {
  imageId: string;
  index: number;
  diffId: string;
  computed: string | null;
  matches: boolean | null;
}

/** The archive file as it was analyzed: reads check it is still that file. */
interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

interface Session {
  id: string;
  platform?: string;
  cacheKey: string;
  result: AnalyzeResult;
  lastUsed: number;
  stamp?: FileStamp;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private seq = 0;

  constructor(private readonly maxSessions = 4) {}

  async analyze(
    req: AnalyzeRequest,
    opts: Pick<ReadOptions, 'signal' | 'onProgress'> = {},
  ): Promise<{ sessionId: string; analysis: ArchiveAnalysis; cached: boolean }> {
    const { cacheKey, stamp } = await this.cacheKey(req);
    const hit = this.cached(cacheKey);
    if (hit) return hit;
    const result = await analyzeArchive(req.path, {
      ...opts,
      ...(req.verify ? { verify: true } : {}),
      ...(req.platform ? { platform: req.platform } : {}),
      ...(req.maxInflatedBytes ? { maxInflatedBytes: req.maxInflatedBytes } : {}),
    });
    return this.keep(cacheKey, result, req.platform, stamp);
  }

  /** The session already made for `cacheKey`, if any. */
  cached(cacheKey: string): { sessionId: string; analysis: ArchiveAnalysis; cached: true } | null {
    for (const s of this.sessions.values()) {
      if (s.cacheKey === cacheKey) {
        s.lastUsed = Date.now();
        return { sessionId: s.id, analysis: s.result.analysis, cached: true };
      }
    }
    return null;
  }

  /** Analyzes a streamed archive (no temp file); its files can be listed but not read back. */
  async analyzeStream(
    source: AsyncIterable<Buffer>,
    req: StreamAnalyzeRequest,
    opts: Pick<ReadOptions, 'signal' | 'onProgress'> = {},
  ): Promise<{ sessionId: string; analysis: ArchiveAnalysis; cached: boolean }> {
    const hit = this.cached(req.cacheKey);
    if (hit) return hit;
    const result = await analyzeArchiveStream(source, req.name, {
      ...opts,
      ...(req.bytesTotal !== undefined ? { bytesTotal: req.bytesTotal } : {}),
      ...(req.platform ? { platform: req.platform } : {}),
      ...(req.maxInflatedBytes ? { maxInflatedBytes: req.maxInflatedBytes } : {}),
    });
    return this.keep(req.cacheKey, result, req.platform);
  }

  private keep(cacheKey: string, result: AnalyzeResult, platform?: string, stamp?: FileStamp): { sessionId: string; analysis: ArchiveAnalysis; cached: boolean } {
    const id = `s${++this.seq}`;
    this.sessions.set(id, { id, cacheKey, result, lastUsed: Date.now(), ...(platform ? { platform } : {}), ...(stamp ? { stamp } : {}) });
    this.evict();
    return { sessionId: id, analysis: result.analysis, cached: false };
  }

  children(req: ChildrenRequest): TreeEntryDto[] {
    const tree = this.tree(req.sessionId, req.imageId);
    if (req.layer < 0 || req.layer >= tree.layerCount)
      throw new RangeError(`layer ${req.layer} is not in 0..${tree.layerCount - 1}`);
    if (tree.stat(req.key, req.layer) === null && req.key !== '') {
      // A directory that does not exist as of this layer lists nothing, like an empty folder.
      return [];
    }
    return tree.children(req.key, { asOfLayer: req.layer, view: req.view }).map((e) => ({
      name: displayPath(e.name),
      path: displayPath(e.path),
      key: e.path,
      type: e.type,
      size: e.size,
      mode: e.mode,
      uid: e.uid,
      gid: e.gid,
      linkname: displayPath(e.linkname),
      changedInLayer: e.changedInLayer,
      change: e.change,
      childCount: e.childCount,
    }));
  }

  /**
   * A file's content as of a layer: the version the merged view shows (the layer that last
   * changed it), hardlinks followed to their target. Only paths the tree knows can be read, so
   * nothing outside the image root is reachable.
   */
  async readFile(req: FileRequest, opts: { onChunk?: (c: Buffer) => Promise<void> | void; signal?: AbortSignal } = {}): Promise<FileContent> {
    const s = this.session(req.sessionId);
    const tree = this.tree(req.sessionId, req.imageId);
    const file = s.result.analysis.file;
    if (req.layer < 0 || req.layer >= tree.layerCount) throw new RangeError(`layer ${req.layer} is not in 0..${tree.layerCount - 1}`);
    let entry = tree.stat(req.key, req.layer);
    for (let hops = 0; entry && entry.type === 'hardlink' && hops < 8; hops++) entry = tree.stat(entry.linkname, req.layer);
    if (!entry) throw new ArchiveError(file, `no file ${displayPath(req.key)} as of layer ${req.layer}`, 'UNSUPPORTED');
    if (entry.type === 'symlink') return { kind: 'symlink', size: 0, truncated: false, content: Buffer.alloc(0), linkTarget: displayPath(entry.linkname) };
    if (entry.type !== 'file') throw new ArchiveError(file, `${displayPath(req.key)} is a ${entry.type}, not a file`, 'UNSUPPORTED');
    const loc = s.result.locations?.get(req.imageId)?.[entry.changedInLayer];
    if (!loc) throw new ArchiveError(file, 'this analysis came from a stream: its files cannot be read back', 'UNSUPPORTED');
    await this.unchanged(s);
    const got = await extractLayerFile(loc, entry.path, {
      ...(req.maxBytes !== undefined ? { maxBytes: req.maxBytes } : {}),
      ...(opts.onChunk ? { onChunk: opts.onChunk } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return { kind: 'file', ...got, linkTarget: null };
  }

  /**
   * Checks every layer's diffID against the SHA-256 of its uncompressed content: the background
   * pass after a fast first result (which read no file data). Updates the session's analysis.
   */
  async verify(sessionId: string, opts: Pick<ReadOptions, 'signal' | 'onProgress'> = {}): Promise<VerifyResult[]> {
    const s = this.session(sessionId);
    const first = s.result.locations?.values().next().value?.[0];
    if (!first) throw new ArchiveError(s.result.analysis.file, 'this analysis came from a stream: it cannot be read again', 'UNSUPPORTED');
    await this.unchanged(s);
    const read = await readImageArchive(first.archivePath, { ...opts, verify: true, ...(s.platform ? { platform: s.platform } : {}) });
    const out: VerifyResult[] = [];
    for (const img of s.result.analysis.images) {
      const plan = read.plan.images.find((p) => p.id === img.id);
      img.layers.forEach((layer, k) => {
        const blob = plan?.layers[k]?.blobPath;
        const computed = blob ? (read.layers.get(blob)?.diffIdComputed ?? null) : null;
        layer.diffIdComputed = computed;
        layer.diffIdMatches = computed === null ? null : computed === layer.diffId || (!plan?.layers[k]?.diffId && computed !== null);
        out.push({ imageId: img.id, index: k, diffId: layer.diffId, computed, matches: layer.diffIdMatches });
      });
    }
    return out;
  }

  close(sessionId: string): boolean {
    return this.sessions.delete(sessionId);
  }

  private session(sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s) throw new ArchiveError(sessionId, 'this analysis is closed: open the archive again', 'UNSUPPORTED');
    s.lastUsed = Date.now();
    return s;
  }

  private tree(sessionId: string, imageId: string): MergedTree {
    const s = this.session(sessionId);
    const tree = s.result.trees.get(imageId);
    if (!tree)
      throw new ArchiveError(s.result.analysis.file, `no image ${imageId} in this archive`, 'UNSUPPORTED');
    return tree;
  }

  /** Reads go back to the file at stored offsets: another file there now would be read as garbage. */
  private async unchanged(s: Session): Promise<void> {
    if (!s.stamp) return;
    const st = await stat(s.stamp.path).catch(() => null);
    const file = s.result.analysis.file;
    if (!st) throw new ArchiveError(file, 'was removed or moved since it was analyzed: open it again', 'UNSUPPORTED');
    if (st.size !== s.stamp.size || st.mtimeMs !== s.stamp.mtimeMs)
      throw new ArchiveError(file, 'changed since it was analyzed: open it again', 'UNSUPPORTED');
  }

  private async cacheKey(req: AnalyzeRequest): Promise<{ cacheKey: string; stamp: FileStamp }> {
    try {
      const real = await realpath(req.path);
      const st = await stat(real);
      const cacheKey = JSON.stringify([
        real,
        st.size,
        st.mtimeMs,
        !!req.verify,
        req.platform ?? '',
        req.maxInflatedBytes ?? 0,
      ]);
      return { cacheKey, stamp: { path: real, size: st.size, mtimeMs: st.mtimeMs } };
    } catch (err) {
      throw new ArchiveError(
        req.path,
        `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        'NOT_AN_IMAGE',
      );
    }
  }

  private evict(): void {
    while (this.sessions.size > this.maxSessions) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0]!;
      this.sessions.delete(oldest.id);
    }
  }
}
