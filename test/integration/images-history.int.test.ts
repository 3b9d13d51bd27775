/**
 * `<missing>` history rows on the real engine: a LOADED image has no local Parent, so the engine
 * cannot name a local image for the steps below its top. We make one by saving httpd:v1,
 * giving its config a new label (so a new image ID), and loading it back under a scratch tag.
 * Its layers are busybox:base's plus one, so "built on" must come from the layer chains.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { testbedFromEnv } from '../support/testbed-env';

const tb = testbedFromEnv();
const engine = createEngineClient(tb.dockerHost);
const api = createMainApi({ engine: () => engine, events: new EventHub(), checkResults: true });
const tmp = mkdtempSync(join(tmpdir(), 'strata-it-images-history-'));
const loadedRef = `strata-it-images-loaded-${randomBytes(4).toString('hex')}:1`;
let loadedId = '';

beforeAll(async () => {
  const dir = join(tmp, 'x');
  mkdirSync(dir);
  const saved = join(tmp, 'saved.tar');
  await pipeline(
    (await engine.getImage(tb.images.committed).get()) as NodeJS.ReadableStream,
    createWriteStream(saved),
  );
  execFileSync('tar', ['-xf', saved, '-C', dir]);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    Config: string;
    RepoTags: string[];
  }[];
  const config = JSON.parse(readFileSync(join(dir, manifest[0]!.Config), 'utf8')) as {
    config: { Labels?: Record<string, string> | null };
  };
  config.config.Labels = { ...(config.config.Labels ?? {}), 'strata.it': loadedRef };
  const bytes = Buffer.from(JSON.stringify(config));
  const hex = createHash('sha256').update(bytes).digest('hex');
  unlinkSync(join(dir, manifest[0]!.Config));
  rmSync(join(dir, 'repositories'), { force: true });
  writeFileSync(join(dir, `${hex}.json`), bytes);
  manifest[0]!.Config = `${hex}.json`;
  manifest[0]!.RepoTags = [loadedRef];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const tarball = join(tmp, 'load.tar');
  execFileSync('tar', ['-cf', tarball, '-C', dir, '.']);
  const stream = await engine.loadImage(createReadStream(tarball));
  const out: { error?: string }[] = await new Promise((resolve, reject) =>
    engine.modem.followProgress(stream, (err: Error | null, res: { error?: string }[]) =>
      err ? reject(err) : resolve(res),
    ),
  );
  expect(out.filter((o) => o.error)).toEqual([]);
  loadedId = `sha256:${hex}`;
}, 60_000);

afterAll(async () => {
  await engine
    .getImage(loadedRef)
    .remove({ noprune: true })
    .catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

describe('history of a loaded image', () => {
  it('keeps the <missing> rows, with no image ID and an explanation', async () => {
    const { result: rows, error } = await api.imageHistory({ ref: loadedRef });
    expect(error).toBeUndefined();
    expect(rows).toHaveLength(2);
    expect(rows![0]).toMatchObject({ imageId: loadedId, missing: false, layerIndex: 1, tags: [loadedRef] });
    expect(rows![0]!.instruction).toMatch(/^\(commit\) sh -c mkdir/);
    expect(rows![1]).toMatchObject({ imageId: null, missing: true, layerIndex: 0, instruction: '(import)' });
    expect(rows![1]!.explanation).toMatch(/<missing>: this step was built elsewhere/);
    const detail = await api.inspectImage({ ref: loadedRef });
    expect(detail.result?.parentId).toBeNull();
  });

  it('is built on busybox:base by its layer chain, having no Parent', async () => {
    const { result } = await api.imageGraph();
    expect(result!.edges).toContainEqual({ from: loadedId, to: tb.images.ids[tb.images.base], kind: 'base' });
    const layers = await api.imageLayers({ ref: loadedRef });
    expect(layers.result!.builtOn).toBe(tb.images.ids[tb.images.base]);
    // Its top layer is httpd:v1's very layer: shared by two images, introduced by neither alone.
    expect(layers.result!.layers[1]!.usedBy).toBe(2);
  });
});
