/**
 * The analysis service loop, independent of the transport: the worker thread runs it over its
 * parentPort; tests and the in-process fallback run it over a plain function pair.
 */
import { ArchiveError } from '../model';
import type { ReadProgress } from '../read/read-archive';
import { openAtomic } from '../../fs/atomic-file';
import { WriteFileError } from '../../fs/write-error';
import { SessionStore, type FileRequest } from '../session/session-store';
import { ChunkQueue } from './chunk-queue';
import type { FromWorker, ToWorker, WorkerError } from './protocol';

export function toWorkerError(err: unknown): WorkerError {
  if (err instanceof WriteFileError)
    return { name: err.name, message: err.message, file: err.path, code: err.code };
  if (err instanceof ArchiveError)
    return { name: err.name, message: err.message, file: err.file, reason: err.reason, code: err.code };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** Streams a file of the image into `destPath`, which appears whole or not at all. */
async function saveFile(store: SessionStore, req: FileRequest, destPath: string, signal: AbortSignal): Promise<number> {
  const out = await openAtomic(destPath);
  let bytes = 0;
  try {
    const got = await store.readFile(req, {
      signal,
      onChunk: async (c) => {
        bytes += c.byteLength;
        await out.write(c);
      },
    });
    if (got.kind !== 'file') throw new ArchiveError(destPath, `it is a symlink to ${got.linkTarget}: nothing to save`, 'UNSUPPORTED');
    if (bytes !== got.size) throw new ArchiveError(destPath, `wrote ${bytes} of ${got.size} bytes`, 'CORRUPT');
    await out.commit();
    return bytes;
  } catch (err) {
    await out.abort();
    throw err;
  }
}

export function createRequestHandler(
  send: (msg: FromWorker) => void,
  store = new SessionStore(),
): (msg: ToWorker) => void {
  const running = new Map<number, AbortController>();
  /** Streamed sources being fed by main, by request id. */
  const streams = new Map<number, ChunkQueue>();
  /** At most ~20 progress messages a second cross the thread boundary. */
  const throttledProgress = (id: number) => {
    let last = 0;
    return (progress: ReadProgress): void => {
      const now = Date.now();
      if (now - last < 50 && progress.bytesDone < progress.bytesTotal) return;
      last = now;
      send({ type: 'progress', id, progress });
    };
  };
  return (msg) => {
    switch (msg.type) {
      case 'analyze': {
        const controller = new AbortController();
        running.set(msg.id, controller);
        store
          .analyze(msg.request, { signal: controller.signal, onProgress: throttledProgress(msg.id) })
          .then(
            (r) => send({ type: 'analyzed', id: msg.id, ...r }),
            (err: unknown) => send({ type: 'error', id: msg.id, error: toWorkerError(err) }),
          )
          .finally(() => running.delete(msg.id));
        return;
      }
      case 'cancel':
        running.get(msg.id)?.abort();
        streams.get(msg.id)?.fail(new ArchiveError('stream', 'cancelled', 'CANCELLED'));
        return;
      case 'analyzeStream': {
        const hit = store.cached(msg.request.cacheKey);
        if (hit) {
          send({ type: 'analyzed', id: msg.id, ...hit });
          return;
        }
        const controller = new AbortController();
        const queue = new ChunkQueue((bytes) => send({ type: 'streamAck', id: msg.id, bytes }));
        running.set(msg.id, controller);
        streams.set(msg.id, queue);
        send({ type: 'streamAck', id: msg.id, bytes: 0 });
        store
          .analyzeStream(queue, msg.request, { signal: controller.signal, onProgress: throttledProgress(msg.id) })
          .then(
            (r) => send({ type: 'analyzed', id: msg.id, ...r }),
            (err: unknown) => send({ type: 'error', id: msg.id, error: toWorkerError(err) }),
          )
          .finally(() => {
            running.delete(msg.id);
            streams.delete(msg.id);
          });
        return;
      }
      case 'streamChunk':
        streams.get(msg.id)?.push(Buffer.from(msg.data));
        return;
      case 'streamEnd':
        streams.get(msg.id)?.end(msg.error === undefined ? undefined : new ArchiveError('stream', msg.error, 'CORRUPT'));
        return;
      case 'children':
        try {
          send({ type: 'children', id: msg.id, entries: store.children(msg.request) });
        } catch (err) {
          send({ type: 'error', id: msg.id, error: toWorkerError(err) });
        }
        return;
      case 'readFile':
        store.readFile(msg.request).then(
          (f) => send({ type: 'file', id: msg.id, file: { ...f, content: new Uint8Array(f.content) } }),
          (err: unknown) => send({ type: 'error', id: msg.id, error: toWorkerError(err) }),
        );
        return;
      case 'saveFile': {
        const controller = new AbortController();
        running.set(msg.id, controller);
        void saveFile(store, msg.request, msg.destPath, controller.signal)
          .then(
            (bytes) => send({ type: 'saved', id: msg.id, bytes }),
            (err: unknown) => send({ type: 'error', id: msg.id, error: toWorkerError(err) }),
          )
          .finally(() => running.delete(msg.id));
        return;
      }
      case 'verify': {
        const controller = new AbortController();
        running.set(msg.id, controller);
        store
          .verify(msg.sessionId, { signal: controller.signal, onProgress: throttledProgress(msg.id) })
          .then(
            (layers) => send({ type: 'verified', id: msg.id, layers }),
            (err: unknown) => send({ type: 'error', id: msg.id, error: toWorkerError(err) }),
          )
          .finally(() => running.delete(msg.id));
        return;
      }
      case 'close':
        send({ type: 'closed', id: msg.id, closed: store.close(msg.sessionId) });
        return;
    }
  };
}
