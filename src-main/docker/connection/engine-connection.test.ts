import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionInfo, ConnectionStatus } from '../../../src-shared/connection-dto';
import { EngineConnection } from './engine-connection';

const info = { name: 'n', serverVersion: '20.10', apiVersion: '1.41' } as ConnectionInfo;

describe('EngineConnection', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('announces changes only, and retries the active engine with backoff', async () => {
    let up = false;
    const probes: number[] = [];
    const changes: ConnectionStatus['state'][] = [];
    const conn = new EngineConnection({
      probe: async () => {
        probes.push(Date.now());
        if (!up) throw new Error('connect ECONNREFUSED');
        return info;
      },
      onChange: (s) => changes.push(s.state),
    });
    conn.setActive(true);
    expect(await conn.check()).toMatchObject({
      state: 'unavailable',
      attempts: 1,
      nextRetryAt: 1000,
      reason: 'connect ECONNREFUSED',
    });
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000);
    expect(probes).toEqual([0, 1000, 3000, 7000]);
    expect(changes).toEqual(['unavailable']);
    up = true;
    await vi.advanceTimersByTimeAsync(8000);
    expect(conn.status).toMatchObject({ state: 'connected', since: 15000 });
    expect(changes).toEqual(['unavailable', 'connected']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toHaveLength(5); // no retries while connected
    conn.dispose();
  });

  it('does not retry an inactive engine, and joins attempts already running', async () => {
    let calls = 0;
    const conn = new EngineConnection({
      probe: () => (calls++, Promise.reject(new Error('down'))),
      onChange: () => undefined,
    });
    await Promise.all([conn.check(), conn.check()]);
    expect(calls).toBe(1);
    expect(conn.status).toMatchObject({ nextRetryAt: null });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
    conn.setActive(true); // becomes current: retried from now on
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    conn.dispose();
  });
});
