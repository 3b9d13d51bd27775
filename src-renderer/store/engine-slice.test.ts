import { beforeEach, describe, expect, it } from 'vitest';
import { installFakeApi, type FakeApi } from './fake-api.test-support';
import { useStore } from './index';

const status = { state: 'connected', since: 1, info: {} } as const;
const entry = (id: string, current: boolean) => ({
  id,
  name: id,
  source: 'user',
  endpoint: `tcp://${id}:2375`,
  current,
  status,
});

let fake: FakeApi;
let currentId: string;
beforeEach(() => {
  fake = installFakeApi();
  currentId = 'user:a';
  fake.on('listEngines', () => [
    entry('user:a', currentId === 'user:a'),
    entry('user:b', currentId === 'user:b'),
  ]);
  fake.on('getEngineInfo', () => ({ name: currentId }));
  fake.on('listImages', () => []);
  fake.on('listContainers', () => []);
  fake.on('imageGraph', () => ({ nodes: [], edges: [] }));
  useStore.setState({ engines: [], engineSwitchError: null, engineSwitching: false });
});

describe('engine slice', () => {
  it('switches the current engine, then lists the engines, its info and its images again', async () => {
    fake.on('selectEngine', (args) => {
      currentId = (args as { id: string }).id;
      return status;
    });
    await useStore.getState().refreshEngines();
    expect(useStore.getState().engines.find((e) => e.current)?.id).toBe('user:a');
    await useStore.getState().switchEngine('user:b');
    const s = useStore.getState();
    expect(s.engines.find((e) => e.current)?.id).toBe('user:b');
    expect(s.engine).toMatchObject({ status: 'connected', info: { name: 'user:b' } });
    expect(s.engineSwitching).toBe(false);
    const names = fake.calls.map((c) => c.name);
    expect(names.indexOf('selectEngine')).toBeLessThan(names.lastIndexOf('listImages'));
    expect(names).toContain('listContainers');
  });

  it('does nothing for the engine already current', async () => {
    await useStore.getState().refreshEngines();
    await useStore.getState().switchEngine('user:a');
    expect(fake.calls.some((c) => c.name === 'selectEngine')).toBe(false);
  });

  it('keeps the reason when the engine refuses the switch', async () => {
    fake.on('selectEngine', () => {
      throw { code: 'NOT_FOUND', message: 'no such engine' };
    });
    await useStore.getState().refreshEngines();
    await useStore.getState().switchEngine('user:b');
    expect(useStore.getState().engineSwitchError).toBe('Not found: no such engine');
    expect(useStore.getState().engines.find((e) => e.current)?.id).toBe('user:a');
  });
});
