/**
 * The worker's end of a streamed source: chunks pushed by the main process (transferred
 * ArrayBuffers) become an async iterable the analyzer reads. Every `ackEvery` bytes the reader
 * has taken, `onConsumed` tells main how far it got, so main can keep at most a window of bytes
 * in flight (backpressure across the thread boundary: the engine's save stream waits instead of
 * piling up in the worker's memory).
 */
export class ChunkQueue {
  private readonly chunks: Buffer[] = [];
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private consumed = 0;
  private lastAck = 0;

  constructor(
    private readonly onConsumed: (bytes: number) => void,
    private readonly ackEvery = 4 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    if (this.ended) return;
    this.chunks.push(chunk);
    this.notify();
  }

  /** No more chunks; with an error, the reader fails with it once the queued chunks are read. */
  end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    if (error) this.failure = error;
    this.notify();
  }

  /** Stops at once (cancel): queued chunks are dropped and the reader fails with `error`. */
  fail(error: Error): void {
    this.chunks.length = 0;
    this.ended = true;
    this.failure = error;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.consumed += chunk.byteLength;
        if (this.consumed - this.lastAck >= this.ackEvery) {
          this.lastAck = this.consumed;
          this.onConsumed(this.consumed);
        }
        yield chunk;
        continue;
      }
      if (this.ended) {
        if (this.failure) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
