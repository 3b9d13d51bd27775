/**
 * A streamed `GET` on the engine over a plain socket (unix socket, named pipe, or tcp without
 * TLS), for responses too large for dockerode's stream to carry at full speed: the socket reads
 * straight into 1 MiB segments (no per-read allocation), the HTTP framing is decoded in place,
 * and the consumer takes what arrived since its last turn (at least 1 MiB, or the rest) as one
 * batch of spans, so a file gets few, large writes. TLS and ssh engines are left to dockerode (see `plainTargetOf`).
 */
import type { EngineClient } from '../engine-client';
import { connectPlain, ExchangeState, requestHead, watchExchange } from './engine-exchange';
import { HttpResponseDecoder, type ResponseHead } from './http-response';

export type PlainTarget =
  | { kind: 'socket'; path: string; prefix: string }
  | { kind: 'tcp'; host: string; port: number; prefix: string };

/** The fields of docker-modem this reads (its typings do not describe them). */
interface ModemFields {
  socketPath?: unknown;
  getSocketPath?: () => Promise<unknown> | undefined;
  host?: unknown;
  port?: unknown;
  protocol?: unknown;
  version?: unknown;
  pathPrefix?: unknown;
  agent?: unknown;
  headers?: Record<string, unknown>;
}

/** Where a plain-socket request can go for this client, or null (TLS, ssh, custom agent...). */
export async function plainTargetOf(docker: EngineClient): Promise<PlainTarget | null> {
  const m = docker.modem as ModemFields;
  if (m.agent || (m.headers && Object.keys(m.headers).length > 0)) return null;
  const version = typeof m.version === 'string' && m.version ? `/${m.version}` : '';
  if (m.socketPath) {
    const path = await m.getSocketPath?.call(m);
    return typeof path === 'string' && path ? { kind: 'socket', path, prefix: version } : null;
  }
  const prefix = typeof m.pathPrefix === 'string' ? m.pathPrefix.replace(/\/+$/, '') : '';
  if (typeof m.host !== 'string' || !m.host || m.protocol !== 'http') return null;
  const port = Number(m.port) || 2375;
  return { kind: 'tcp', host: m.host, port, prefix: `${prefix}${version}` };
}

/** An HTTP error answer, shaped like docker-modem's (`statusCode`, `json`) for toAppError. */
export class EngineHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: { message?: string } | null,
    body: string,
  ) {
    super(`(HTTP code ${statusCode}) ${json?.message ?? body.trim()}`);
  }
}

export interface GetOptions {
  signal?: AbortSignal;
  /**
   * Reuse the read buffers: a batch's spans are then valid only until the next batch is asked
   * for (a consumer that writes each batch before taking the next one). Saves the garbage
   * collector a gigabyte of buffers per gigabyte read.
   */
  recycle?: boolean;
}

export interface EngineBody extends AsyncIterable<Buffer[]> {
  readonly head: ResponseHead;
  /** Closes the connection (the iteration then ends with an error if it was not finished). */
  destroy(): void;
}

const SEGMENT = 1 << 20;
const MIN_READ = 64 * 1024;
/** Bytes held for a consumer that is behind before the socket stops reading. */
const MAX_PENDING = 16 << 20;
/** A batch waits for this many bytes (or the end): fewer, larger file writes. */
const MIN_BATCH = 1 << 20;
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Sends `GET path` and resolves once the response head is in with a 2xx status; an error status
 * rejects with an EngineHttpError (the engine's JSON message), a failed connection with its
 * system error (code ENOENT, ECONNREFUSED...).
 */
export function engineGet(target: PlainTarget, path: string, opts: GetOptions = {}): Promise<EngineBody> {
  const { signal } = opts;
  return new Promise((resolve, reject) => {
    const segments = new SegmentPool(opts.recycle === true);
    let segment = segments.take();
    let used = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const state = new ExchangeState();
    let head: ResponseHead | null = null;
    let errorBody: Buffer[] | null = null;
    let paused = false;

    const fail = (err: Error): void => {
      if (!state.failed(err, decoder.done)) return;
      socket.destroy();
      reject(err);
      state.notify();
    };
    const decoder = new HttpResponseDecoder({
      head(h) {
        head = h;
        if (h.status < 200 || h.status > 299) errorBody = [];
      },
      data(span) {
        if (errorBody) {
          if (errorBody.reduce((n, b) => n + b.length, 0) < MAX_ERROR_BODY) errorBody.push(Buffer.from(span));
          return;
        }
        pending.push(span);
        pendingBytes += span.length;
      },
      end() {
        socket.destroy();
        if (errorBody) reject(httpError(head!.status, Buffer.concat(errorBody).toString('utf8')));
        else resolve(body());
        state.notify();
      },
    });

    const onread = {
      buffer: (): Buffer => {
        if (SEGMENT - used < MIN_READ) {
          segments.retire(segment);
          segment = segments.take();
          used = 0;
        }
        return segment.subarray(used);
      },
      callback: (n: number, buf: Buffer): boolean => {
        const chunk = buf.subarray(0, n);
        used += n;
        try {
          const hadHead = head !== null;
          decoder.feed(chunk);
          if (!hadHead && head && !errorBody && !decoder.done) resolve(body());
        } catch (err) {
          fail(err as Error);
          return false;
        }
        state.notify();
        paused = pendingBytes >= MAX_PENDING;
        return !paused;
      },
    };
    const socket = connectPlain(target, onread);
    // Flowing, so 'end' is emitted (with onread no 'data' events come; the reads go to the segments).
    socket.resume();
    socket.write(requestHead(target, 'GET', path));
    watchExchange(socket, decoder, fail, signal);

    function body(): EngineBody {
      return {
        head: head!,
        destroy: () => fail(new Error('the response was closed before its end')),
        async *[Symbol.asyncIterator]() {
          for (;;) {
            if (pending.length > 0 && (pendingBytes >= MIN_BATCH || decoder.done || state.failure)) {
              const batch = pending;
              segments.handOut();
              pending = [];
              pendingBytes = 0;
              if (paused) {
                paused = false;
                socket.resume();
              }
              yield batch;
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

/**
 * Read segments, reused when asked: a segment the reads have moved past is free once the batch
 * that held its last spans is done with, i.e. when the batch after that one is handed out.
 */
class SegmentPool {
  private readonly free: Buffer[] = [];
  private retired: Buffer[] = [];
  private inHand: Buffer[] = [];

  constructor(private readonly recycle: boolean) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafe(SEGMENT);
  }

  retire(segment: Buffer): void {
    if (this.recycle) this.retired.push(segment);
  }

  /** A batch is handed out: the previous one is done with. */
  handOut(): void {
    if (!this.recycle) return;
    this.free.push(...this.inHand);
    this.inHand = this.retired;
    this.retired = [];
  }
}

export function httpError(status: number, text: string): EngineHttpError {
  let json: { message?: string } | null;
  try {
    json = JSON.parse(text) as { message?: string };
  } catch {
    json = null;
  }
  return new EngineHttpError(status, json, text);
}
