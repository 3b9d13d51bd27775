/** Worker thread entry (built to out/main/analysis-worker.js): analysis never blocks the main process. */
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from './protocol';
import { createRequestHandler } from './serve-requests';

if (!parentPort) throw new Error('analysis-worker must run in a worker thread');
const port = parentPort;
const handle = createRequestHandler((msg) => port.postMessage(msg));
port.on('message', (msg: ToWorker) => handle(msg));
