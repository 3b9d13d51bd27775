/**
 * xz through `xz-decompress` (xz-embedded compiled to WASM, ~60 MB/s; concatenated streams and
 * multi-block files decode). Its only API is a web ReadableStream wrapped around another one, so
 * this bridges: each input chunk is offered to a pull-based source, and the chunk's write
 * completes when the decoder asks for the next one (input backpressure); output is read in a
 * loop that waits for our reader (output backpressure).
 *
 * The library decodes one stream at a time per process (a global mutex): a second xz decoder
 * waits until the first one ends, so xz layers are best read one after another.
 */
import type * as XzLib from 'xz-decompress';
import { ArchiveError } from '../model';
import { DecoderStream } from './decoder-stream';

/** xz-embedded's `enum xz_ret`, as reported in "get_next_output failed with error code N". */
const XZ_ERRORS: Record<string, string> = {
  '2': 'unsupported integrity check',
  '3': 'out of memory',
  '4': 'the dictionary is larger than the 64 MiB the decoder allows',
  '5': 'not xz data (bad stream header)',
  '6': 'unsupported options in the stream header',
  '7': 'corrupted data',
  '8': 'truncated or corrupt input (unexpected end of data)',
};

function xzReason(err: unknown): string {
  if (err instanceof TypeError) return 'unexpected end of input'; // the library's own bug on empty input
  const msg = err instanceof Error ? err.message : String(err);
  const code = /error code (\d+)/.exec(msg)?.[1];
  return code ? (XZ_ERRORS[code] ?? msg) : msg;
}

export class XzDecoder extends DecoderStream {
  private queue: Buffer[] = [];
  private inputClosed = false;
  /** Set while the decoder waits for input: hands it the next chunk (or closes the source). */
  private feed: (() => void) | null = null;
  /** Set while a write waits for its chunk to be taken by the decoder. */
  private taken: (() => void) | null = null;
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  private pump: Promise<void> | null = null;
  /** Our output loop has ended. */
  private done = false;
  /** The library's stream ended or failed by itself (its lock is released). */
  private libraryDone = false;
  private gotOutput = false;
  private released = false;
  private failure: unknown = null;
  private sourceController: ReadableStreamDefaultController<Uint8Array> | null = null;

  private async start(): Promise<void> {
    // A webpack UMD bundle: depending on the loader its exports arrive named or under `default`.
    const mod = (await import('xz-decompress')) as typeof XzLib & { default?: typeof XzLib };
    const XzReadableStream = mod.XzReadableStream ?? mod.default?.XzReadableStream;
    if (!XzReadableStream) throw new Error('xz-decompress did not load');
    const source = new ReadableStream<Uint8Array>(
      {
        start: (controller) => void (this.sourceController = controller),
        pull: (controller) => {
          if (this.offer(controller)) return;
          // The decoder consumed everything: complete the pending write, wait for more input.
          this.wakeWriter();
          return new Promise<void>((resolve) => {
            this.feed = () => {
              this.feed = null;
              try {
                this.offer(controller);
              } catch {
                // the source was failed by dispose(): the decoder sees that error instead
              } finally {
                resolve();
              }
            };
          });
        },
      },
      { highWaterMark: 0 },
    );
    this.reader = new XzReadableStream(source).getReader();
    this.pump = this.readAll(this.reader);
  }

  /** Gives the decoder the next chunk or end of input; false when there is nothing to give. */
  private offer(controller: ReadableStreamDefaultController<Uint8Array>): boolean {
    const next = this.queue.shift();
    if (next) controller.enqueue(next);
    else if (this.inputClosed) controller.close();
    else return false;
    return true;
  }

  private wakeWriter(): void {
    const t = this.taken;
    this.taken = null;
    t?.();
  }

  private async readAll(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      for (;;) {
        let next: Awaited<ReturnType<typeof reader.read>>;
        try {
          next = await reader.read();
        } catch (err) {
          this.libraryDone = true; // it failed, and released its lock on the way
          this.failure ??= new ArchiveError(this.spec.label, `xz decompression failed: ${xzReason(err)}`);
          return;
        }
        if (next.done) {
          this.libraryDone = true;
          return;
        }
        this.gotOutput = true;
        if (this.destroyed) return;
        const { value } = next;
        if (!this.emitOutput(Buffer.from(value.buffer, value.byteOffset, value.byteLength)))
          await this.waitForRead();
      }
    } catch (err) {
      this.failure ??= err; // ours: the output cap
    } finally {
      this.done = true;
      this.wakeWriter();
      this.releaseLibrary();
    }
  }

  /**
   * Makes the library stop and release its process-wide lock when we stop early (output cap,
   * destroy). Once it has produced output it holds the lock and its cancel() releases it; before
   * that it may still be waiting for the lock, where cancel() would release someone else's, so
   * instead our source fails and its next read of input takes the library's error path.
   */
  private releaseLibrary(): void {
    const reader = this.reader;
    if (!reader || this.libraryDone || this.released) return;
    this.released = true;
    this.inputClosed = true;
    this.queue = [];
    if (this.gotOutput) {
      reader.cancel().catch(() => undefined);
    } else {
      try {
        this.sourceController?.error(new Error('cancelled'));
      } catch {
        // already closed
      }
      void (async () => {
        try {
          while (!(await reader.read()).done);
        } catch {
          // expected: the source failed
        }
      })();
    }
    this.feed?.();
  }

  protected async decode(chunk: Buffer): Promise<void> {
    if (!this.reader) await this.start();
    if (this.failure) throw this.failure;
    if (this.done) {
      if (chunk.some((b) => b !== 0))
        throw new ArchiveError(
          this.spec.label,
          'xz decompression failed: data after the end of the xz stream',
        );
      return;
    }
    this.queue.push(chunk);
    const taken = new Promise<void>((resolve) => (this.taken = resolve));
    this.feed?.();
    await taken;
    if (this.failure) throw this.failure;
  }

  protected async finish(): Promise<void> {
    this.inputClosed = true;
    this.feed?.();
    await this.pump;
    if (this.failure) throw this.failure;
  }

  protected override dispose(): void {
    this.releaseLibrary();
  }
}
