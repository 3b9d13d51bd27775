/**
 * Main's handle on the archive analyzer: requests go to a worker thread (so the window never
 * freezes and a crash in analysis cannot take main down), or run in-process where no built
 * worker exists (unit tests on sources). Same protocol either way.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ArchiveAnalysis, TreeEntryDto } from '../../src-shared/archive-analysis';
import { ArchiveError } from '../archive/model';
import { removeOwnTemps } from '../fs/atomic-file';
import { WriteFileError } from '../fs/write-error';
import type { ReadProgress } from '../archive/read/read-archive';
import type {
  AnalyzeRequest,
  ChildrenRequest,
  FileRequest,
  StreamAnalyzeRequest,
  VerifyResult,
} from '../archive/session/session-store';
import type { FileContentMessage, FromWorker, ToWorker, WorkerError } from '../archive/worker/protocol';
import { createRequestHandler } from '../archive/worker/serve-requests';

type Pending = {
  resolve: (msg: FromWorker) => void;
  reject: (err: Error) => void;
  onProgress?: (p: ReadProgress) => void;
  /** Streamed sources: how many bytes the worker has read. */
  onAck?: (bytes: number) => void;
  /** A file save: where the worker writes (its temp file is removed if the worker dies). */
  destPath?: string;
};

/** Chunks of a streamed source are batched to about this size before crossing to the worker. */
const STREAM_BATCH = 1024 * 1024;
/** At most this many bytes sent and not yet read by the worker (it acks every 4 MiB). */
const STREAM_WINDOW = 16 * 1024 * 1024;

type AnalyzeReply = { sessionId: string; analysis: ArchiveAnalysis; cached: boolean };

