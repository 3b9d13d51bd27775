/**
 * The engine going away in the middle of a registry transfer or a log follow, and those jobs
 * cancelled: each ends with one clear answer (ENGINE_UNAVAILABLE saying the engine stopped, or
 * CANCELLED), never a hang, a success or "the container stopped". Daemons that get killed are
 * private ones (startDockerd); the shared engine only prepares the registry's image.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { loadImagesFromFile } from '../../src-main/docker/transfer/load-images';
import { saveImagesToFile } from '../../src-main/docker/transfer/save-images';
import { createMainApi, EventHub, type MainApi } from '../../src-main/ipc/main-api';
import { startDockerd, type Dockerd } from '../testbed/dockerd';
import { testbedFromEnv } from '../support/testbed-env';
import { dockerQuiet, importRandomImage, uniqueName } from './transfer-support';

const testbed = testbedFromEnv();
const shared = createEngineClient(testbed.dockerHost);
/** 64 MiB of random bytes in the registry, so a pull is still under way at its first progress. */
const remote = `${testbed.registry}/strata/${uniqueName('gone')}:1`;
let dir: string;
let baseTar: string;
const daemons: Dockerd[] = [];

interface Private {
  d: Dockerd;
  api: MainApi;
  events: EventHub;
}

async function privateEngine(opts: { withBase?: boolean } = {}): Promise<Private> {
  const d = await startDockerd();
  daemons.push(d);
  const engine = createEngineClient(d.dockerHost);
  if (opts.withBase) await loadImagesFromFile(engine, baseTar);
  const events = new EventHub();
  return { d, events, api: createMainApi({ engine: () => engine, events, checkResults: true }) };
}

/** Calls `act` once, at the job's first progress event (or log chunk). */
function onFirst(
  events: EventHub,
  name: 'jobProgress' | 'containerLogChunk',
  act: () => void,
): () => boolean {
  let done = false;
  events.subscribe((n) => {
    if (n !== name || done) return;
    done = true;
    act();
  });
  return () => done;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-it-gone-'));
  baseTar = join(dir, 'base.tar');
  await saveImagesToFile(shared, { names: [testbed.images.base], destPath: baseTar });
  await importRandomImage(testbed.dockerHost, dir, remote, 64);
  const api = createMainApi({ engine: () => shared, events: new EventHub() });
  expect((await api.pushImage({ ref: remote, jobId: 'gone-seed' })).error).toBeUndefined();
  dockerQuiet(testbed.dockerHost, 'rmi', remote);
});

afterAll(async () => {
  for (const d of daemons) await d.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the engine killed (SIGKILL) mid-job', () => {
  it('pull: ENGINE_UNAVAILABLE saying the engine stopped during the pull', async () => {
    const p = await privateEngine();
    const fired = onFirst(p.events, 'jobProgress', () => process.kill(p.d.pid, 'SIGKILL'));
    const { error } = await p.api.pullImage({ ref: remote, jobId: 'pull-killed' });
    expect(fired()).toBe(true);
    expect(error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(error?.message).toBe(`The engine stopped during the pull of ${remote} (aborted)`);
  });

  it('push: ENGINE_UNAVAILABLE saying the engine stopped during the push', async () => {
    const p = await privateEngine();
    const ref = `${testbed.registry}/strata/${uniqueName('gone-push')}:1`;
    await importRandomImage(p.d.dockerHost, dir, ref, 64);
    const fired = onFirst(p.events, 'jobProgress', () => process.kill(p.d.pid, 'SIGKILL'));
    const { error } = await p.api.pushImage({ ref, jobId: 'push-killed' });
    expect(fired()).toBe(true);
    expect(error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(error?.message).toBe(`The engine stopped during the push of ${ref} (aborted)`);
  });

  it('analysis of a local image (its save streamed to the analyzer): ENGINE_UNAVAILABLE, not a bad archive', async () => {
    const p = await privateEngine();
    const ref = `${uniqueName('gone-analyze')}:1`;
    await importRandomImage(p.d.dockerHost, dir, ref, 64);
    const fired = onFirst(p.events, 'jobProgress', () => process.kill(p.d.pid, 'SIGKILL'));
    const { error } = await p.api.analyzeLocalImage({ ref, jobId: 'analyze-killed' });
    expect(fired()).toBe(true);
    expect(error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(error?.message).toBe(`The engine stopped during the analysis of ${ref} (aborted)`);
  });

  it('logs followed: ENGINE_UNAVAILABLE saying the engine stopped during the follow', async () => {
    const p = await privateEngine({ withBase: true });
    const name = uniqueName('ticker');
    const run = await p.api.runContainer({
      image: testbed.images.base,
      name,
      networkMode: 'none',
      // Ends by itself within a minute, even if the engine's death leaves it running.
      command: ['sh', '-c', 'i=0; while [ $i -lt 600 ]; do echo tick $i; i=$((i+1)); sleep 0.1; done'],
    });
    expect(run.error).toBeUndefined();
    const fired = onFirst(p.events, 'containerLogChunk', () => process.kill(p.d.pid, 'SIGKILL'));
    const { result, error } = await p.api.followLogs({ id: name, jobId: 'follow-killed' });
    expect(fired()).toBe(true);
    expect(result).toBeUndefined();
    expect(error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(error?.message).toBe(`The engine stopped during the log follow of ${name} (aborted)`);
  });
});

describe('the engine killed (SIGKILL) during an attached run', () => {
  it('ENGINE_UNAVAILABLE (the wait hung forever: dockerode misses a response cut after its headers)', async () => {
    const p = await privateEngine({ withBase: true });
    const name = uniqueName('attached');
    const run = p.api.runContainer({
      image: testbed.images.base,
      name,
      networkMode: 'none',
      detach: false,
      command: ['sh', '-c', 'echo started; sleep 60'],
      jobId: 'run-killed',
    });
    for (;;) {
      const logs = await p.api.containerLogs({ id: name });
      if (logs.result?.lines.some((l) => l.text === 'started')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    process.kill(p.d.pid, 'SIGKILL');
    const { result, error } = await run;
    expect(result).toBeUndefined();
    expect(error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(error?.message).toMatch(
      /^The engine stopped during the run of container [0-9a-f]{64} \(aborted\)$/,
    );
  });
});

describe('cancelled mid-job', () => {
  it('pull: CANCELLED, no image tagged, the engine well and the same pull works afterwards', async () => {
    const p = await privateEngine();
    const fired = onFirst(p.events, 'jobProgress', () => void p.api.cancelJob({ jobId: 'pull-cancel' }));
    const { error } = await p.api.pullImage({ ref: remote, jobId: 'pull-cancel' });
    expect(fired()).toBe(true);
    expect(error?.code).toBe('CANCELLED');
    expect((await p.api.inspectImage({ ref: remote })).error?.code).toBe('NOT_FOUND');
    expect((await p.api.pullImage({ ref: remote, jobId: 'pull-again' })).error).toBeUndefined();
  });

  it('push: CANCELLED, and the engine is still well', async () => {
    const p = await privateEngine();
    const ref = `${testbed.registry}/strata/${uniqueName('cancel-push')}:1`;
    await importRandomImage(p.d.dockerHost, dir, ref, 64);
    const fired = onFirst(p.events, 'jobProgress', () => void p.api.cancelJob({ jobId: 'push-cancel' }));
    const { error } = await p.api.pushImage({ ref, jobId: 'push-cancel' });
    expect(fired()).toBe(true);
    expect(error?.code).toBe('CANCELLED');
    expect((await p.api.getEngineInfo()).error).toBeUndefined();
  });
});
