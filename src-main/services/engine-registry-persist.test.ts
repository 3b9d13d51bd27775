/**
 * The user's engines when engines.json cannot be written (disk full, a folder in the way): adding
 * or removing one fails with the reason and changes nothing, so what the window lists is what the
 * next start will list; switching engines still switches (remembering the choice is a convenience).
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USER_ENGINES_FILE } from '../docker/connection/user-engines-store';
import { createMainApi, EventHub } from '../ipc/main-api';
import { EngineRegistry } from './engine-registry';

let dir: string;
let registry: EngineRegistry | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-registry-persist-'));
});
afterEach(async () => {
  registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

const make = (): Promise<EngineRegistry> =>
  EngineRegistry.create({ env: {}, home: dir, configDir: dir, exists: () => false, probeTimeoutMs: 200 });
// Nothing listens on port 1 of loopback: connection checks fail fast.
const unreachable = { name: 'nowhere', host: 'tcp://127.0.0.1:1' };
const userIds = (r: EngineRegistry): string[] =>
  r
    .list()
    .filter((e) => e.source === 'user')
    .map((e) => e.id);
/** engines.json becomes a folder: every later write of it fails. */
const block = (): Promise<void> => mkdir(join(dir, USER_ENGINES_FILE));

describe('EngineRegistry when engines.json cannot be written', () => {
  it('add: rejects saying why, and the engine is not listed', async () => {
    registry = await make();
    await block();
    await expect(registry.add(unreachable)).rejects.toMatchObject({
      message: `${join(dir, USER_ENGINES_FILE)} is a folder; choose a file name`,
    });
    expect(userIds(registry)).toEqual([]);
  });

  it('addEngine over IPC: INVALID_ARGUMENT with the same words', async () => {
    registry = await make();
    await block();
    const r = registry;
    const api = createMainApi({ engine: () => r.current(), connection: r, events: new EventHub() });
    const { error } = await api.addEngine(unreachable);
    expect(error).toEqual({
      code: 'INVALID_ARGUMENT',
      message: `${join(dir, USER_ENGINES_FILE)} is a folder; choose a file name`,
      details: { path: join(dir, USER_ENGINES_FILE), reason: 'EISDIR' },
    });
    expect(userIds(r)).toEqual([]);
  });

  it('remove: rejects, and the engine stays listed and usable', async () => {
    registry = await make();
    const added = await registry.add(unreachable);
    await rm(join(dir, USER_ENGINES_FILE));
    await block();
    await expect(registry.remove(added.id)).rejects.toMatchObject({ code: 'EISDIR' });
    expect(userIds(registry)).toEqual([added.id]);
    expect((await registry.retry(added.id)).state).toBe('unavailable');
  });

  it('select: switches all the same (the choice is only not remembered)', async () => {
    registry = await make();
    const added = await registry.add(unreachable);
    await rm(join(dir, USER_ENGINES_FILE));
    await block();
    expect((await registry.select(added.id)).state).toBe('unavailable');
    expect(registry.list().find((e) => e.current)?.id).toBe(added.id);
    expect(await readdir(join(dir, USER_ENGINES_FILE))).toEqual([]);
  });
});
