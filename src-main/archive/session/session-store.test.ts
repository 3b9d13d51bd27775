/**
 * File reads go back to the archive on disk: when it was replaced or removed since it was
 * analyzed, the stored offsets point into some other file. That is said, not read as content.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTwoImages } from '../../../test/support/synthetic-archives';
import { SessionStore } from './session-store';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-session-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function opened(name: string) {
  const path = join(dir, name);
  const archive = legacyTwoImages();
  await writeFile(path, archive.bytes);
  const store = new SessionStore();
  const { sessionId, analysis } = await store.analyze({ path });
  const img = analysis.images.find((i) => i.repoTags.includes('synthetic/app:1'))!;
  const req = { sessionId, imageId: img.id, key: 'etc/hello', layer: img.layers.length - 1 };
  return { path, archive, store, req };
}

describe('SessionStore file reads', () => {
  it('read the file as of the layer from the unchanged archive', async () => {
    const { store, req } = await opened('same.tar');
    expect((await store.readFile(req)).content.toString()).toBe('hello again\n');
  });

  it('refuse to read from an archive replaced since its analysis, saying so', async () => {
    const { path, archive, store, req } = await opened('replaced.tar');
    // Same length, other bytes: offsets still "fit", the content would be some other file's.
    await writeFile(path, Buffer.alloc(archive.bytes.length, 0x41));
    await expect(store.readFile(req)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      reason: 'changed since it was analyzed: open it again',
    });
    await expect(store.verify(req.sessionId)).rejects.toMatchObject({
      reason: 'changed since it was analyzed: open it again',
    });
  });

  it('refuse to read from an archive removed since, saying so', async () => {
    const { path, store, req } = await opened('removed.tar');
    await rm(path);
    await expect(store.readFile(req)).rejects.toMatchObject({
      reason: 'was removed or moved since it was analyzed: open it again',
    });
  });
});
