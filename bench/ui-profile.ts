// `npm run bench:ui -- --profile DIR`: a V8 CPU profile of the page per measured phase and run
// (DIR/<phase>-<run>.cpuprofile, open in Chromium's DevTools), summarized on stdout. For readable
// names build the renderer unminified first (bench/electron.vite.profile.config.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatProfile, summarizeProfile } from './archive-cpuprofile';

export type Profiler = <T>(page: Page, phase: string, run: number, measure: () => Promise<T>) => Promise<T>;

/** Runs `measure`, sampling the page's main thread when `dir` is set. */
export function pageProfiler(dir: string | undefined): Profiler {
  if (!dir) return (_page, _phase, _run, measure) => measure();
  mkdirSync(dir, { recursive: true });
  return async (page, phase, run, measure) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    try {
      return await measure();
    } finally {
      const { profile } = await cdp.send('Profiler.stop');
      const file = path.join(dir, `${phase}-${run}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`\n${formatProfile(`${phase} (run ${run + 1}) ${file}`, summarizeProfile(file, 12))}`);
      await cdp.detach();
    }
  };
}
