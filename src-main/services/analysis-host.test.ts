/** The analysis host when its worker cannot start: the request in flight fails, later ones run in-process. */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTwoImages } from '../../test/support/synthetic-archives';
import { ArchiveError } from '../archive/model';
import { AnalysisHost } from './analysis-host';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-host-'));
  await writeFile(join(dir, 'broken-worker.js'), "throw new Error('cannot load');\n");
  await writeFile(join(dir, 'two.tar'), legacyTwoImages().bytes);
  // A stand-in worker that dies in the middle of a save, as a crash would: its temp file written
  // beside the target (the atomic writer's name), then gone without cleaning up.
  await writeFile(
    join(dir, 'dying-worker.js'),
    `const { parentPort } = require('node:worker_threads');
const { writeFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
parentPort.postMessage({ type: 'closed', id: 0, closed: false }); // it started
parentPort.on('message', (msg) => {
  if (msg.type !== 'saveFile') return;
  const t = msg.destPath;
  writeFileSync(join(dirname(t), '.' + basename(t) + '.strata-' + process.pid + '-0123456789ab.partial'), 'half');
  process.exit(3);
});
`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('AnalysisHost', () => {
  it('falls back to analyzing in this thread when the worker cannot start', async () => {
    const host = new AnalysisHost(join(dir, 'broken-worker.js'));
    expect(host.threaded).toBe(true);
    const first = await host.analyze({ path: join(dir, 'two.tar') }).catch((err: unknown) => err);
    expect(first).toBeInstanceOf(ArchiveError);
    expect((first as ArchiveError).reason).toMatch(/worker stopped/);
    expect(host.threaded).toBe(false);
    const second = await host.analyze({ path: join(dir, 'two.tar') });
    expect(second.analysis.images).toHaveLength(2);
    await host.dispose();
  });

  it('runs in this thread when there is no built worker at all', async () => {
    const host = new AnalysisHost(join(dir, 'missing.js'));
    expect(host.threaded).toBe(false);
    expect((await host.analyze({ path: join(dir, 'two.tar') })).analysis.images).toHaveLength(2);
  });

  it('a request whose job was cancelled before it was sent is cancelled, not run', async () => {
    const host = new AnalysisHost();
    const c = new AbortController();
    c.abort();
    const err = await host
      .analyze({ path: join(dir, 'two.tar') }, { signal: c.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).code).toBe('CANCELLED');
  });

  it('a worker that dies during a file save leaves no temp file beside the target', async () => {
    const host = new AnalysisHost(join(dir, 'dying-worker.js'));
    const out = join(dir, 'out');
    await mkdir(out);
    const req = { sessionId: 's', imageId: 'i', key: 'a', layer: 0 };
    const err = await host.saveFile(req, join(out, 'a.bin')).catch((e: unknown) => e);
    expect((err as ArchiveError).reason).toMatch(/worker stopped \(exit code 3\)/);
    expect(await readdir(out)).toEqual([]);
    await host.dispose();
  });
});
