/** Live engine events: a `docker` command run in a terminal reaches the window within a second. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-shared/connection-dto';
import { EventHub } from '../../src-main/ipc/event-hub';
import { EngineEventsService } from '../../src-main/services/engine-events';
import { EngineRegistry } from '../../src-main/services/engine-registry';
import { testbedFromEnv } from '../support/testbed-env';
import { docker, Recorder, uniqueName } from './connection-support';

const testbed = testbedFromEnv();
const events = new EventHub();
let registry: EngineRegistry;
let live: EngineEventsService;
const created: { tags: string[]; containers: string[] } = { tags: [], containers: [] };

beforeAll(async () => {
  registry = await EngineRegistry.create({
    env: { DOCKER_HOST: testbed.dockerHost },
    home: '/nonexistent-home',
    exists: () => false,
    events,
  });
  expect((await registry.start()).state).toBe('connected');
  live = new EngineEventsService(registry, events);
  live.start();
  await new Promise((r) => setTimeout(r, 300)); // the stream is open
});
afterAll(async () => {
  live.stop();
  registry.stop();
  for (const c of created.containers) await docker(testbed.dockerHost, 'rm', '-f', c).catch(() => undefined);
  for (const t of created.tags) await docker(testbed.dockerHost, 'rmi', t).catch(() => undefined);
});

const has = (match: (e: EngineEvent) => boolean) => (p: { events: EngineEvent[] }) => p.events.some(match);

describe('engine events', () => {
  it('pushes a container created and removed with the CLI within a second each', async () => {
    const rec = new Recorder(events, 'engineEvent');
    const name = uniqueName('c');
    created.containers.push(name);
    const t0 = performance.now();
    const id = await docker(testbed.dockerHost, 'create', '--name', name, testbed.images.base, 'true');
    const create = await rec.waitFor(
      has((e) => e.type === 'container' && e.action === 'create' && e.id === id),
      5_000,
    );
    expect(create.at - t0).toBeLessThan(1_000 + 500); // CLI start-up included
    expect(create.payload.engineId).toBe('env');
    expect(create.payload.events.find((e) => e.id === id)).toMatchObject({ name, time: expect.any(Number) });

    const t1 = performance.now();
    await docker(testbed.dockerHost, 'rm', name);
    const destroy = await rec.waitFor(
      has((e) => e.type === 'container' && e.action === 'destroy' && e.id === id),
      5_000,
    );
    expect(destroy.at - t1).toBeLessThan(1_500);
    rec.off();
  });

  it('pushes image tags, and a burst of events in one or two batches', async () => {
    const rec = new Recorder(events, 'engineEvent');
    const tags = [1, 2, 3, 4].map((i) => `${uniqueName('img')}:t${i}`);
    created.tags.push(...tags);
    for (const t of tags) await docker(testbed.dockerHost, 'tag', testbed.images.base, t);
    await rec.waitFor(
      has((e) => e.type === 'image' && e.action === 'tag' && e.name === tags[3]),
      5_000,
    );
    const tagEvents = rec.got
      .flatMap((g) => g.payload.events)
      .filter((e) => e.action === 'tag' && tags.includes(e.name ?? ''));
    expect(tagEvents.map((e) => e.name).sort()).toEqual([...tags].sort());
    expect(tagEvents.every((e) => e.id === testbed.images.ids[testbed.images.base])).toBe(true);

    // One `rmi` of four tags: four untag events within a few ms -> coalesced.
    const before = rec.got.length;
    await docker(testbed.dockerHost, 'rmi', ...tags);
    created.tags = [];
    await new Promise((r) => setTimeout(r, 400));
    const pushes = rec.got.slice(before).filter((g) => g.payload.events.some((e) => e.action === 'untag'));
    const untags = pushes.flatMap((g) => g.payload.events).filter((e) => e.action === 'untag');
    expect(untags).toHaveLength(4);
    expect(pushes.length).toBeLessThanOrEqual(2);
    // Never two pushes closer than the 100 ms window.
    const times = rec.got.map((g) => g.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(90);
    rec.off();
  });
});
