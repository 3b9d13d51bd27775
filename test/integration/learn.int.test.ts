/**
 * The Learn section's main-side channels against the test bed's real dockerd: the environment
 * (sample archive, no bridge on this daemon, free loopback ports), the sample archive's own
 * structure, loading the sample into the engine, and a lesson's web server read through the
 * loopback-only fetch (refusing every other host).
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_IMAGES } from '../../src-shared/learn-samples';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { testbedFromEnv } from '../support/testbed-env';
import { removeByPrefix, uniqueName, waitFor } from './containers-support';

const testbed = testbedFromEnv();
const engine = createEngineClient(testbed.dockerHost);
const api = createMainApi({ engine: () => engine, events: new EventHub(), checkResults: true });
const prefix = uniqueName('learn');

afterAll(async () => {
  await removeByPrefix(engine, prefix);
  for (const ref of [SAMPLE_IMAGES.webV1, SAMPLE_IMAGES.web, SAMPLE_IMAGES.base])
    await engine
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
});

describe('learnEnvironment', () => {
  it('finds the shipped sample, sees no bridge on a --bridge=none daemon, offers two free ports', async () => {
    const { result, error } = await api.learnEnvironment();
    expect(error).toBeUndefined();
    expect(result!.sample?.path).toMatch(/resources[\\/]samples[\\/]strata-samples\.tar\.gz$/);
    expect(result!.sample!.bytes).toBeGreaterThan(100_000);
    expect(result!.bridge).toBe(false);
    const [a, b] = result!.ports;
    expect(a).not.toBe(b);
    expect(result!.saveTargets.tarGz).toBe(`${result!.saveTargets.tar}.gz`);
  });

  it('with no engine: bridge is null, the sample is still there', async () => {
    const dead = createEngineClient(`unix://${path.join(os.tmpdir(), `${prefix}-nothing.sock`)}`);
    const offline = createMainApi({ engine: () => dead, events: new EventHub(), checkResults: true });
    const { result } = await offline.learnEnvironment();
    expect(result!.bridge).toBeNull();
    expect(result!.sample).not.toBeNull();
  });
});

describe('archiveStructure', () => {
  it('lists the legacy docker save layout of the gzip sample: manifest.json, repositories, layer folders', async () => {
    const env = (await api.learnEnvironment()).result!;
    const { result, error } = await api.archiveStructure({ path: env.sample!.path });
    expect(error).toBeUndefined();
    expect(result!.compression).toBe('gzip');
    const paths = result!.members.map((m) => m.path);
    expect(paths).toContain('manifest.json');
    expect(paths).toContain('repositories');
    const layers = result!.members.filter((m) => m.path.endsWith('/layer.tar'));
    // Three images, two layers: the web images share the base layer through a symlink.
    expect(layers.filter((m) => m.kind === 'file')).toHaveLength(2);
    expect(layers.filter((m) => m.kind === 'symlink')[0]?.linkTarget).toMatch(
      /^\.\.\/[0-9a-f]{64}\/layer\.tar$/,
    );
  });

  it('refuses a file that is no archive, and names a missing one', async () => {
    const junk = path.join(os.tmpdir(), `${prefix}-junk.txt`);
    await writeFile(junk, 'hello, not a tar\n'.repeat(100));
    expect((await api.archiveStructure({ path: junk })).error?.code).toBe('BAD_ARCHIVE');
    expect((await api.archiveStructure({ path: `${junk}.missing` })).error?.code).toBe('NOT_FOUND');
  });
});

describe('fetchLoopback', () => {
  it.each([
    'http://10.0.0.1/',
    'http://172.17.0.2:80/',
    'https://127.0.0.1/',
    'http://example.com/',
    'file:///etc/passwd',
  ])('refuses %s', async (url) => {
    const { error } = await api.fetchLoopback({ url });
    expect(error?.code).toBe('INVALID_ARGUMENT');
  });

  it('reads the page of the sample web server loaded into the engine, and its access log shows the visit', async () => {
    const env = (await api.learnEnvironment()).result!;
    const loaded = await api.loadImages({ path: env.sample!.path, jobId: `${prefix}-load` });
    expect(loaded.error).toBeUndefined();
    expect(loaded.result!.loaded).toEqual(
      expect.arrayContaining([SAMPLE_IMAGES.base, SAMPLE_IMAGES.web, SAMPLE_IMAGES.webV1]),
    );
    const port = env.ports[0];
    const name = `${prefix}-web1`;
    const run = await api.runContainer({
      image: SAMPLE_IMAGES.web,
      name,
      networkMode: 'host',
      command: ['httpd', '-f', '-v', '-p', `127.0.0.1:${port}`, '-h', '/var/www/'],
    });
    expect(run.error).toBeUndefined();
    const url = `http://localhost:${port}/`;
    await waitFor(async () => !(await api.fetchLoopback({ url })).error, 10_000, 'the web server');
    const page = await api.fetchLoopback({ url });
    expect(page.result!.status).toBe(200);
    expect(page.result!.body).toContain('Hello world. Busybox httpd.');
    await waitFor(
      async () => {
        const logs = await api.containerLogs({ id: name });
        return JSON.stringify(logs.result ?? '').includes('response:200');
      },
      10_000,
      'the access log line',
    );
  });
});
