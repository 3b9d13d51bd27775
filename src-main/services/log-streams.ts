/**
 * Follows a container's logs for the window: demultiplexes the engine's stream, coalesces what
 * arrives into at most one event per stream per 100 ms (so at most ~20 events a second), and
 * keeps memory bounded by pausing the engine's stream while too much text waits to be sent.
 * Ends when the engine closes the stream (the container stopped) or the signal aborts.
 */
import { StringDecoder } from 'node:string_decoder';
import type { LogStream } from '../../src-shared/containers-dto';
import type { EngineClient } from '../docker/engine-client';
import { createDemuxer } from '../docker/containers/demux';
import { containerHasTty, openLogStream, type LogOptions } from '../docker/containers/logs';

export const FLUSH_INTERVAL_MS = 100;
/** Pending text above which the engine's stream is paused until the next flush. */
export const HIGH_WATER_CHARS = 128 * 1024;

export type FollowEnd = 'stopped' | 'cancelled';

/** Gathers text per stream between flushes; pure, so its limits can be tested without an engine. */
export class ChunkCoalescer {
  private readonly pending: Record<LogStream, string> = { stdout: '', stderr: '' };
  private readonly decoders: Record<LogStream, StringDecoder> = {
    stdout: new StringDecoder('utf8'),
    stderr: new StringDecoder('utf8'),
  };

  add(stream: LogStream, bytes: Buffer): void {
    this.pending[stream] += this.decoders[stream].write(bytes);
  }

  size(): number {
    return this.pending.stdout.length + this.pending.stderr.length;
  }

  /** What waited, one item per stream that has text; `final` also flushes cut-off characters. */
  take(final = false): Array<{ stream: LogStream; text: string }> {
    const out: Array<{ stream: LogStream; text: string }> = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = this.pending[stream] + (final ? this.decoders[stream].end() : '');
      this.pending[stream] = '';
      if (text !== '') out.push({ stream, text });
    }
    return out;
  }
}

export interface FollowOptions extends LogOptions {
  signal: AbortSignal;
  onChunk: (chunk: { stream: LogStream; text: string }) => void;
}

export async function followContainerLogs(
  docker: EngineClient,
  id: string,
  opts: FollowOptions,
): Promise<FollowEnd> {
  if (opts.signal.aborted) return 'cancelled';
  const tty = await containerHasTty(docker, id);
  const stream = await openLogStream(docker, id, {
    follow: true,
    timestamps: opts.timestamps,
    ...(opts.tail !== undefined ? { tail: opts.tail } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
  });
  const demux = createDemuxer(tty);
  const coalescer = new ChunkCoalescer();
  const flush = (final = false): void => {
    for (const chunk of coalescer.take(final)) opts.onChunk(chunk);
    if (stream.isPaused()) stream.resume();
  };
  const timer = setInterval(flush, FLUSH_INTERVAL_MS);
  try {
    return await new Promise<FollowEnd>((resolve, reject) => {
      const onAbort = (): void => {
        stream.destroy();
        resolve('cancelled');
      };
      opts.signal.addEventListener('abort', onAbort, { once: true });
      // Cancelled while the stream was being opened: the event has passed, so act on it now.
      if (opts.signal.aborted) onAbort();
      stream.on('data', (chunk: Buffer) => {
        for (const piece of demux.push(chunk)) coalescer.add(piece.stream, piece.bytes);
        if (coalescer.size() > HIGH_WATER_CHARS) stream.pause();
      });
      const done = (): void => {
        opts.signal.removeEventListener('abort', onAbort);
        resolve(opts.signal.aborted ? 'cancelled' : 'stopped');
      };
      stream.once('end', done);
      stream.once('close', done);
      stream.once('error', (err) => {
        opts.signal.removeEventListener('abort', onAbort);
        if (opts.signal.aborted) resolve('cancelled');
        else reject(err);
      });
    });
  } finally {
    clearInterval(timer);
    flush(true);
    stream.destroy();
  }
}
