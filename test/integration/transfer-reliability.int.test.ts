/**
 * Save and load when things go wrong: the engine killed (SIGKILL) in the middle, or the image
 * removed while it is being saved. Daemons that get killed are private ones (startDockerd), each
 * loaded with images from the shared engine through save/load; the shared engine is never killed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { loadImagesFromFile } from '../../src-main/docker/transfer/load-images';
import { saveImagesToFile } from '../../src-main/docker/transfer/save-images';
import { AppError } from '../../src-main/ipc/app-error';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { startDockerd, type Dockerd } from '../testbed/dockerd';
import { testbedFromEnv } from '../support/testbed-env';
import { dockerQuiet, importRandomImage, partialFiles, tarList, uniqueName } from './transfer-support';

const testbed = testbedFromEnv();
const shared = createEngineClient(testbed.dockerHost);
const big = `${uniqueName('big')}:1`;
let dir: string;
/** busybox + a 64 MiB random layer, saved from the shared engine. */
let fixture: string;
const daemons: Dockerd[] = [];

/** A private engine holding the fixture's images, loaded through our own load. */
async function privateEngineWithImages(): Promise<Dockerd> {
  const d = await startDockerd();
  daemons.push(d);
  const loaded = await loadImagesFromFile(createEngineClient(d.dockerHost), fixture);
  expect(loaded.loaded.sort()).toEqual([testbed.images.base, big].sort());
  return d;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-it-transfer-'));
  await importRandomImage(testbed.dockerHost, dir, big, 64);
  fixture = join(dir, 'fixture.tar');
  await saveImagesToFile(shared, { names: [testbed.images.base, big], destPath: fixture });
  dockerQuiet(testbed.dockerHost, 'rmi', big);
});

afterAll(async () => {
  for (const d of daemons) await d.stop();
  dockerQuiet(testbed.dockerHost, 'rmi', big);
  await rm(dir, { recursive: true, force: true });
});

describe('engine killed mid-transfer', () => {
  it('SIGKILL during a save: no file, no temp file, ENGINE_UNAVAILABLE saying the engine stopped', async () => {
    const d = await privateEngineWithImages();
    const engine = createEngineClient(d.dockerHost);
    const events = new EventHub();
    const api = createMainApi({ engine: () => engine, events, checkResults: true });
    let killed = false;
    events.subscribe((name) => {
      if (name === 'jobProgress' && !killed) {
        killed = true;
        process.kill(d.pid, 'SIGKILL');
      }
    });
    const out = join(dir, 'killed-save.tar');
    const { error } = await api.saveImages({
      refs: [testbed.images.base, big],
      destPath: out,
      jobId: 'kill-save',
    });
    expect(killed).toBe(true);
    expect(error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(error?.message).toMatch(/engine stopped during the save/);
    expect(existsSync(out)).toBe(false);
    expect(await partialFiles(dir)).toEqual([]);
  });

  it('SIGKILL during a load: ENGINE_UNAVAILABLE saying the engine stopped', async () => {
    const d = await privateEngineWithImages();
    const engine = createEngineClient(d.dockerHost);
    await engine.getImage(big).remove();
    let killed = false;
    const p = loadImagesFromFile(engine, fixture, {
      onProgress: (prog) => {
        if (!killed && prog.bytesDone > 8 * 1024 * 1024) {
          killed = true;
          process.kill(d.pid, 'SIGKILL');
        }
      },
    });
    await expect(p).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      message: expect.stringMatching(/engine stopped during the load/),
    });
    expect(killed).toBe(true);
  });
});

describe('image removed while it is being saved (shared engine)', () => {
  it('either a valid file or a clean error with no file; the remove succeeds or reports a conflict', async () => {
    const victim = `${uniqueName('victim')}:1`;
    await importRandomImage(testbed.dockerHost, dir, victim, 48);
    const out = join(dir, 'raced.tar');
    let removal: Promise<string> | undefined;
    const save = saveImagesToFile(shared, {
      names: [victim],
      destPath: out,
      onProgress: () => {
        removal ??= shared
          .getImage(victim)
          .remove()
          .then(
            () => 'removed',
            (err: { statusCode?: number }) =>
              err.statusCode === 409 ? 'conflict' : `failed: ${String(err)}`,
          );
      },
    });
    const saved = await save.then(
      () => 'saved',
      (err: unknown) => err,
    );
    expect(removal).toBeDefined();
    expect(['removed', 'conflict']).toContain(await removal);
    if (saved === 'saved') {
      expect(await tarList(out)).toContain('manifest.json');
    } else {
      expect(saved).toBeInstanceOf(AppError);
      expect(existsSync(out)).toBe(false);
    }
    expect(await partialFiles(dir)).toEqual([]);
    dockerQuiet(testbed.dockerHost, 'rmi', victim);
    // The engine is still well.
    expect((await shared.ping()).toString()).toBe('OK');
  });
});

describe('load cancelled mid-way (shared engine)', () => {
  it('CANCELLED; the engine drops the partial upload and loads nothing from it', async () => {
    const c = new AbortController();
    const p = loadImagesFromFile(shared, fixture, {
      signal: c.signal,
      onProgress: (prog) => {
        if (prog.bytesDone > 8 * 1024 * 1024) c.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(c.signal.aborted).toBe(true);
    await expect(shared.getImage(big).inspect()).rejects.toMatchObject({ statusCode: 404 });
    // The engine is still well, and the same file loads whole afterwards.
    const again = await loadImagesFromFile(shared, fixture);
    expect(again.loaded).toContain(big);
    dockerQuiet(testbed.dockerHost, 'rmi', big);
  });
});
