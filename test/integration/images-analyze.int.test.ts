/**
 * analyzeLocalImage on the real engine: the `save` stream analyzed with no temp file gives the
 * same layers and metrics as analyzing a `docker save` file of the same image; progress, cache
 * by image ID, cancellation; in process and through the built analysis worker (transferred chunks).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveAnalysis } from '../../src-shared/archive-analysis';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { AnalysisHost } from '../../src-main/services/analysis-host';
import { testbedFromEnv } from '../support/testbed-env';

const tb = testbedFromEnv();
const engine = createEngineClient(tb.dockerHost);
const tmp = mkdtempSync(join(tmpdir(), 'strata-it-images-analyze-'));
const suffix = randomBytes(4).toString('hex');
const bigRef = `strata-it-images-big-${suffix}:1`;
let bigContainer = '';

function newApi(analysis?: AnalysisHost) {
  const events = new EventHub();
  const api = createMainApi({
    engine: () => engine,
    events,
    checkResults: true,
    ...(analysis ? { analysis } : {}),
  });
  return { api, events };
}

function dockerSave(ref: string): string {
  const out = join(tmp, `${ref.replace(/[^a-z0-9]/gi, '_')}.tar`);
  execFileSync('/usr/bin/docker', ['-H', tb.dockerHost, 'save', '-o', out, ref]);
  return out;
}

const essence = (a: ArchiveAnalysis) =>
  a.images.map((img) => ({
    diffIds: img.layers.map((l) => l.diffId),
    efficiency: img.efficiency,
    wastedBytes: img.wastedBytes,
    sizeBytes: img.sizeBytes,
    files: img.files,
    repoTags: img.repoTags,
  }));

beforeAll(async () => {
  // An image with 48 MiB of random bytes, so a cancel lands while the save is still streaming.
  const c = await engine.createContainer({
    Image: tb.images.base,
    Cmd: ['sh', '-c', 'head -c 50331648 /dev/urandom > /big.bin'],
    name: `strata-it-images-big-${suffix}`,
  });
  bigContainer = c.id;
  await c.start();
  await c.wait();
  const [repo, tag] = bigRef.split(':') as [string, string];
  await c.commit({ repo, tag });
}, 120_000);

afterAll(async () => {
  if (bigContainer)
    await engine
      .getContainer(bigContainer)
      .remove({ force: true })
      .catch(() => undefined);
  await engine
    .getImage(bigRef)
    .remove({ force: true })
    .catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

describe('analyzeLocalImage (in process)', () => {
  it('equals the analysis of a docker save file of the same image, with progress in bytes', async () => {
    const { api, events } = newApi();
    const progress: { bytesDone: number; bytesTotal: number; phase: string }[] = [];
    events.subscribe((name, p) => {
      if (name === 'jobProgress' && (p as { jobId: string }).jobId === 'local-1')
        progress.push(p as (typeof progress)[number]);
    });
    const local = await api.analyzeLocalImage({ ref: tb.images.layers, jobId: 'local-1' });
    expect(local.error).toBeUndefined();
    expect(local.result!.cached).toBe(false);
    const file = await api.openArchive({ path: dockerSave(tb.images.layers), jobId: 'file-1' });
    expect(file.error).toBeUndefined();
    expect(essence(local.result!.analysis)).toEqual(essence(file.result!.analysis));
    expect(local.result!.analysis.images[0]!.id).toBe(tb.images.ids[tb.images.layers]);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.phase).toBe('save');
    expect(last.bytesDone).toBeGreaterThan(0);
    expect(last.bytesTotal).toBeGreaterThanOrEqual(last.bytesDone);

    // The merged tree is there to browse.
    const root = await api.archiveChildren({
      sessionId: local.result!.sessionId,
      imageId: tb.images.ids[tb.images.layers]!,
      key: '',
      layer: local.result!.analysis.images[0]!.layers.length - 1,
      view: 'merged',
    });
    expect(root.result!.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'data']));

    // Cached by image ID: the other tag of the same image answers from the cache.
    const again = await api.analyzeLocalImage({ ref: tb.images.layersLatest, jobId: 'local-2' });
    expect(again.result).toMatchObject({ cached: true, sessionId: local.result!.sessionId });
  });

  it('is cancelled by cancelJob while the save streams, and the image can be analyzed afterwards', async () => {
    const { api, events } = newApi();
    let cancelled: Promise<unknown> | null = null;
    events.subscribe((name, p) => {
      if (name === 'jobProgress' && (p as { jobId: string }).jobId === 'big-1' && !cancelled)
        cancelled = api.cancelJob({ jobId: 'big-1' });
    });
    const r = await api.analyzeLocalImage({ ref: bigRef, jobId: 'big-1' });
    expect(r.error?.code).toBe('CANCELLED');
    expect(await cancelled).toEqual({ result: { cancelled: true } });
    const ok = await api.analyzeLocalImage({ ref: bigRef, jobId: 'big-2' });
    expect(ok.error).toBeUndefined();
    expect(ok.result!.cached).toBe(false);
    expect(ok.result!.analysis.images[0]!.sizeBytes).toBeGreaterThan(48 * 1024 * 1024);
  });

  it("relates the image to the engine's other images: the layer it shares with busybox:base is 'base'", async () => {
    // Alone in its save stream the image has no other image to compare with; the engine has them.
    const { api } = newApi();
    const baseId = tb.images.ids[tb.images.base];
    for (const jobId of ['roles-1', 'roles-2']) {
      const r = await api.analyzeLocalImage({ ref: tb.images.committed, jobId });
      expect(r.error).toBeUndefined();
      const img = r.result!.analysis.images[0]!;
      expect(img.layers.map((l) => l.role)).toEqual(['base', 'own']);
      expect(img).toMatchObject({ baseImageId: baseId, parentImageId: baseId });
    }
    const base = await api.analyzeLocalImage({ ref: tb.images.base, jobId: 'roles-3' });
    expect(base.result!.analysis.images[0]!.layers.map((l) => l.role)).toEqual(['own']);
    expect(base.result!.analysis.images[0]!.baseImageId).toBeNull();
  });

  it('answers NOT_FOUND for an image the engine does not have', async () => {
    const { api } = newApi();
    const r = await api.analyzeLocalImage({ ref: 'strata-test/no-such:image', jobId: 'nf' });
    expect(r.error?.code).toBe('NOT_FOUND');
  });
});

describe('analyzeLocalImage through the analysis worker thread', () => {
  const workerScript = resolve('out/main/analysis-worker.js');

  it('streams 48 MiB to the worker in transferred chunks and gets the same result as in process', async () => {
    expect(existsSync(workerScript)).toBe(true);
    const host = new AnalysisHost(workerScript);
    try {
      expect(host.threaded).toBe(true);
      const { api } = newApi(host);
      const threaded = await api.analyzeLocalImage({ ref: bigRef, jobId: 'w-1' });
      expect(threaded.error).toBeUndefined();
      const inProcess = await newApi().api.analyzeLocalImage({ ref: bigRef, jobId: 'w-2' });
      expect(essence(threaded.result!.analysis)).toEqual(essence(inProcess.result!.analysis));
      const small = await api.analyzeLocalImage({ ref: tb.images.committed, jobId: 'w-3' });
      expect(small.result!.analysis.images[0]!.layers).toHaveLength(2);
    } finally {
      await host.dispose();
    }
  });

  it('cancels in the worker too', async () => {
    const host = new AnalysisHost(workerScript);
    try {
      const events = new EventHub();
      const api = createMainApi({ engine: () => engine, events, analysis: host });
      events.subscribe((name, p) => {
        if (name === 'jobProgress' && (p as { jobId: string }).jobId === 'wc')
          void api.cancelJob({ jobId: 'wc' });
      });
      const r = await api.analyzeLocalImage({ ref: bigRef, jobId: 'wc' });
      expect(r.error?.code).toBe('CANCELLED');
    } finally {
      await host.dispose();
    }
  });
});
