/**
 * gzip (and zstd where Node has it) through node:zlib, wrapped so that the output cap, error
 * mapping and end-of-stream rules are the same as for the WASM codecs.
 *
 * Node's gunzip decodes every member of a multi-member file (eStargz writes one per file), but
 * when zero padding follows the last member it ends its output early while input is still being
 * written, which a pipeline reports as "premature close". This wrapper stops feeding the inner
 * stream once it has ended and accepts only zeros after that, so padding is harmless and real
 * trailing garbage is still an error.
 */
import type { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { ArchiveError } from '../model';
import { DecoderStream, type DecoderSpec } from './decoder-stream';

/** 256 KiB output chunks: twice the throughput of zlib's default 16 KiB (FORMATS.md). */
const CHUNK = 256 * 1024;

type ZstdFactory = (opts: { chunkSize: number }) => Transform;

/** `zlib.createZstdDecompress` when this Node has it (22.15+, Electron 37.2+), else null. */
export function nativeZstd(): ZstdFactory | null {
  const f = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;
  return typeof f === 'function' ? f : null;
}

export class NodeZlibDecoder extends DecoderStream {
  private readonly inner: Transform;
  private innerEnded = false;
  private innerError: unknown = null;
  private ended: Promise<void>;

  constructor(spec: DecoderSpec, inner: Transform) {
    super(spec);
    this.inner = inner;
    inner.on('data', (out: Buffer) => {
      try {
        if (!this.emitOutput(out)) inner.pause();
      } catch (err) {
        this.destroy(err as Error);
      }
    });
    this.ended = new Promise((resolve, reject) => {
      inner.once('end', () => {
        this.innerEnded = true;
        resolve();
      });
      inner.once('error', (err) => {
        this.innerError = err;
        reject(err);
        this.destroy(err);
      });
    });
    this.ended.catch(() => undefined);
  }

  override _read(size: number): void {
    this.inner.resume();
    super._read(size);
  }

  protected decode(chunk: Buffer): void | Promise<void> {
    if (this.innerError) throw this.innerError;
    if (this.innerEnded) return checkPadding(this.spec, chunk);
    if (this.inner.write(chunk)) return;
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.inner.off('drain', done);
        this.inner.off('end', done);
        this.inner.off('error', fail);
        resolve();
      };
      const fail = (err: unknown): void => {
        this.inner.off('drain', done);
        this.inner.off('end', done);
        reject(err);
      };
      this.inner.on('drain', done);
      this.inner.on('end', done);
      this.inner.once('error', fail);
    });
  }

  protected async finish(): Promise<void> {
    if (!this.innerEnded) this.inner.end();
    await this.ended;
  }

  protected override dispose(): void {
    this.inner.destroy();
  }
}

function checkPadding(spec: DecoderSpec, chunk: Buffer): void {
  for (let i = 0; i < chunk.length; i++) {
    if (chunk[i] !== 0) {
      throw new ArchiveError(
        spec.label,
        `${spec.kind} decompression failed: data after the end of the compressed stream`,
      );
    }
  }
}

export function createGzipDecoder(spec: DecoderSpec): DecoderStream {
  return new NodeZlibDecoder(spec, zlib.createGunzip({ chunkSize: CHUNK }));
}

export function createNativeZstdDecoder(spec: DecoderSpec, factory: ZstdFactory): DecoderStream {
  return new NodeZlibDecoder(spec, factory({ chunkSize: CHUNK }));
}
