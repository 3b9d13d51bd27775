/** The engine registry and the connection channels against the test bed's real dockerd. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { EngineRegistry } from '../../src-main/services/engine-registry';
import { testbedFromEnv } from '../support/testbed-env';
import { Recorder } from './connection-support';

const testbed = testbedFromEnv();
let dir: string;
let registry: EngineRegistry;
let events: EventHub;
let api: ReturnType<typeof createMainApi>;
const options = () => ({
  env: { DOCKER_HOST: testbed.dockerHost },
  home: join(dir, 'home'),
  configDir: dir,
  exists: () => false,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-it-connection-'));
  events = new EventHub();
  registry = await EngineRegistry.create({ ...options(), events });
  api = createMainApi({ engine: () => registry.current(), connection: registry, events, checkResults: true });
});
afterAll(async () => {
  registry.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('engine connection on the real engine', () => {
  it('connects to DOCKER_HOST and reports the storage driver, API version and registries', async () => {
    const status = await registry.start();
    expect(status.state).toBe('connected');
    const { result, error } = await api.getConnection();
    expect(error).toBeUndefined();
    expect(result?.engine).toMatchObject({
      id: 'env',
      source: 'env',
      endpoint: testbed.dockerHost,
      current: true,
    });
    expect(result?.info?.storageDriver).toBe('overlay2');
    expect(result?.info?.apiVersion).toBe('1.41');
    expect(result?.info?.driverStatus.map(([k]) => k)).toContain('Backing Filesystem');
    expect(result?.info?.dockerRootDir).toMatch(/\/root$/);
    expect(result?.info?.registries.indexServerAddress).toMatch(/^https:\/\/index\.docker\.io/);
    expect(result?.info?.registries.insecureRegistryCIDRs).toContain('127.0.0.0/8');
    expect(result?.info?.registries.mirrors).toEqual([]);
  });

  it('adds, remembers, lists and removes a user engine; a dead one is unavailable, not an error', async () => {
    const dead = `unix://${join(dir, 'nobody.sock')}`;
    const added = await api.addEngine({ name: 'Nobody', host: dead });
    expect(added.error).toBeUndefined();
    expect(added.result).toMatchObject({
      name: 'Nobody',
      source: 'user',
      endpoint: dead,
      current: false,
      status: { state: 'unavailable' },
    });
    // Not current: no automatic retries for it.
    expect(added.result?.status).toMatchObject({ nextRetryAt: null, attempts: 1 });
    const saved = JSON.parse(await readFile(join(dir, 'engines.json'), 'utf8')) as {
      engines: Array<{ id: string; host: string }>;
    };
    expect(saved.engines).toEqual([expect.objectContaining({ id: added.result!.id, host: dead })]);

    // A second app start finds it again.
    const again = await EngineRegistry.create(options());
    expect(again.list().map((e) => e.id)).toEqual(['env', added.result!.id]);
    again.stop();

    const listed = await api.listEngines();
    expect(listed.result?.find((e) => e.id === 'env')?.current).toBe(true);
    expect((await api.removeEngine({ id: added.result!.id })).result).toEqual({ removed: true });
    expect((await api.listEngines()).result?.map((e) => e.id)).toEqual(['env']);
  });

  it('switches engines with one engineStatus push per switch, and back', async () => {
    const rec = new Recorder(events, 'engineStatus');
    const dead = (await api.addEngine({ name: 'Gone', host: `unix://${join(dir, 'gone.sock')}` })).result!;
    const toDead = await api.selectEngine({ id: dead.id });
    expect(toDead.result).toMatchObject({ state: 'unavailable', attempts: 2 });
    expect((toDead.result as { nextRetryAt: number }).nextRetryAt).toBeGreaterThan(Date.now());
    expect(rec.got.map((g) => g.payload)).toEqual([
      expect.objectContaining({ state: 'unavailable', engineId: dead.id, engineName: 'Gone' }),
    ]);
    // While it is down, requests fail fast with ENGINE_UNAVAILABLE; no push per request.
    for (let i = 0; i < 3; i++) expect((await api.listImages()).error?.code).toBe('ENGINE_UNAVAILABLE');
    expect((await api.retryEngine()).result?.state).toBe('unavailable');
    expect(rec.got).toHaveLength(1);
    // The current engine cannot be removed.
    expect((await api.removeEngine({ id: dead.id })).error?.code).toBe('CONFLICT');

    const back = await api.selectEngine({ id: 'env' });
    expect(back.result?.state).toBe('connected');
    expect(rec.got.map((g) => g.payload.state)).toEqual(['unavailable', 'connected']);
    expect(rec.got[1]?.payload).toMatchObject({ engineId: 'env', apiVersion: '1.41' });
    expect((await api.listImages()).result?.length).toBeGreaterThanOrEqual(3);
    expect((await api.removeEngine({ id: dead.id })).result).toEqual({ removed: true });
    rec.off();
  });

  it('refuses what it cannot reach or must not touch, before any engine is asked', async () => {
    expect((await api.addEngine({ name: 'x', host: 'fd://3' })).error?.code).toBe('INVALID_ARGUMENT');
    expect(
      (await api.invoke('addEngine', { name: 'x', host: 'tcp://h:2375', socketPath: '/etc' })).error?.code,
    ).toBe('INVALID_ARGUMENT');
    expect((await api.removeEngine({ id: 'env' })).error?.code).toBe('INVALID_ARGUMENT');
    expect((await api.selectEngine({ id: 'user:nope' })).error?.code).toBe('NOT_FOUND');
    expect((await api.selectEngine({ id: '../../etc' })).error?.code).toBe('INVALID_ARGUMENT');
  });

  it('serves the same channels around a plain client (no registry given)', async () => {
    const engine = createEngineClient(testbed.dockerHost);
    const plain = createMainApi({ engine: () => engine, events: new EventHub(), checkResults: true });
    const { result } = await plain.getConnection();
    expect(result?.status.state).toBe('connected');
    expect(result?.engine.endpoint).toBe(testbed.dockerHost);
    expect(result?.info?.storageDriver).toBe('overlay2');
  });
});
