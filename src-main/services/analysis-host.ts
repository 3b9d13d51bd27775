/**
 * Main's handle on the archive analyzer: requests go to a worker thread (so the window never
 * freezes and a crash in analysis cannot take main down), or run in-process where no built
 * worker exists (unit tests on sources). Same protocol either way.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ArchiveAnalysis, TreeEntryDto } from '../../src-shared/archive-analysis';
import { ArchiveError } from '../archive/model';
import type { ReadProgress } from '../archive/read/read-archive';
import type { AnalyzeRequest, ChildrenRequest, FileRequest, VerifyResult } from '../archive/session/session-store';
import type { FileContentMessage, FromWorker, ToWorker, WorkerError } from '../archive/worker/protocol';
import { createRequestHandler } from '../archive/worker/serve-requests';

type Pending = {
  resolve: (msg: FromWorker) => void;
  reject: (err: Error) => void;
  onProgress?: (p: ReadProgress) => void;
};

function fromWorkerError(e: WorkerError): Error {
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
  private post: (msg: ToWorker) => void;

  /** `workerScript`: the built analysis-worker.js; without it, analysis runs in this thread. */
  constructor(private readonly workerScript?: string) {
    if (workerScript && existsSync(workerScript)) {
      this.post = (msg) => this.ensureWorker().postMessage(msg);
    } else {
      const handle = createRequestHandler((msg) => queueMicrotask(() => this.receive(msg)));
      this.post = (msg) => handle(msg);
    }
  }

  get threaded(): boolean {
    return !!this.workerScript && existsSync(this.workerScript);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerScript!);
    w.on('message', (msg: FromWorker) => this.receive(msg));
    // A dead worker fails what it was doing; the next request starts a new one (sessions are lost).
    const fail = (err: Error): void => {
      if (this.worker === w) this.worker = null;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.reject(new ArchiveError('analysis', `the analysis worker stopped (${err.message})`, 'CORRUPT'));
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
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(fromWorkerError(msg.error));
    else p.resolve(msg);
  }

  private request(make: (id: number) => ToWorker, onProgress?: (p: ReadProgress) => void, signal?: AbortSignal): Promise<FromWorker> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      if (signal) {
        if (signal.aborted) this.post({ type: 'cancel', id });
        else signal.addEventListener('abort', () => this.post({ type: 'cancel', id }), { once: true });
      }
      this.post(make(id));
    });
  }

  async analyze(request: AnalyzeRequest, opts: { onProgress?: (p: ReadProgress) => void; signal?: AbortSignal } = {}): Promise<{ sessionId: string; analysis: ArchiveAnalysis; cached: boolean }> {
    const msg = await this.request((id) => ({ type: 'analyze', id, request }), opts.onProgress, opts.signal);
    if (msg.type !== 'analyzed') throw new Error(`unexpected reply ${msg.type}`);
    return { sessionId: msg.sessionId, analysis: msg.analysis, cached: msg.cached };
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
    const msg = await this.request((id) => ({ type: 'saveFile', id, request, destPath }), undefined, signal);
    if (msg.type !== 'saved') throw new Error(`unexpected reply ${msg.type}`);
    return msg.bytes;
  }

  async verify(sessionId: string, opts: { onProgress?: (p: ReadProgress) => void; signal?: AbortSignal } = {}): Promise<VerifyResult[]> {
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
