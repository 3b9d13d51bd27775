/**
 * A `POST` whose body is a whole file, to the engine over a plain socket (engine-get.ts says which
 * engines have one), for uploads too large for a general-purpose HTTP client to carry at full speed
 * (an image load is hundreds of megabytes). The file goes as it is under a Content-Length (no chunk
 * framing), read in 1 MiB pieces into a few buffers that are reused (no allocation per read, no
 * garbage), the next reads overlapping the socket's write of the last one; a piece is read again
 * only once the socket has handed it to the kernel, which paces the file to the engine. The answer
 * (JSON lines, small) is handed over as it arrives.
 */
import type { FileHandle } from 'node:fs/promises';
import type net from 'node:net';
import {
  connectPlain,
  ExchangeState,
  keepReadingOnWriteError,
  requestHead,
  watchExchange,
} from './engine-exchange';
import { httpError, type PlainTarget } from './engine-get';
import { HttpResponseDecoder, type ResponseHead } from './http-response';

export interface PostFile {
  /** Open for reading; the caller closes it once the answer is in. */
  handle: FileHandle;
  /** Bytes sent, from offset 0: the Content-Length. */
  size: number;
  contentType: string;
}

export interface PostOptions {
  signal?: AbortSignal;
  /** Bytes of the file handed to the socket so far. */
  onSent?: (bytes: number) => void;
}

export interface PostAnswer extends AsyncIterable<Buffer> {
  readonly head: ResponseHead;
  /** Closes the connection (the iteration then ends with an error if it was not finished). */
  destroy(): void;
}

const PIECE = 1 << 20;
const PIECES = 4;
const MAX_ERROR_BODY = 64 * 1024;
/** After a failed write, how long the engine's answer is waited for (the end of the connection, usually at once). */
const ANSWER_GRACE_MS = 2000;

/**
 * Sends `POST path` with the file as its body; resolves once the answer's head is in with a 2xx
 * status (for a load, usually after the whole file is sent). An error status rejects with an
 * EngineHttpError, a failed connection or file read with its error, an abort with an AbortError.
 * An engine that refuses the file early answers and closes while it is still being sent: a write
 * then fails, the sending stops, and the answer is still read (up to ANSWER_GRACE_MS) so that the
 * engine's reason wins over the write error, which is reported only if no answer came.
 */
export function enginePostFile(
  target: PlainTarget,
  path: string,
  file: PostFile,
  opts: PostOptions = {},
): Promise<PostAnswer> {
  const { signal } = opts;
  return new Promise((resolve, reject) => {
    let head: ResponseHead | null = null;
    let errorBody: Buffer[] | null = null;
    let errorBytes = 0;
    const received: Buffer[] = [];
    const state = new ExchangeState();
    const pieces = new PiecePool(PIECE, PIECES);

    const decoder = new HttpResponseDecoder({
      head(h) {
        head = h;
        if (h.status >= 200 && h.status <= 299) resolve(answer());
        else errorBody = [];
      },
      data(span) {
        if (!errorBody) received.push(span);
        else if (errorBytes < MAX_ERROR_BODY) {
          errorBody.push(span);
          errorBytes += span.length;
        }
      },
      end() {
        pieces.close();
        socket.destroy();
        if (errorBody) reject(httpError(head!.status, Buffer.concat(errorBody).toString('utf8')));
        state.notify();
      },
    });

    let writeError: Error | null = null;
    let grace: NodeJS.Timeout | undefined;
    const onWriteError = (err: Error): void => {
      if (writeError || state.failure || decoder.done) return;
      writeError = err;
      pieces.close();
      grace = setTimeout(() => fail(err), ANSWER_GRACE_MS);
    };
    /** After a failed write: the engine's error answer if it began one, the write error if nothing came. */
    const reason = (err: Error): Error => {
      if (!writeError || signal?.aborted) return err;
      if (errorBody) return httpError(head!.status, Buffer.concat(errorBody).toString('utf8'));
      return head ? err : writeError;
    };

    const fail = (cause: Error): void => {
      const err = reason(cause);
      if (!state.failed(err, decoder.done)) return;
      pieces.close();
      socket.destroy();
      reject(err);
      state.notify();
    };

    // Without `onread` every read is a new buffer, so the decoder's spans can be kept as they are.
    const socket = connectPlain(target);
    socket.on('data', (chunk: Buffer) => {
      try {
        decoder.feed(chunk);
      } catch (err) {
        fail(err as Error);
        return;
      }
      state.notify();
    });
    keepReadingOnWriteError(socket, onWriteError);
    socket.on('close', () => clearTimeout(grace));
    watchExchange(socket, decoder, fail, signal);
    if (signal?.aborted) return;

    socket.write(
      requestHead(target, 'POST', path, [
        `Content-Type: ${file.contentType}`,
        `Content-Length: ${file.size}`,
      ]),
    );
    sendFile(socket, file, pieces, opts.onSent).catch((err: unknown) => fail(err as Error));

    function answer(): PostAnswer {
      return {
        head: head!,
        destroy: () => fail(new Error('the response was closed before its end')),
        async *[Symbol.asyncIterator]() {
          for (;;) {
            if (received.length > 0) {
              yield* received.splice(0);
              continue;
            }
            if (state.failure) throw state.failure;
            if (decoder.done) return;
            await state.wait();
          }
        },
      };
    }
  });
}

/** Reads the file piece by piece into the pool's buffers and writes each to the socket. */
async function sendFile(
  socket: net.Socket,
  file: PostFile,
  pieces: PiecePool,
  onSent: ((bytes: number) => void) | undefined,
): Promise<void> {
  let sent = 0;
  while (sent < file.size) {
    const piece = await pieces.take();
    if (!piece) return; // the exchange is over: answered, failed or aborted
    const want = Math.min(piece.length, file.size - sent);
    const { bytesRead } = await file.handle.read(piece, 0, want, sent);
    if (pieces.closed) return;
    if (bytesRead === 0) {
      throw new Error(`the file got shorter while it was sent (${sent} of ${file.size} bytes)`);
    }
    sent += bytesRead;
    socket.write(bytesRead === piece.length ? piece : piece.subarray(0, bytesRead), () => pieces.give(piece));
    onSent?.(sent);
  }
}

/** A few buffers lent out for reads and given back once the socket has written them. */
class PiecePool {
  private readonly free: Buffer[] = [];
  private made = 0;
  private waiter: ((piece: Buffer | null) => void) | null = null;
  closed = false;

  constructor(
    private readonly size: number,
    private readonly count: number,
  ) {}

  /** A free buffer, once there is one; null once the pool is closed. */
  take(): Promise<Buffer | null> {
    if (this.closed) return Promise.resolve(null);
    const piece = this.free.pop() ?? (this.made < this.count ? this.make() : undefined);
    if (piece) return Promise.resolve(piece);
    return new Promise((r) => (this.waiter = r));
  }

  give(piece: Buffer): void {
    const w = this.waiter;
    this.waiter = null;
    if (w) w(this.closed ? null : piece);
    else this.free.push(piece);
  }

  close(): void {
    this.closed = true;
    const w = this.waiter;
    this.waiter = null;
    w?.(null);
  }

  private make(): Buffer {
    this.made++;
    return Buffer.allocUnsafe(this.size);
  }
}
