/**
 * Push and pull against the test bed's registry (127.0.0.1:PORT, no auth): per-layer progress,
 * the same image ID and diffIDs after the round trip. The pull runs on a private dockerd, so the
 * layers really travel (the shared engine already has them and would answer "Already exists").
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import type { EventPayload } from '../../src-shared/ipc-contract';
import { startDockerd, type Dockerd } from '../testbed/dockerd';
import { testbedFromEnv } from '../support/testbed-env';
import { docker, dockerQuiet, importRandomImage, uniqueName } from './transfer-support';

const testbed = testbedFromEnv();
const host = testbed.dockerHost;
const engine = createEngineClient(host);
const events = new EventHub();
const api = createMainApi({ engine: () => engine, events, checkResults: true });
const progress: EventPayload<'jobProgress'>[] = [];
events.subscribe((name, payload) => {
  if (name === 'jobProgress') progress.push(payload as EventPayload<'jobProgress'>);
});

const remote = `${testbed.registry}/strata/${uniqueName('layers')}:1.0`;
const fresh = `${testbed.registry}/strata/${uniqueName('fresh')}:1`;
let privateD: Dockerd;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-it-transfer-'));
  await docker(host, 'tag', testbed.images.layers, remote);
  await importRandomImage(host, dir, fresh, 3);
  privateD = await startDockerd();
});

afterAll(async () => {
  dockerQuiet(host, 'rmi', '--no-prune', remote);
  dockerQuiet(host, 'rmi', fresh);
  await privateD?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('push and pull', () => {
  it('pushes to the registry with per-layer progress events and answers the manifest digest', async () => {
    progress.length = 0;
    const { result, error } = await api.pushImage({ ref: remote, jobId: 'push-1' });
    expect(error).toBeUndefined();
    expect(result?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const mine = progress.filter((p) => p.jobId === 'push-1');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p) => p.phase === 'push')).toBe(true);
    const layerIds = new Set(mine.map((p) => /^([0-9a-f]{12}):/.exec(p.current ?? '')?.[1]).filter(Boolean));
    const layers = (await engine.getImage(remote).inspect()).RootFS.Layers as string[];
    expect(layerIds.size).toBe(layers.length);
    // Layers the registry already holds (earlier pushes) are mounted, not uploaded: done equals total.
    expect(mine.at(-1)!.bytesDone).toBe(mine.at(-1)!.bytesTotal);
  });

  it('pushes a layer the registry has never seen with byte progress up to its size', async () => {
    progress.length = 0;
    const { result, error } = await api.pushImage({ ref: fresh, jobId: 'push-2' });
    expect(error).toBeUndefined();
    expect(result?.digest).toMatch(/^sha256:/);
    const mine = progress.filter((p) => p.jobId === 'push-2');
    expect(mine.some((p) => /: Pushing$/.test(p.current ?? ''))).toBe(true);
    const last = mine.at(-1)!;
    // The engine counts a push in bytes of the layer tar: 3 MiB of random data plus tar headers.
    expect(last.bytesTotal).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    expect(last.bytesDone).toBe(last.bytesTotal);
  });

  it('pulls it back into an engine without it, with progress, same ID and diffIDs', async () => {
    const privateEngine = createEngineClient(privateD.dockerHost);
    const privEvents = new EventHub();
    const privApi = createMainApi({ engine: () => privateEngine, events: privEvents, checkResults: true });
    const seen: EventPayload<'jobProgress'>[] = [];
    privEvents.subscribe((n, p) => n === 'jobProgress' && void seen.push(p as EventPayload<'jobProgress'>));
    const { result, error } = await privApi.pullImage({ ref: remote, jobId: 'pull-1' });
    expect(error).toBeUndefined();
    const original = await engine.getImage(testbed.images.layers).inspect();
    expect(result?.id).toBe(original.Id);
    expect(result?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const pulled = await privateEngine.getImage(remote).inspect();
    expect(pulled.RootFS.Layers).toEqual(original.RootFS.Layers);
    expect(seen.every((p) => p.phase === 'pull')).toBe(true);
    expect(seen.some((p) => /Downloading|Pull complete|Extracting/.test(p.current ?? ''))).toBe(true);
    const last = seen.at(-1)!;
    expect(last.bytesTotal).toBeGreaterThan(0);
    expect(last.bytesDone).toBe(last.bytesTotal);
  });

  it('pull on the shared engine after removing the tag: the layers already exist, the tag returns', async () => {
    await engine.getImage(remote).remove({ noprune: true });
    const { result, error } = await api.pullImage({ ref: remote, jobId: 'pull-2' });
    expect(error).toBeUndefined();
    expect(result?.id).toBe(testbed.images.ids[testbed.images.layers]);
    expect((await engine.getImage(remote).inspect()).RepoTags).toContain(remote);
  });

  it('surfaces the in-stream error of a pull of a tag the registry does not have', async () => {
    const { error } = await api.pullImage({
      ref: `${testbed.registry}/strata/${uniqueName('none')}:nope`,
      jobId: 'pull-3',
    });
    expect(error?.code).toBe('NOT_FOUND');
    expect(error?.message).toMatch(/not found|manifest unknown/i);
  });

  it('rejects an invalid reference before the engine is asked', async () => {
    const { error } = await api.pullImage({ ref: 'UPPER/Case:tag', jobId: 'pull-4' });
    expect(error?.code).toBe('INVALID_ARGUMENT');
  });

  it('logs in to the registry through the engine (no auth configured: accepted) and parses references', async () => {
    const { result, error } = await api.registryLogin({
      server: testbed.registry,
      username: 'someone',
      password: 'secret',
    });
    expect(error).toBeUndefined();
    expect(result?.ok).toBe(true);
    const parsed = await api.parseReference({
      ref: `${testbed.registry}/strata/x:1@sha256:${'a'.repeat(64)}`,
    });
    expect(parsed.result?.reference).toMatchObject({
      registry: testbed.registry,
      repository: 'strata/x',
      tag: '1',
    });
    expect((await api.parseReference({ ref: 'Bad Ref' })).result).toMatchObject({
      reference: null,
      problem: expect.stringMatching(/Invalid/),
    });
  });
});
