/**
 * Archive analysis as the window reaches it: IPC channels -> main API -> the BUILT analysis
 * worker thread (out/main/analysis-worker.js) -> real archives from the test bed's engine.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub, type MainApi } from '../../src-main/ipc/main-api';
import { AnalysisHost } from '../../src-main/services/analysis-host';
import { archiveFixtures, type ArchiveFixtures } from '../support/archive-fixtures';
import { testbedFromEnv } from '../support/testbed-env';

const workerScript = resolve(__dirname, '../../out/main/analysis-worker.js');
const testbed = testbedFromEnv();
let fixtures: ArchiveFixtures;
let host: AnalysisHost;
let api: MainApi;
const events = new EventHub();
let out: string;

beforeAll(async () => {
  if (!existsSync(workerScript)) throw new Error(`${workerScript} is missing: run \`npm run build\` first (npm test does)`);
  fixtures = await archiveFixtures(testbed);
  host = new AnalysisHost(workerScript);
  const engine = createEngineClient(testbed.dockerHost);
  api = createMainApi({ engine: () => engine, events, analysis: host, checkResults: true });
  out = await mkdtemp(join(tmpdir(), 'strata-ipc-'));
});
afterAll(async () => {
  await host?.dispose();
  if (out) await rm(out, { recursive: true, force: true });
});

async function open(name: string, jobId: string) {
  const progress: number[] = [];
  const stop = api.on('jobProgress', (p) => {
    if (p.jobId === jobId) progress.push(p.bytesDone);
  });
  const res = await api.openArchive({ path: fixtures.byName(name).path, jobId });
  stop();
  return { res, progress };
}

describe('archive analysis through IPC and the worker thread', () => {
  it('runs in a worker thread, not in the calling thread', () => {
    expect(host.threaded).toBe(true);
  });

  it('opens a docker save with progress events, then reopens it from the cache', async () => {
    const { res, progress } = await open('docker-save.tar', 'job-open-1');
    expect(res.error).toBeUndefined();
    const a = res.result!.analysis;
    expect(a.format).toBe('docker-archive');
    expect(a.images.map((i) => i.repoTags).flat()).toEqual(expect.arrayContaining([testbed.images.layers, testbed.images.layersLatest]));
    expect(progress.length).toBeGreaterThan(0);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    const again = await open('docker-save.tar', 'job-open-2');
    expect(again.res.result?.cached).toBe(true);
    expect(again.res.result?.sessionId).toBe(res.result!.sessionId);
  });

  it('lists directories per layer, merged and layer-only, and reads and saves a file', async () => {
    const { res } = await open('docker-save.tar.gz', 'job-open-3');
    const { sessionId, analysis } = res.result!;
    const img = analysis.images.find((i) => i.repoTags.includes(testbed.images.layers))!;
    const top = img.layers.length - 1;
    const root = await api.archiveChildren({ sessionId, imageId: img.id, key: '', layer: top, view: 'merged' });
    expect(root.result?.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'data', 'etc', 'opq']));
    expect(root.result?.some((e) => e.name === 'gone')).toBe(false);
    const data = await api.archiveChildren({ sessionId, imageId: img.id, key: 'data', layer: top, view: 'merged' });
    const names = data.result!.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['a.txt', 'b.txt', 'hard-to-b', 'link-to-a', 'fifo', 'big.bin']));
    expect(names).not.toContain('remove-me');
    expect(data.result!.find((e) => e.name === 'link-to-a')).toMatchObject({ type: 'symlink', linkname: '/data/a.txt' });

    const a = await api.readArchiveFile({ sessionId, imageId: img.id, key: 'data/a.txt', layer: top });
    expect(a.result).toMatchObject({ kind: 'file', isText: true, encoding: 'utf8', content: 'file a\n', truncated: false });
    // A hardlink reads as its target's bytes.
    const hard = await api.readArchiveFile({ sessionId, imageId: img.id, key: 'data/hard-to-b', layer: top });
    expect(hard.result?.content).toBe('file b, hardlinked later\n');
    const link = await api.readArchiveFile({ sessionId, imageId: img.id, key: 'data/link-to-a', layer: top });
    expect(link.result).toMatchObject({ kind: 'symlink', linkTarget: '/data/a.txt' });

    const dest = join(out, 'big.bin');
    const saved = await api.saveArchiveFile({ sessionId, imageId: img.id, key: 'data/big.bin', layer: top, destPath: dest, jobId: 'job-save-1' });
    const big = data.result!.find((e) => e.name === 'big.bin')!;
    expect(saved.result?.bytes).toBe(big.size);
    expect((await readFile(dest)).length).toBe(big.size);
    expect(await readdir(out)).toEqual(['big.bin']);
  });

  it('answers typed errors: a directory is not a file, a bad layer, a wrong argument, a closed session', async () => {
    const { res } = await open('skopeo-oci.tar', 'job-open-4');
    const { sessionId, analysis } = res.result!;
    const img = analysis.images[0]!;
    const dir = await api.readArchiveFile({ sessionId, imageId: img.id, key: 'data', layer: img.layers.length - 1 });
    expect(dir.error?.code).toBe('BAD_ARCHIVE');
    expect(dir.error?.message).toMatch(/is a dir, not a file/);
    const badLayer = await api.archiveChildren({ sessionId, imageId: img.id, key: '', layer: 999, view: 'merged' });
    expect(badLayer.error?.code).toBe('INVALID_ARGUMENT');
    const wrong = await api.invoke('archiveChildren', { sessionId, imageId: img.id, key: '', layer: -1, view: 'merged' });
    expect(wrong.error?.code).toBe('INVALID_ARGUMENT');
    expect((await api.closeArchive({ sessionId })).result?.closed).toBe(true);
    const closed = await api.archiveChildren({ sessionId, imageId: img.id, key: '', layer: 0, view: 'merged' });
    expect(closed.error?.code).toBe('BAD_ARCHIVE');
    expect(closed.error?.message).toMatch(/closed/);
  });

  it('refuses a plain filesystem tar with the reason, and cancels on request', async () => {
    const bad = await api.openArchive({ path: fixtures.rootfsTar, jobId: 'job-open-5' });
    expect(bad.error?.code).toBe('BAD_ARCHIVE');
    expect(bad.error?.message).toMatch(/not an image archive/);

    const pending = api.openArchive({ path: fixtures.byName('docker-save.tar.xz').path, jobId: 'job-cancel' });
    expect((await api.cancelJob({ jobId: 'job-cancel' })).result?.cancelled).toBe(true);
    const cancelled = await pending;
    expect(cancelled.error?.code).toBe('CANCELLED');
  });
});

describe('background verification', () => {
  it('checks every diffID after a fast first result, with progress', async () => {
    const { res } = await open('skopeo-oci-zstd.tar', 'job-open-6');
    const { sessionId, analysis } = res.result!;
    expect(analysis.images[0]!.layers.every((l) => l.diffIdMatches === null)).toBe(true);
    const phases: string[] = [];
    const stop = api.on('jobProgress', (p) => {
      if (p.jobId === 'job-verify') phases.push(p.phase);
    });
    const v = await api.verifyArchive({ sessionId, jobId: 'job-verify' });
    stop();
    expect(v.error).toBeUndefined();
    expect(v.result!.length).toBe(analysis.images[0]!.layers.length);
    expect(v.result!.every((l) => l.matches === true && l.computed === l.diffId)).toBe(true);
    expect(phases).toContain('verify');
  });
});
