/**
 * What the plain-socket requests to the engine share (engine-get.ts, engine-post.ts): the
 * connection, the request head, the ways an exchange fails (socket error, an end before the
 * response's end, the abort signal), and the wake-up of a consumer waiting for more.
 */
import net from 'node:net';
import type { PlainTarget } from './engine-get';
import type { HttpResponseDecoder } from './http-response';

/** A connection to the engine (reads into `onread`'s buffers when given). */
export function connectPlain(target: PlainTarget, onread?: net.OnReadOpts): net.Socket {
  return target.kind === 'socket'
    ? net.connect({ path: target.path, ...(onread ? { onread } : {}) })
    : net.connect({ host: target.host, port: target.port, ...(onread ? { onread } : {}) });
}

/** The request line and headers of a one-request connection (`extra`: more header lines). */
export function requestHead(target: PlainTarget, method: string, path: string, extra: string[] = []): string {
  const host = target.kind === 'tcp' ? `${target.host}:${target.port}` : 'docker';
  const lines = [`${method} ${target.prefix}${path} HTTP/1.1`, `Host: ${host}`, 'User-Agent: strata'];
  lines.push('Accept: */*', ...extra, 'Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Calls `fail` on a socket error, on an end or close before the response's end, and when the
 * signal fires (at once if it already has).
 */
export function watchExchange(
  socket: net.Socket,
  decoder: HttpResponseDecoder,
  fail: (err: Error) => void,
  signal: AbortSignal | undefined,
): void {
  socket.on('error', (err) => fail(err));
  socket.on('end', () => {
    try {
      decoder.close();
    } catch (err) {
      fail(err as Error);
    }
  });
  socket.on('close', () => {
    if (!decoder.done) fail(new Error('the engine closed the connection before the end of the response'));
  });
  const onAbort = (): void => fail(abortError());
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  socket.on('close', () => signal?.removeEventListener('abort', onAbort));
}

/**
 * Keeps a socket whose write fails open for reading: Node destroys it on a write error, dropping
 * what the engine answered but was not read yet (an engine refusing an upload answers and closes
 * while the body is still going, so a write fails with EPIPE or ECONNRESET before its answer is
 * read). The failed write is reported done to the stream; `onError` gets each write error.
 */
export function keepReadingOnWriteError(socket: net.Socket, onError: (err: Error) => void): void {
  const tolerant =
    (cb: (err?: Error | null) => void) =>
    (err?: Error | null): void => {
      if (err) onError(err);
      cb();
    };
  const write = socket._write.bind(socket);
  socket._write = (chunk: unknown, encoding: BufferEncoding, cb: (err?: Error | null) => void): void =>
    write(chunk, encoding, tolerant(cb));
  const writev = socket._writev?.bind(socket);
  if (writev) {
    socket._writev = (chunks: Array<{ chunk: unknown; encoding: BufferEncoding }>, cb): void =>
      writev(chunks, tolerant(cb));
  }
}

/** An exchange's first failure, and the consumer waiting for more of its response. */
export class ExchangeState {
  failure: Error | null = null;
  private waiting: (() => void) | null = null;

  /**
   * Keeps `err` if it is the first failure and the response is not whole (`settled`); true when
   * kept, the caller then closes the exchange, rejects and notifies.
   */
  failed(err: Error, settled: boolean): boolean {
    if (this.failure || settled) return false;
    this.failure = err;
    return true;
  }

  wait(): Promise<void> {
    return new Promise((r) => (this.waiting = r));
  }

  notify(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }
}

export function abortError(): Error {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  return err;
}
