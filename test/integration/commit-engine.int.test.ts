/**
 * Commit against the test bed's real dockerd (tutorial steps 11, 14 and 15): a busybox container
 * gets /var/www/index.html, is committed with pause, message, author and changes, and the new
 * image shows them, one layer above its base; then it runs and serves the page on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitSpecSchema } from '../../src-shared/containers-spec';
import { commitContainer } from '../../src-main/docker/commit';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { testbedFromEnv } from '../support/testbed-env';
import { freeLoopbackPort, httpGetLoopback, removeByPrefix, uniqueName, waitFor } from './containers-support';

const testbed = testbedFromEnv();
const engine = createEngineClient(testbed.dockerHost);
const api = createMainApi({ engine: () => engine, events: new EventHub(), checkResults: true });
const prefix = uniqueName('commit');
const source = `${prefix}-httpd`;
const v2 = `${prefix}/httpd:v2`;
const createdImageIds: string[] = [];

beforeAll(async () => {
  const { error } = await api.runContainer({
    image: testbed.images.base,
    name: source,
    command: [
      'sh',
      '-c',
      'mkdir -p /var/www && echo committed-page > /var/www/index.html && exec sleep 3600',
    ],
  });
  expect(error).toBeUndefined();
  await waitFor(
    async () =>
      (await api.execInContainer({ id: source, cmd: ['cat', '/var/www/index.html'] })).result?.exitCode === 0,
    10_000,
    'index.html',
  );
});

afterAll(async () => {
  await removeByPrefix(engine, prefix);
  for (const id of createdImageIds)
    await engine
      .getImage(id)
      .remove()
      .catch(() => undefined);
});

describe('commitContainer', () => {
  it('commits with pause, message, author and CMD/ENV/EXPOSE changes (steps 11 and 14)', async () => {
    const { result, error } = await api.commitContainer({
      container: source,
      reference: v2,
      message: 'add index.html',
      author: 'Strata tests <it@example.invalid>',
      changes: [
        { instruction: 'CMD', value: '["httpd","-f","-h","/var/www/"]' },
        { instruction: 'ENV', value: 'A=b' },
        { instruction: 'EXPOSE', value: '80' },
      ],
    });
    expect(error).toBeUndefined();
    expect(result?.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const image = await api.inspectImage({ ref: v2 });
    const baseImage = await api.inspectImage({ ref: testbed.images.base });
    expect(image.result?.id).toBe(result?.imageId);
    expect(image.result?.repoTags).toEqual([v2]);
    expect(image.result?.comment).toBe('add index.html');
    expect(image.result?.author).toBe('Strata tests <it@example.invalid>');
    expect(image.result?.config.cmd).toEqual(['httpd', '-f', '-h', '/var/www/']);
    expect(image.result?.config.env).toContain('A=b');
    expect(image.result?.config.exposedPorts).toEqual(['80/tcp']);
    // The writable layer became exactly one new layer on top of the base's stack.
    expect(image.result?.layers).toHaveLength(baseImage.result!.layers.length + 1);
    expect(image.result?.layers.slice(0, -1)).toEqual(baseImage.result?.layers);
    // Paused during the commit, running again after it.
    const after = await api.inspectContainer({ id: source });
    expect(after.result?.state).toMatchObject({ running: true, paused: false });
  });

  it('runs the committed image with a port mapping and serves its page on loopback (step 15)', async () => {
    const port = await freeLoopbackPort();
    const { result } = await api.runContainer({
      image: v2,
      name: `${prefix}-httpd2`,
      // The image's CMD with the listen address moved to loopback (host networking, see TESTBED.md).
      command: ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', '/var/www/'],
      ports: [{ containerPort: 80, hostPort: 8002 }],
      networkMode: 'host',
    });
    expect(result?.id).toBeTruthy();
    expect(await httpGetLoopback(port, '/index.html')).toEqual({ status: 200, body: 'committed-page\n' });
    const inspected = await api.inspectContainer({ id: `${prefix}-httpd2` });
    expect(inspected.result?.config.env).toContain('A=b');
    expect(inspected.result?.ports).toContainEqual(
      expect.objectContaining({ containerPort: 80, hostPort: 8002, configured: true }),
    );
  });

  it('keeps values literal: quotes, $ and spaces in ENV and LABEL, shell-form ENTRYPOINT, WORKDIR, USER, VOLUME', async () => {
    const spec = CommitSpecSchema.parse({
      container: source,
      pause: false,
      changes: [
        { instruction: 'ENV', value: 'MSG=hello $HOME "quoted" \\ end' },
        { instruction: 'LABEL', value: 'org.example.note=two words' },
        { instruction: 'ENTRYPOINT', value: 'echo from shell' },
        { instruction: 'WORKDIR', value: '/var/www' },
        { instruction: 'USER', value: 'nobody' },
        { instruction: 'VOLUME', value: '/data' },
      ],
    });
    const { imageId } = await commitContainer(engine, spec);
    createdImageIds.push(imageId);
    const image = await api.inspectImage({ ref: imageId });
    expect(image.result?.repoTags).toEqual([]);
    expect(image.result?.config.env).toContain('MSG=hello $HOME "quoted" \\ end');
    expect(image.result?.config.labels).toMatchObject({ 'org.example.note': 'two words' });
    expect(image.result?.config.entrypoint).toEqual(['/bin/sh', '-c', 'echo from shell']);
    expect(image.result?.config.workingDir).toBe('/var/www');
    expect(image.result?.config.user).toBe('nobody');
    expect(image.result?.config.volumes).toEqual(['/data']);
  });

  it('rejects a bad change or reference before the engine is asked', async () => {
    let asked = 0;
    const counting = createMainApi({
      engine: () => {
        asked++;
        return engine;
      },
      events: new EventHub(),
    });
    // Only calls made for the requests count (building the API may look at the engine once).
    asked = 0;
    for (const bad of [
      { container: source, changes: [{ instruction: 'EXPOSE', value: 'eighty' }] },
      { container: source, changes: [{ instruction: 'CMD', value: '["httpd", 80]' }] },
      { container: source, changes: [{ instruction: 'RUN', value: 'rm -rf /' }] },
      { container: source, changes: [{ instruction: 'ENV', value: 'A=b\nRUN x' }] },
      { container: source, reference: 'Not/A:Valid:Ref' },
      { container: '../images/json' },
    ]) {
      const { error } = await counting.invoke('commitContainer', bad);
      expect(error?.code, JSON.stringify(bad)).toBe('INVALID_ARGUMENT');
    }
    expect(asked).toBe(0);
  });

  it('answers NOT_FOUND for a container that does not exist', async () => {
    const { error } = await api.commitContainer({
      container: `${prefix}-nope`,
      reference: `${prefix}/nope:1`,
    });
    expect(error?.code).toBe('NOT_FOUND');
  });
});
