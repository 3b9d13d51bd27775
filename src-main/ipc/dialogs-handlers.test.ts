import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../docker/engine-client';
import type { FileDialogs } from './context';
import { createMainApi, EventHub } from './main-api';

// The dialogs never reach the engine: one that fails on use proves it.
const noEngine = (): EngineClient => {
  throw new Error('the engine must not be asked');
};

describe('dialogs channels', () => {
  it('pass the options to the dialogs dependency and answer what the user chose', async () => {
    const asked: unknown[] = [];
    const dialogs: FileDialogs = {
      save: async (o) => (asked.push(o), '/home/u/x.tar.gz'),
      open: async (o) => (asked.push(o), ['/home/u/a.tar']),
    };
    const api = createMainApi({ engine: noEngine, events: new EventHub(), dialogs, checkResults: true });
    const filters = [{ name: 'Image archives', extensions: ['tar', 'tar.gz'] }];
    expect(await api.chooseSavePath({ title: 'Save', defaultName: 'x.tar.gz', filters })).toEqual({
      result: { path: '/home/u/x.tar.gz' },
    });
    expect(await api.chooseOpenPaths({ multiple: true, filters })).toEqual({
      result: { paths: ['/home/u/a.tar'] },
    });
    expect(await api.chooseOpenPaths()).toEqual({ result: { paths: ['/home/u/a.tar'] } });
    expect(asked).toEqual([
      { title: 'Save', defaultName: 'x.tar.gz', filters },
      { multiple: true, filters },
      {},
    ]);
  });

  it('answer a cancelled dialog as null / no paths', async () => {
    const dialogs: FileDialogs = { save: async () => null, open: async () => [] };
    const api = createMainApi({ engine: noEngine, events: new EventHub(), dialogs });
    expect(await api.chooseSavePath()).toEqual({ result: { path: null } });
    expect(await api.chooseOpenPaths({})).toEqual({ result: { paths: [] } });
  });

  it('answer INTERNAL with a clear message where main has no dialogs', async () => {
    const logged: string[] = [];
    const api = createMainApi({
      engine: noEngine,
      events: new EventHub(),
      logError: (ch) => logged.push(ch),
    });
    const r = await api.chooseSavePath({});
    expect(r.error?.code).toBe('INTERNAL');
    expect(r.error?.message).toMatch(/File dialogs are not available/);
    expect(logged).toEqual(['chooseSavePath']);
  });

  it('refuse filters that are not extensions and unknown options', async () => {
    const api = createMainApi({ engine: noEngine, events: new EventHub() });
    const bad = [
      { filters: [{ name: 'x', extensions: ['../etc'] }] },
      { filters: [{ name: 'x', extensions: [] }] },
      { defaultPath: '/etc/passwd' },
    ];
    for (const args of bad)
      expect((await api.invoke('chooseOpenPaths', args)).error?.code).toBe('INVALID_ARGUMENT');
  });
});