function fromWorkerError(e: WorkerError): Error {
  if (e.name === 'WriteFileError' && e.file !== undefined && e.code !== undefined) {
    return new WriteFileError(e.file, e.code, e.message);
  }
  if (e.file !== undefined && e.reason !== undefined) {
    return new ArchiveError(e.file, e.reason, (e.code as ArchiveError['code'] | undefined) ?? 'CORRUPT');
  }
  // A bad layer index or similar argument error keeps its type, so IPC can answer INVALID_ARGUMENT.
  if (e.name === 'RangeError') return new RangeError(e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

export class AnalysisHost {
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private worker: Worker | null = null;
  private post!: (msg: ToWorker, transfer?: ArrayBuffer[]) => void;

  /** `workerScript`: the built analysis-worker.js; without it, analysis runs in this thread. */
  constructor(private readonly workerScript?: string) {
    if (workerScript && existsSync(workerScript)) {
      this.post = (msg, transfer) => this.ensureWorker().postMessage(msg, transfer ?? []);
    } else {
      this.runInProcess();
    }
  }

  private inProcess = false;
  /** The worker answered at least once: a later failure is a crash, not a worker that cannot start. */
  private workerAnswered = false;

  private runInProcess(): void {
    this.inProcess = true;
    const handle = createRequestHandler((msg) => queueMicrotask(() => this.receive(msg)));
    this.post = (msg) => handle(msg);
  }

  get threaded(): boolean {
    return !this.inProcess;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerScript!);
    w.on('message', (msg: FromWorker) => {
      this.workerAnswered = true;
      this.receive(msg);
    });
    // A dead worker fails what it was doing; the next request starts a new one (sessions are lost).
    // One that cannot even start (say a packaged build that cannot load it) is not retried: later
    // requests run in this thread, slower but working.
    let dead = false;
    const fail = (err: Error): void => {
      // 'error' is followed by 'exit': fail once, and never the requests of whatever runs next.
      if (dead) return;
      dead = true;
      if (this.worker === w) this.worker = null;
      if (!this.workerAnswered && !this.inProcess) {
        console.warn(`analysis worker could not start (${err.message}); analyzing in the main process`);
        this.runInProcess();
      }
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        const stopped = new ArchiveError(
          'analysis',
          `the analysis worker stopped (${err.message})`,
          'CORRUPT',
        );
        if (p.destPath) void removeOwnTemps(p.destPath).finally(() => p.reject(stopped));
        else p.reject(stopped);
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    w.unref();
    this.worker = w;
    return w;
  }

  private receive(msg: FromWorker): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    if (msg.type === 'streamAck') {
      p.onAck?.(msg.bytes);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(fromWorkerError(msg.error));
    else p.resolve(msg);
  }

  private request(
    make: (id: number) => ToWorker,
    onProgress?: (p: ReadProgress) => void,
    signal?: AbortSignal,
    destPath?: string,
  ): Promise<FromWorker> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve,
        reject,
        ...(onProgress ? { onProgress } : {}),
        ...(destPath ? { destPath } : {}),
      });
      // The request first: a cancel the worker gets before it is ignored (nothing runs under its id yet).
      this.post(make(id));
      if (signal) {
        if (signal.aborted) this.post({ type: 'cancel', id });
        else signal.addEventListener('abort', () => this.post({ type: 'cancel', id }), { once: true });
      }
    });
  }

  async analyze(
    request: AnalyzeRequest,
    opts: { onProgress?: (p: ReadProgress) => void; signal?: AbortSignal } = {},
  ): Promise<{ sessionId: string; analysis: ArchiveAnalysis; cached: boolean }> {
    const msg = await this.request((id) => ({ type: 'analyze', id, request }), opts.onProgress, opts.signal);
    if (msg.type !== 'analyzed') throw new Error(`unexpected reply ${msg.type}`);
    return { sessionId: msg.sessionId, analysis: msg.analysis, cached: msg.cached };
  }

  /**
   * Analyzes an archive read from a stream (the engine's `save`) with no temp file. `open` is
   * called only when the worker has no cached analysis for `request.cacheKey`; its chunks cross
   * to the worker as transferred ArrayBuffers, with at most STREAM_WINDOW bytes unread there.
   */
  analyzeStream(
    request: StreamAnalyzeRequest,
    open: () => Promise<AsyncIterable<Buffer>>,
    opts: { onProgress?: (p: ReadProgress) => void; signal?: AbortSignal } = {},
  ): Promise<AnalyzeReply> {
    const id = ++this.seq;
    return new Promise<AnalyzeReply>((resolve, reject) => {
      let settled = false;
      let started = false;
      let acked = 0;
      let wake: (() => void) | null = null;
      let openSource: AsyncIterable<Buffer> | null = null;
      const poke = (): void => {
        const w = wake;
        wake = null;
        w?.();
      };
      const settle = (): void => {
        settled = true;
        this.pending.delete(id);
        opts.signal?.removeEventListener('abort', cancel);
        // Stop the producer now (a cancelled `save` must not keep the engine busy).
        (openSource as { destroy?: () => void } | null)?.destroy?.();
        poke();
      };
      function cancel(): void {
        if (settled) return;
        post({ type: 'cancel', id });
        settle();
        reject(new ArchiveError(request.name, 'cancelled', 'CANCELLED'));
      }
      const post = this.post;
      const pump = async (): Promise<void> => {
        let source: AsyncIterable<Buffer>;
        try {
          source = await open();
          openSource = source;
          if (settled) (source as { destroy?: () => void }).destroy?.();
        } catch (err) {
          // The engine refused (no such image...): that error, not the worker's, is the answer.
          if (settled) return;
          settle();
          this.post({ type: 'cancel', id });
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        let batch: Buffer[] = [];
        let batchBytes = 0;
        let sent = 0;
        const flush = (): void => {
          if (batchBytes === 0) return;
          // A fresh ArrayBuffer: socket chunks are views into shared pools that must not be transferred.
          const data = new ArrayBuffer(batchBytes);
          const view = new Uint8Array(data);
          let at = 0;
          for (const b of batch) {
            view.set(b, at);
            at += b.byteLength;
          }
          sent += batchBytes;
          batch = [];
          batchBytes = 0;
          this.post({ type: 'streamChunk', id, data }, [data]);
        };
        try {
          for await (const chunk of source) {
            if (settled) break;
            batch.push(chunk);
            batchBytes += chunk.byteLength;
            if (batchBytes >= STREAM_BATCH) flush();
            while (!settled && sent - acked > STREAM_WINDOW) await new Promise<void>((r) => (wake = r));
          }
          if (!settled) {
            flush();
            this.post({ type: 'streamEnd', id });
          }
        } catch (err) {
          if (!settled)
            this.post({ type: 'streamEnd', id, error: `the stream failed: ${(err as Error).message}` });
        } finally {
          (source as { destroy?: () => void }).destroy?.();
        }
      };
      this.pending.set(id, {
        resolve: (msg) => {
          settle();
          if (msg.type === 'analyzed')
            resolve({ sessionId: msg.sessionId, analysis: msg.analysis, cached: msg.cached });
          else reject(new Error(`unexpected reply ${msg.type}`));
        },
        reject: (err) => {
          settle();
          reject(err);
        },
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        onAck: (bytes) => {
          acked = bytes;
          if (!started) {
            started = true;
            void pump();
          }
          poke();
        },
      });
      const signal = opts.signal;
      if (signal) {
        if (signal.aborted) {
          cancel();
          return;
        }
        signal.addEventListener('abort', cancel, { once: true });
      }
      this.post({ type: 'analyzeStream', id, request });
    });
  }

  async children(request: ChildrenRequest): Promise<TreeEntryDto[]> {
    const msg = await this.request((id) => ({ type: 'children', id, request }));
    if (msg.type !== 'children') throw new Error(`unexpected reply ${msg.type}`);
    return msg.entries;
  }

  async readFile(request: FileRequest): Promise<FileContentMessage> {
    const msg = await this.request((id) => ({ type: 'readFile', id, request }));
    if (msg.type !== 'file') throw new Error(`unexpected reply ${msg.type}`);
    return msg.file;
  }

  async saveFile(request: FileRequest, destPath: string, signal?: AbortSignal): Promise<number> {
    const msg = await this.request(
      (id) => ({ type: 'saveFile', id, request, destPath }),
      undefined,
      signal,
      destPath,
    );
    if (msg.type !== 'saved') throw new Error(`unexpected reply ${msg.type}`);
    return msg.bytes;
  }

  async verify(
    sessionId: string,
    opts: { onProgress?: (p: ReadProgress) => void; signal?: AbortSignal } = {},
  ): Promise<VerifyResult[]> {
    const msg = await this.request((id) => ({ type: 'verify', id, sessionId }), opts.onProgress, opts.signal);
    if (msg.type !== 'verified') throw new Error(`unexpected reply ${msg.type}`);
    return msg.layers;
  }

  async close(sessionId: string): Promise<boolean> {
    const msg = await this.request((id) => ({ type: 'close', id, sessionId }));
    return msg.type === 'closed' && msg.closed;
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}
