/** The main-process API against the test bed's real dockerd: the chain the window uses, minus Electron. */
import { describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { testbedFromEnv } from '../support/testbed-env';

const testbed = testbedFromEnv();
const engine = createEngineClient(testbed.dockerHost);
const api = createMainApi({ engine: () => engine, events: new EventHub(), checkResults: true });

describe('main API over the real engine', () => {
  it('reports the engine, its API version and storage driver', async () => {
    const { result, error } = await api.getEngineInfo();
    expect(error).toBeUndefined();
    expect(result?.storageDriver).toMatch(/^(overlay2|vfs|btrfs|zfs|fuse-overlayfs)$/);
    expect(result?.apiVersion).toMatch(/^1\.\d+$/);
    expect(result?.images).toBeGreaterThanOrEqual(3);
    expect(result?.osType).toBe('linux');
  });

  it('lists the test images, one entry per ID with all its tags', async () => {
    const { result } = await api.listImages();
    const byId = new Map(result!.map((img) => [img.id, img]));
    const layers = byId.get(testbed.images.ids[testbed.images.layers]!);
    expect(layers?.repoTags.sort()).toEqual([testbed.images.layers, testbed.images.layersLatest].sort());
    expect(layers?.dangling).toBe(false);
    expect(layers?.size).toBeGreaterThan(0);
    expect(byId.get(testbed.images.ids[testbed.images.committed]!)?.repoTags).toEqual([testbed.images.committed]);
    // Intermediate images of the legacy builder are not listed as dangling images.
    expect(result!.filter((i) => i.repoTags.length === 0 && !i.dangling)).toEqual([]);
  });

  it('inspects an image: config and layer chain, the committed image one layer above its base', async () => {
    const base = await api.inspectImage({ ref: testbed.images.base });
    const committed = await api.inspectImage({ ref: testbed.images.committed });
    expect(committed.result?.config.cmd).toEqual(['httpd', '-f', '-h', '/var/www/']);
    expect(committed.result?.comment).toBe('add index');
    expect(committed.result?.layers.slice(0, -1)).toEqual(base.result?.layers);
    expect(committed.result?.layers).toHaveLength(base.result!.layers.length + 1);
  });

  it('answers NOT_FOUND for an image the engine does not have', async () => {
    const { error } = await api.inspectImage({ ref: 'strata-test/no-such-image:nope' });
    expect(error?.code).toBe('NOT_FOUND');
  });

  it('rejects a wrong argument with a typed error before the engine is asked', async () => {
    let asked = 0;
    const counting = createMainApi({
      engine: () => {
        asked++;
        return engine;
      },
      events: new EventHub(),
    });
    const { error } = await counting.invoke('inspectImage', { ref: ['not', 'a', 'string'] });
    expect(error?.code).toBe('INVALID_ARGUMENT');
    expect(asked).toBe(0);
  });

  it('answers ENGINE_UNAVAILABLE, not a crash, when the socket does not exist', async () => {
    const gone = createEngineClient('unix:///nonexistent/strata/docker.sock');
    const offline = createMainApi({ engine: () => gone, events: new EventHub() });
    const { error } = await offline.getEngineInfo();
    expect(error?.code).toBe('ENGINE_UNAVAILABLE');
    expect(error?.message).toMatch(/cannot be reached/);
  });
});
