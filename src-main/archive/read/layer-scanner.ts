/**
 * Scans one layer blob pushed to it chunk by chunk: sniffs its compression from the magic bytes
 * (never from a name or media type: podman labels plain tars as gzip), decompresses if needed,
 * and parses the tar headers into TarEntry records. Optionally hashes the uncompressed stream
 * to check the diffID. Used both for blobs streamed out of a compressed outer archive and for
 * compressed blobs read from a file range.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Transform } from 'node:stream';
import { ArchiveError, type Compression, type LayerScan, type TarEntry } from '../model';
import { createDecompressor } from '../compression/decompress';
import { looksLikeTar, sniffCompression } from '../compression/sniff';
import { TarParser } from '../tar/tar-parser';

export interface LayerScanOptions {
  /** Archive file name, for errors. */
  file: string;
  blobPath: string;
  blobBytes: number;
  verify: boolean;
  maxInflatedBytes: number;
  maxEntries?: number;
  /** Chunks pushed are fresh buffers nobody reuses (a file read stream): kept without a copy. */
  ownsChunks?: boolean;
  /** Takes each entry instead of the scan's `entries` list (then left empty). */
  onEntry?: (entry: TarEntry) => void;
  /** Called with uncompressed bytes parsed so far (monotonic). */
  onBytes?: (uncompressedDone: number, compressedDone: number) => void;
}

const SNIFF_BYTES = 512;

export class LayerScanner {
  private head: Buffer[] = [];
  private headLen = 0;
  private mode: 'sniffing' | 'plain' | 'compressed' = 'sniffing';
  private compression: Compression = 'none';
  private parser: TarParser;
  private readonly entries: TarEntry[] = [];
  private hash: Hash | null;
  private decompressor: Transform | null = null;
  private decompressed: Promise<void> = Promise.resolve();
  private compressedDone = 0;
  private uncompressedDone = 0;
  private error: unknown = null;

  constructor(private readonly opts: LayerScanOptions) {
    this.hash = opts.verify ? createHash('sha256') : null;
    const onEntry = opts.onEntry ?? ((entry: TarEntry) => void this.entries.push(entry));
    this.parser = new TarParser((entry) => void onEntry(entry), {
      label: `${opts.file}: ${opts.blobPath}`,
      ...(opts.maxEntries ? { maxEntries: opts.maxEntries } : {}),
    });
  }

  /** Feeds bytes of the blob. The promise resolves when it is safe to push more (backpressure). */
  push(chunk: Uint8Array): Promise<void> | void {
    if (this.error) throw this.error;
    this.compressedDone += chunk.byteLength;
    if (this.mode === 'sniffing') {
      // Views handed to us may be reused by the caller: copy what we keep.
      this.head.push(
        this.opts.ownsChunks
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : Buffer.from(chunk),
      );
      this.headLen += chunk.byteLength;
      if (this.headLen < SNIFF_BYTES && this.compressedDone < this.opts.blobBytes) return;
      return this.decide();
    }
    return this.forward(chunk);
  }

  private decide(): Promise<void> | void {
    const head = Buffer.concat(this.head);
    this.head = [];
    const kind = sniffCompression(head);
    if (kind === 'none' || (kind === 'unknown' && looksLikeTar(head))) {
      this.mode = 'plain';
    } else if (kind === 'unknown') {
      throw new ArchiveError(
        this.opts.file,
        `${this.opts.blobPath}: the layer is neither a tar nor a known compression (gzip, zstd, bzip2, xz)`,
      );
    } else {
      this.mode = 'compressed';
      this.compression = kind;
      const d = createDecompressor(kind, {
        maxOutputBytes: this.opts.maxInflatedBytes,
        label: `${this.opts.file}: ${this.opts.blobPath}`,
      });
      this.decompressor = d;
      this.decompressed = new Promise((resolve, reject) => {
        d.on('data', (out: Buffer) => {
          try {
            this.consumeUncompressed(out);
          } catch (err) {
            this.error = err;
            d.destroy();
            reject(err);
          }
        });
        d.on('end', resolve);
        d.on('error', (err: Error) => {
          this.error ??= err;
          reject(this.error);
        });
      });
      this.decompressed.catch(() => undefined);
    }
    return this.forward(head);
  }

  private forward(chunk: Uint8Array): Promise<void> | void {
    if (this.mode === 'plain') {
      if (this.uncompressedDone + chunk.byteLength > this.opts.maxInflatedBytes) {
        throw new ArchiveError(
          this.opts.file,
          `${this.opts.blobPath}: larger than the ${this.opts.maxInflatedBytes}-byte limit`,
          'TOO_LARGE',
        );
      }
      this.consumeUncompressed(chunk);
      return;
    }
    const d = this.decompressor!;
    // Unless the chunks are ours, the caller may reuse their memory once we return: the
    // decompressor then gets its own copy.
    const ok = d.write(this.opts.ownsChunks ? chunk : Buffer.from(chunk));
    if (ok) return;
    return new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        d.off('error', onError);
        resolve();
      };
      const onError = (err: unknown): void => {
        d.off('drain', onDrain);
        reject(this.error ?? err);
      };
      d.once('drain', onDrain);
      d.once('error', onError);
    });
  }

  private consumeUncompressed(chunk: Uint8Array): void {
    this.hash?.update(chunk);
    this.uncompressedDone += chunk.byteLength;
    // Bytes after the end-of-archive marker (zero padding) still count for the diffID.
    if (!this.parser.finished) this.parser.write(chunk);
    this.opts.onBytes?.(this.uncompressedDone, this.compressedDone);
  }

  /** Frees a scanner whose blob turned out not to be a layer of any image. */
  abandon(): void {
    this.decompressor?.destroy();
  }

  /** Call after the last byte: finishes decompression and parsing. */
  async finish(): Promise<LayerScan> {
    if (this.error) throw this.error;
    if (this.mode === 'sniffing') {
      if (this.headLen === 0) {
        // An empty blob: treat as an empty layer (some tools write 0-byte layers for empty diffs).
        return this.result(0);
      }
      await this.decide();
    }
    if (this.decompressor) {
      this.decompressor.end();
      await this.decompressed;
    }
    this.parser.end();
    return this.result(this.uncompressedDone);
  }

  private result(tarBytes: number): LayerScan {
    return {
      blobPath: this.opts.blobPath,
      compression: this.compression,
      blobBytes: this.opts.blobBytes,
      tarBytes,
      entries: this.entries,
      diffIdComputed: this.hash ? `sha256:${this.hash.digest('hex')}` : null,
    };
  }
}
