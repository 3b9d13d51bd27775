/**
 * Tag, untag, remove and prune on the real engine. Everything works on scratch tags and scratch
 * images (commits of a throwaway container), removed in afterAll: the shared images stay as they were.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { untagImage } from '../../src-main/docker/images/references';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { testbedFromEnv } from '../support/testbed-env';

const tb = testbedFromEnv();
const engine = createEngineClient(tb.dockerHost);
const api = createMainApi({ engine: () => engine, events: new EventHub(), checkResults: true });
const suffix = randomBytes(4).toString('hex');
const repo = `strata-it-images-${suffix}`;
const containers: string[] = [];
const images: string[] = [];

/** A new image of our own (a commit of a container of busybox:base), tagged `repo:tag` or untagged. */
async function scratchImage(tag?: string): Promise<string> {
  const c = await engine.createContainer({
    Image: tb.images.base,
    Cmd: ['true'],
    name: `${repo}-src-${containers.length}`,
  });
  containers.push(c.id);
  const r = (await c.commit({ ...(tag ? { repo, tag } : {}), comment: 'strata scratch' })) as { Id: string };
  images.push(r.Id);
  return r.Id;
}

const exists = async (ref: string): Promise<boolean> =>
  engine
    .getImage(ref)
    .inspect()
    .then(
      () => true,
      () => false,
    );

beforeAll(async () => {
  expect(await exists(tb.images.base)).toBe(true);
});

afterAll(async () => {
  for (const id of containers)
    await engine
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const id of images.reverse())
    await engine
      .getImage(id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const t of ['a', 'b'])
    await engine
      .getImage(`${repo}:${t}`)
      .remove({ noprune: true })
      .catch(() => undefined);
});

describe('tag and untag', () => {
  it('round trip on a copy of busybox:base: untagging never removes an image other references keep', async () => {
    const baseId = tb.images.ids[tb.images.base]!;
    const a = await api.tagImage({ ref: tb.images.base, repo, tag: 'a' });
    expect(a.result).toEqual({ reference: `${repo}:a`, imageId: baseId });
    await api.tagImage({ ref: `${repo}:a`, repo, tag: 'b' });
    const tags = (await api.inspectImage({ ref: baseId })).result!.repoTags;
    expect(tags).toEqual(expect.arrayContaining([`${repo}:a`, `${repo}:b`, tb.images.base]));

    const u1 = await api.untagImage({ ref: `${repo}:a` });
    expect(u1.result).toEqual({ untagged: [`${repo}:a`], deleted: [], imageRemains: true });
    const u2 = await api.untagImage({ ref: `${repo}:b` });
    // The last scratch tag, but busybox:base still names the image: it stays.
    expect(u2.result).toEqual({ untagged: [`${repo}:b`], deleted: [], imageRemains: true });
    expect((await api.inspectImage({ ref: baseId })).result!.repoTags).toEqual([tb.images.base]);
  });

  it('removes the image with its last reference', async () => {
    const id = await scratchImage('last');
    const r = await untagImage(engine, `${repo}:last`);
    expect(r).toEqual({ untagged: [`${repo}:last`], deleted: [id], imageRemains: false });
    expect(await exists(id)).toBe(false);
  });

  it('refuses what is not a reference of the image (an ID, a bad tag, an unknown tag)', async () => {
    const byId = await api.untagImage({ ref: tb.images.ids[tb.images.base]!.slice(7, 19) });
    expect(byId.error?.code).toBe('INVALID_ARGUMENT');
    const unknown = await api.untagImage({ ref: `${repo}:never-made` });
    expect(unknown.error?.code).toBe('NOT_FOUND');
    const badTag = await api.tagImage({ ref: tb.images.base, repo: 'UPPER/case', tag: 'x' });
    expect(badTag.error?.code).toBe('INVALID_ARGUMENT');
    const extra = await api.invoke('tagImage', { ref: tb.images.base, repo, tag: 'x', force: true });
    expect(extra.error?.code).toBe('INVALID_ARGUMENT');
    expect(await exists(tb.images.base)).toBe(true);
  });
});

describe('removeImage', () => {
  it('refuses an image a container uses, naming the container; removes it with force', async () => {
    const id = await scratchImage('rm');
    const name = `${repo}-user`;
    const user = await engine.createContainer({ Image: `${repo}:rm`, Cmd: ['true'], name });
    containers.push(user.id);

    const refused = await api.removeImage({ ref: `${repo}:rm` });
    expect(refused.error?.code).toBe('CONFLICT');
    expect(refused.error?.message).toContain(name);
    expect(refused.error?.details).toEqual({ containers: [name] });
    expect(await exists(id)).toBe(true);

    const forced = await api.removeImage({ ref: `${repo}:rm`, force: true });
    expect(forced.error).toBeUndefined();
    expect(forced.result).toMatchObject({ untagged: [`${repo}:rm`], deleted: [id], imageRemains: false });
    expect(await exists(id)).toBe(false);
  });

  it('removes an unused image by ID', async () => {
    const id = await scratchImage('plain');
    const r = await api.removeImage({ ref: id, force: false });
    expect(r.result).toMatchObject({ deleted: [id], imageRemains: false });
  });
});

describe('pruneImages', () => {
  it('deletes dangling images and reports their IDs and the bytes reclaimed', async () => {
    const dangling = await scratchImage();
    const listed = await api.listImages();
    expect(listed.result!.find((i) => i.id === dangling)?.dangling).toBe(true);
    const { result, error } = await api.pruneImages();
    expect(error).toBeUndefined();
    expect(result!.deleted).toContain(dangling);
    expect(result!.reclaimedBytes).toBeGreaterThanOrEqual(0);
    expect(await exists(dangling)).toBe(false);
    // Tagged images and the legacy builder's intermediate images are not dangling.
    for (const ref of [tb.images.base, tb.images.layers, tb.images.committed])
      expect(await exists(ref)).toBe(true);
    expect(result!.deleted).not.toContain(tb.images.ids[tb.images.layers]);
  });
});
