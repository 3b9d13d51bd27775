/**
 * Test helper (imported only by fuzz.test.ts): a watchdog for synchronous hangs (a Promise.race
 * cannot interrupt a blocked event loop).
 */
import { Worker } from 'node:worker_threads';

export interface Watchdog {
  start(desc: string, file: string, ms: number): void;
  stop(): void;
  close(): Promise<void>;
}

export function startWatchdog(keepAs: string): Watchdog {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const fs = require('node:fs');
    let current = null;
    parentPort.on('message', (m) => { current = m.t === 'start' ? m : null; });
    setInterval(() => {
      if (!current || Date.now() < current.deadline) return;
      try { fs.copyFileSync(current.file, ${JSON.stringify(keepAs)}); } catch {}
      fs.writeSync(2, '\\nFUZZ WATCHDOG: the analyzer blocked the event loop for more than ' + current.ms +
        ' ms (a synchronous hang) on: ' + current.desc + '\\nthe input was copied to ' + ${JSON.stringify(keepAs)} + '\\n');
      process.kill(process.pid, 'SIGKILL');
    }, 250);
  `;
  const w = new Worker(code, { eval: true });
  w.unref();
  return {
    start: (desc, file, ms) => w.postMessage({ t: 'start', desc, file, ms, deadline: Date.now() + ms }),
    stop: () => w.postMessage({ t: 'stop' }),
    close: async () => void (await w.terminate()),
  };
}
