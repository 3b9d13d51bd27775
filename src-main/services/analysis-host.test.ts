/** The analysis host when its worker cannot start: the request in flight fails, later ones run in-process. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    const err = await host.analyze({ path: join(dir, 'two.tar') }, { signal: c.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).code).toBe('CANCELLED');
  });
});

