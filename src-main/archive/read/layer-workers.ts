/**
 * Layer scans on worker threads, so the layers of a big archive are parsed on every core while
 * this thread merges the ones already done. A worker reads with readSync (a positioned read
 * then costs ~2 us instead of a round trip through the thread pool) and sends its entries
 * packed (packed-entries.ts).
 *
 * The worker runs the built module this code is bundled in (it serves jobs when it finds its tag
 * in workerData), so there is no extra entry point to locate. From TypeScript sources (tests) no
 * worker can start: `LayerWorkers.open` returns null and callers scan in their own thread, as
 * they do if a worker fails to start or dies (WorkerUnavailable).
 */
import { closeSync, openSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { ArchiveError, type LayerScan } from '../model';
import { EntryPacker, unpackScan, type PackedScan } from './packed-entries';
import { scanLayer, type LayerJob } from './scan-layer';

const TAG = 'strata-layer-scan';

interface Request {
  id: number;
  job: LayerJob;
}

interface FailureInfo {
  message: string;
  archive?: { file: string; reason: string; code: ArchiveError['code'] };
}

type Reply =
  | { id: number; scan: PackedScan }
  | { id: number; failure: FailureInfo }
  /** Bytes of the blob scanned so far (scan-layer's onBytes), before the scan's answer. */
  | { id: number; progress: number };

/** The worker could not run the job (it did not start, or died): scan in-thread instead. */
export class WorkerUnavailable extends Error {}

function serve(port: MessagePort): void {
  port.on('message', ({ id, job }: Request) => {
    void (async (): Promise<Reply> => {
      let fd = -1;
      try {
        fd = openSync(job.path, 'r');
        const packer = new EntryPacker();
        const onBytes = (n: number): void => port.postMessage({ id, progress: n } satisfies Reply);
        const { entries: _none, ...scan } = await scanLayer(fd, job, { onBytes }, packer.push);
        return { id, scan: { ...scan, packed: packer.finish() } };
      } catch (err) {
        const failure: FailureInfo = { message: err instanceof Error ? err.message : String(err) };
        if (err instanceof ArchiveError)
          failure.archive = { file: err.file, reason: err.reason, code: err.code };
        return { id, failure };
      } finally {
        if (fd >= 0) closeSync(fd);
      }
    })().then((reply) =>
      port.postMessage(reply, 'scan' in reply ? [reply.scan.packed.nums.buffer as ArrayBuffer] : []),
    );
  });
}

if (!isMainThread && parentPort && (workerData as { tag?: unknown } | null)?.tag === TAG) serve(parentPort);

interface Pending {
  job: LayerJob;
  resolve: (scan: LayerScan) => void;
  reject: (err: unknown) => void;
  onBytes?: (n: number) => void;
}

export class LayerWorkers {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private closed = false;
  private nextId = 0;

  /** A pool of `count` workers, or null where none can start (sources run by a test runner). */
  static open(count: number): LayerWorkers | null {
    const script = typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : null;
    if (!script || count < 1) return null;
    try {
      return new LayerWorkers(script, count);
    } catch {
      return null;
    }
  }

  private constructor(script: string, count: number) {
    for (let i = 0; i < count; i++) {
      // A small young generation: a worker's garbage is entries that die at once (they are
      // packed as they come), and the default (~3 x 16 MiB) would add that much RSS per worker.
      const w = new Worker(script, {
        workerData: { tag: TAG },
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      });
      w.on('message', (reply: Reply) => this.settle(w, reply));
      w.on('error', (err) => this.fail(w, err));
      w.on('exit', () => this.fail(w, new Error('layer worker exited')));
      this.idle.push(w);
    }
  }

  /** Scans `job` on a worker; `onBytes` hears the bytes of the blob done, now and then. */
  scan(job: LayerJob, onBytes?: (n: number) => void): Promise<LayerScan> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new WorkerUnavailable('layer workers closed'));
      this.queue.push({ job, resolve, reject, ...(onBytes ? { onBytes } : {}) });
      this.pump();
    });
  }

  /** Stops every worker; jobs not finished are rejected with `reason`. */
  async close(reason: unknown = new WorkerUnavailable('layer workers closed')): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const workers = [...this.idle, ...this.busy.keys()];
    for (const p of [...this.busy.values(), ...this.queue]) p.reject(reason);
    this.busy.clear();
    this.queue.length = 0;
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const p = this.queue.shift()!;
      this.busy.set(w, p);
      w.postMessage({ id: this.nextId++, job: p.job } satisfies Request);
    }
    if (this.idle.length === 0 && this.busy.size === 0)
      for (const p of this.queue.splice(0)) p.reject(new WorkerUnavailable('no layer worker left'));
  }

  private settle(w: Worker, reply: Reply): void {
    const p = this.busy.get(w);
    if (!p) return;
    if ('progress' in reply) return p.onBytes?.(reply.progress);
    this.busy.delete(w);
    this.idle.push(w);
    // The worker gets its next layer before this one is unpacked and merged here.
    this.pump();
    if ('scan' in reply) p.resolve(unpackScan(reply.scan));
    else {
      const a = reply.failure.archive;
      p.reject(a ? new ArchiveError(a.file, a.reason, a.code) : new Error(reply.failure.message));
    }
  }

  private fail(w: Worker, err: unknown): void {
    if (this.closed) return;
    const p = this.busy.get(w);
    this.busy.delete(w);
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
    void w.terminate();
    p?.reject(
      new WorkerUnavailable(`layer worker failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    this.pump();
  }
}
