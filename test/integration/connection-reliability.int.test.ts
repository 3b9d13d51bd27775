/**
 * The daemon dies and comes back: with a private dockerd (never the shared one), SIGKILL it ->
 * one `engineStatus` unavailable push, not a storm, while requests fail fast; start a new daemon
 * on the same socket and data root -> the registry reconnects by itself and live events resume,
 * including one that happened before the resubscription (`since`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { EngineEventsService } from '../../src-main/services/engine-events';
import { EngineRegistry } from '../../src-main/services/engine-registry';
import { startDockerd, type Dockerd } from '../testbed/dockerd';
import { isAlive, signal, waitForExit } from '../testbed/exec';
import { docker, Recorder, uniqueName } from './connection-support';

let first: Dockerd;
let second: Dockerd | undefined;
let home: string;
const events = new EventHub();
let registry: EngineRegistry;
let live: EngineEventsService;

beforeAll(async () => {
  first = await startDockerd();
  home = await mkdtemp(join(tmpdir(), 'strata-it-connection-home-'));
  registry = await EngineRegistry.create({
    env: { DOCKER_HOST: first.dockerHost },
    home,
    exists: () => false,
    events,
  });
  live = new EngineEventsService(registry, events);
  live.start();
  expect((await registry.start()).state).toBe('connected');
});
afterAll(async () => {
  live?.stop();
  registry?.stop();
  // The second daemon first: the first one's stop then finds its dir already cleaned.
  await second?.stop();
  await first?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('engine connection reliability', () => {
  it('goes unavailable once when the daemon is killed, and comes back with live events', async () => {
    const status = new Recorder(events, 'engineStatus');
    const live$ = new Recorder(events, 'engineEvent');
    const api = createMainApi({ engine: () => registry.current(), connection: registry, events, checkResults: true });

    // Live before the crash.
    await new Promise((r) => setTimeout(r, 300));
    const v1 = uniqueName('v1');
    await docker(first.dockerHost, 'volume', 'create', v1);
    await live$.waitFor(
      (p) => p.events.some((e) => e.type === 'volume' && e.action === 'create' && e.id === v1),
      3_000,
    );

    signal(first.pid, 'SIGKILL');
    expect(await waitForExit([first.pid], 10_000)).toBe(true);
    const down = await status.waitFor((p) => p.state === 'unavailable', 5_000);
    expect(down.payload).toMatchObject({ engineId: 'env', nextRetryAt: expect.any(Number) });

    // Requests during the outage fail fast, and retries pass: still exactly one push.
    for (let i = 0; i < 5; i++) expect((await api.listImages()).error?.code).toBe('ENGINE_UNAVAILABLE');
    await new Promise((r) => setTimeout(r, 3_300)); // retries at +1 s and +3 s
    expect(status.got.map((g) => g.payload.state)).toEqual(['unavailable']);
    const waiting = registry.status();
    expect(waiting.state).toBe('unavailable');
    expect(waiting.state === 'unavailable' && waiting.attempts).toBeGreaterThanOrEqual(3);

    // A new daemon on the same socket and data root.
    expect(isAlive(first.pid)).toBe(false);
    second = await startDockerd({ dir: first.dir });
    expect(second.dockerHost).toBe(first.dockerHost);
    // Happens before the registry's next retry (up to 4 s away): only `since` can bring it.
    const v2 = uniqueName('v2');
    await docker(second.dockerHost, 'volume', 'create', v2);
    const up = await status.waitFor((p) => p.state === 'connected', 40_000);
    expect(up.payload).toMatchObject({ engineId: 'env', apiVersion: '1.41' });
    await live$.waitFor(
      (p) => p.events.some((e) => e.type === 'volume' && e.action === 'create' && e.id === v2),
      5_000,
    );

    // And live again for what follows.
    const v3 = uniqueName('v3');
    const t = performance.now();
    await docker(second.dockerHost, 'volume', 'create', v3);
    const got = await live$.waitFor((p) => p.events.some((e) => e.id === v3), 3_000);
    expect(got.at - t).toBeLessThan(1_500);
    expect(status.got.map((g) => g.payload.state)).toEqual(['unavailable', 'connected']);
    // No event pushed twice across the resubscription.
    const creates = live$.got
      .flatMap((g) => g.payload.events)
      .filter((e) => e.type === 'volume' && e.action === 'create');
    expect(creates.map((e) => e.id)).toEqual([v1, v2, v3]);
    expect((await api.listImages()).error).toBeUndefined();
    status.off();
    live$.off();
  });
});
