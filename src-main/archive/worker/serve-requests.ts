/**
 * The analysis service loop, independent of the transport: the worker thread runs it over its
 * parentPort; tests and the in-process fallback run it over a plain function pair.
 */
import { ArchiveError } from '../model';
import { SessionStore } from '../session/session-store';
import type { FromWorker, ToWorker, WorkerError } from './protocol';

export function toWorkerError(err: unknown): WorkerError {
  if (err instanceof ArchiveError)
    return { name: err.name, message: err.message, file: err.file, reason: err.reason, code: err.code };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

export function createRequestHandler(
  send: (msg: FromWorker) => void,
  store = new SessionStore(),
): (msg: ToWorker) => void {
  const running = new Map<number, AbortController>();
  return (msg) => {
    switch (msg.type) {
      case 'analyze': {
        const controller = new AbortController();
        running.set(msg.id, controller);
        let last = 0;
        store
          .analyze(msg.request, {
            signal: controller.signal,
            onProgress: (progress) => {
              // At most ~20 progress messages a second cross the thread boundary.
              const now = Date.now();
              if (now - last < 50 && progress.bytesDone < progress.bytesTotal) return;
              last = now;
              send({ type: 'progress', id: msg.id, progress });
            },
          })
          .then(
            (r) => send({ type: 'analyzed', id: msg.id, ...r }),
            (err: unknown) => send({ type: 'error', id: msg.id, error: toWorkerError(err) }),
          )
          .finally(() => running.delete(msg.id));
        return;
      }
      case 'cancel':
        running.get(msg.id)?.abort();
        return;
      case 'children':
        try {
          send({ type: 'children', id: msg.id, entries: store.children(msg.request) });
        } catch (err) {
          send({ type: 'error', id: msg.id, error: toWorkerError(err) });
        }
        return;
      case 'close':
        send({ type: 'closed', id: msg.id, closed: store.close(msg.sessionId) });
        return;
    }
  };
}
