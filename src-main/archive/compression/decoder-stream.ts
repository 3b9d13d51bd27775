/**
 * The base of every decompressor: a Transform that caps its output (a small blob can inflate to
 * terabytes: a decompression bomb must stop at `maxOutputBytes`, not when memory runs out),
 * turns codec failures into `ArchiveError`s that name the blob and the codec's reason, and lets
 * asynchronous decoders wait for the reader (backpressure) between output chunks.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { ArchiveError, type Compression } from '../model';

export interface DecoderSpec {
  kind: Compression;
  /** Names the blob in errors. */
  label: string;
  maxOutputBytes: number;
}

/** Turns any codec failure into a CORRUPT ArchiveError with the codec's own words. */
export function codecError(spec: DecoderSpec, err: unknown): ArchiveError {
  if (err instanceof ArchiveError) return err;
  const e = err as { message?: string; code?: string };
  const reason = e?.message ?? String(err);
  const code = typeof e?.code === 'string' && !reason.includes(e.code) ? ` (${e.code})` : '';
  return new ArchiveError(spec.label, `${spec.kind} decompression failed: ${reason}${code}`, 'CORRUPT');
}

export abstract class DecoderStream extends Transform {
  private produced = 0;
  private consumed = 0;
  private readWaiters: Array<() => void> = [];

  constructor(protected readonly spec: DecoderSpec) {
    // A roomy readable buffer: codecs emit 128-256 KiB pieces, and each wait costs a tick.
    super({ readableHighWaterMark: 1024 * 1024 });
  }

  /** Decodes one input chunk; may return a promise (async codecs, or waiting for the reader). */
  protected abstract decode(chunk: Buffer): void | Promise<void>;
  /** Flushes the codec at end of input; throws when the input stopped mid-stream. */
  protected abstract finish(): void | Promise<void>;
  /** Releases codec resources (WASM memory, inner streams); called once, on end or on error. */
  protected dispose(): void {}

  /** Bytes of output so far. */
  get outputBytes(): number {
    return this.produced;
  }

  /** Pushes decoded bytes; throws TOO_LARGE past the cap. Returns false when the reader is full. */
  protected emitOutput(out: Buffer): boolean {
    this.produced += out.length;
    if (this.produced > this.spec.maxOutputBytes) {
      throw new ArchiveError(
        this.spec.label,
        `${this.spec.kind} output exceeds the ${this.spec.maxOutputBytes}-byte limit (a decompression bomb, or a limit too low)`,
        'TOO_LARGE',
      );
    }
    return this.push(out);
  }

  /** Resolves when the reader asks for more output (or the stream is destroyed). */
  protected waitForRead(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    return new Promise((resolve) => this.readWaiters.push(resolve));
  }

  private wakeReaders(): void {
    const waiters = this.readWaiters;
    this.readWaiters = [];
    for (const w of waiters) w();
  }

  override _read(size: number): void {
    this.wakeReaders();
    super._read(size);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.consumed += chunk.length;
    this.settle(() => this.decode(chunk), cb);
  }

  override _flush(cb: TransformCallback): void {
    this.settle(() => {
      if (this.consumed === 0 && this.spec.kind !== 'none') {
        throw new ArchiveError(this.spec.label, `${this.spec.kind} decompression failed: no compressed data`);
      }
      return this.finish();
    }, cb);
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.wakeReaders();
    try {
      this.dispose();
    } catch {
      // Releasing resources must not hide the error that got us here.
    }
    cb(err ? codecError(this.spec, err) : null);
  }

  private settle(step: () => void | Promise<void>, cb: TransformCallback): void {
    let result: void | Promise<void>;
    try {
      result = step();
    } catch (err) {
      cb(codecError(this.spec, err));
      return;
    }
    if (!result) {
      cb();
      return;
    }
    result.then(
      () => cb(),
      (err: unknown) => cb(codecError(this.spec, err)),
    );
  }
}

/** Plain tar: passes bytes through, still under the output cap. */
export class PassThroughDecoder extends DecoderStream {
  protected decode(chunk: Buffer): void {
    this.emitOutput(chunk);
  }
  protected finish(): void {}
}
