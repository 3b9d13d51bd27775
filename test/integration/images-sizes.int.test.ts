/**
 * The images domain read side on the test bed's real engine: shared/unique sizes from layer
 * sharing, containers per image, history with its explanations, layer chains, and "built on".
 */
import { describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { listImages } from '../../src-main/docker/images';
import { engineSharedSizes } from '../../src-main/docker/images/engine-sharing';
import { imageHistory } from '../../src-main/docker/images/history';
import { loadLocalImages } from '../../src-main/docker/images/local-images';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { testbedFromEnv } from '../support/testbed-env';

const tb = testbedFromEnv();
const engine = createEngineClient(tb.dockerHost);
const api = createMainApi({ engine: () => engine, events: new EventHub(), checkResults: true });
const idOf = (ref: string): string => tb.images.ids[ref]!;

describe('listImages: sizes and containers', () => {
  it('splits each image into shared and unique bytes from layer sharing', async () => {
    const { result, error } = await api.listImages();
    expect(error).toBeUndefined();
    const byId = new Map(result!.map((i) => [i.id, i]));
    const base = byId.get(idOf(tb.images.base))!;
    const layers = byId.get(idOf(tb.images.layers))!;
    const httpd = byId.get(idOf(tb.images.committed))!;
    // layers:1.0 and httpd:v1 stand on busybox:base's one layer: that layer is shared by all three.
    expect(layers.sharedSize).toBeGreaterThan(0);
    expect(layers.sharedSize).toBe(base.size);
    expect(base.sharedSize).toBe(base.size);
    expect(base.uniqueSize).toBe(0);
    expect(layers.uniqueSize).toBe(layers.size - base.size);
    expect(httpd.uniqueSize).toBe(httpd.size - base.size);
    for (const img of result!) expect(img.sharedSize! + img.uniqueSize!).toBe(img.size);
  });

  it('counts and names the containers using an image, stopped ones included', async () => {
    const images = await listImages(engine, { includeDangling: true });
    const base = images.find((i) => i.id === idOf(tb.images.base))!;
    expect(base.containerNames).toContain(tb.images.commitContainer);
    expect(base.containers).toBe(base.containerNames.length);
    expect(images.find((i) => i.id === idOf(tb.images.layers))!.containers).toBe(0);
  });

  it('gets the same split from the engine in one request (the cold listing) as from the layers', async () => {
    const { images } = await loadLocalImages(engine);
    const fromEngine = await engineSharedSizes(engine);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const img of images)
      expect({ id: img.id, shared: fromEngine.get(img.id) }).toEqual({ id: img.id, shared: img.sharedSize });
  });

  it('answers a second listing with the same numbers (from the per-image cache)', async () => {
    // The engine lists images created in the same second in no fixed order: compare by ID.
    const byId = (list: Awaited<ReturnType<typeof listImages>>) =>
      [...list].sort((a, b) => a.id.localeCompare(b.id));
    const first = byId(await listImages(engine, { includeDangling: true }));
    const second = byId(await listImages(engine, { includeDangling: true }));
    expect(second).toEqual(first);
  });
});

describe('imageHistory', () => {
  it('explains the imported base: one layer, the import, no parent', async () => {
    const rows = await imageHistory(engine, tb.images.base);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      instruction: '(import)',
      emptyLayer: false,
      layerIndex: 0,
      missing: false,
    });
    expect(rows[0]!.imageId).toBe(idOf(tb.images.base));
    expect(rows[0]!.explanation).toMatch(/imported/i);
    const detail = await api.inspectImage({ ref: tb.images.base });
    expect(detail.result?.parentId).toBeNull();
  });

  it('keeps metadata steps as empty rows and maps the rest onto the layer chain', async () => {
    const { result: rows, error } = await api.imageHistory({ ref: tb.images.layers });
    expect(error).toBeUndefined();
    const detail = await api.inspectImage({ ref: tb.images.layers });
    const layerRows = rows!.filter((r) => !r.emptyLayer);
    expect(layerRows).toHaveLength(detail.result!.layers.length);
    expect(layerRows.map((r) => r.layerIndex)).toEqual([...detail.result!.layers.keys()].reverse());
    expect(rows!.find((r) => r.instruction.startsWith('ENV'))).toMatchObject({
      emptyLayer: true,
      layerIndex: null,
    });
    expect(rows!.find((r) => r.instruction.startsWith('WORKDIR'))).toMatchObject({
      emptyLayer: false,
      size: 0,
    });
    // Built locally by the legacy builder: every step has a local image, none is <missing>.
    expect(rows!.filter((r) => r.missing)).toEqual([]);
    expect(rows![0]!.tags.sort()).toEqual([tb.images.layers, tb.images.layersLatest].sort());
  });

  it('refuses a hostile reference before the engine sees it', async () => {
    const { error } = await api.invoke('imageHistory', { ref: '../containers/json' });
    expect(error?.code).toBe('INVALID_ARGUMENT');
    const extra = await api.invoke('imageHistory', { ref: tb.images.base, all: true });
    expect(extra.error?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('imageLayers and the built-on relation', () => {
  it('gives each layer its size, users and the image that introduced it', async () => {
    const { result, error } = await api.imageLayers({ ref: tb.images.layers });
    expect(error).toBeUndefined();
    const base = await api.inspectImage({ ref: tb.images.base });
    expect(result!.imageId).toBe(idOf(tb.images.layers));
    expect(result!.builtOn).toBe(idOf(tb.images.base));
    const [bottom, ...own] = result!.layers;
    expect(bottom!.diffId).toBe(base.result!.layers[0]);
    expect(bottom!.introducedBy).toBe(idOf(tb.images.base));
    expect(bottom!.introducedByTags).toEqual([tb.images.base]);
    expect(bottom!.usedBy).toBeGreaterThanOrEqual(3);
    expect(bottom!.size).toBe(base.result!.size);
    for (const l of own) expect(l).toMatchObject({ introducedBy: idOf(tb.images.layers), usedBy: 1 });
    const detail = await api.inspectImage({ ref: tb.images.layers });
    expect(result!.layers.reduce((a, l) => a + l.size, 0)).toBe(detail.result!.size);
  });

  it('says layers:1.0 and httpd:v1 are both built on busybox:base', async () => {
    const { result } = await api.imageGraph();
    const base = idOf(tb.images.base);
    expect(result!.edges).toContainEqual({ from: idOf(tb.images.layers), to: base, kind: 'base' });
    expect(result!.edges).toContainEqual({ from: idOf(tb.images.committed), to: base, kind: 'base' });
    expect(result!.edges).toContainEqual({
      from: tb.images.layersLatest,
      to: idOf(tb.images.layers),
      kind: 'tag',
    });
    expect(result!.edges.filter((e) => e.from === base && e.kind === 'base')).toEqual([]);
  });

  it('answers NOT_FOUND for an image the engine does not have', async () => {
    const { error } = await api.imageLayers({ ref: 'strata-test/no-such:image' });
    expect(error?.code).toBe('NOT_FOUND');
  });
});
