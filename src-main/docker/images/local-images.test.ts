// listLocalImages against a stand-in engine: which requests a cold and a warm listing make.
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../engine-client';
import { apiAtLeast } from './engine-sharing';
import { listLocalImages } from './local-images';

const id = (i: number): string => `sha256:${i.toString(16).padStart(64, '0')}`;
const BASE_LAYER = `sha256:${'b'.repeat(64)}`;

/** `count` images on one shared 1000-byte base layer, each with its own (i+1)-byte layer. */
function standIn(count: number, apiVersion: string) {
  const calls: string[] = [];
  const images = Array.from({ length: count }, (_, i) => ({
    Id: id(i),
    ParentId: '',
    RepoTags: [`many:${i}`],
    Created: 1,
    Size: 1000 + i + 1,
    SharedSize: -1,
    Containers: -1,
  }));
  const shared = images.map((img) => ({ ...img, SharedSize: 1000 }));
  const engine = {
    listImages: async (opts: Record<string, unknown>) => {
      calls.push(opts['shared-size'] ? 'images?shared-size' : 'images');
      return opts['shared-size'] && apiAtLeast(apiVersion, '1.42') ? shared : images;
    },
    listContainers: async () => {
      calls.push('containers');
      return [{ Id: 'c1', Names: ['/web'], ImageID: id(0) }];
    },
    version: async () => {
      calls.push('version');
      return { ApiVersion: apiVersion };
    },
    df: async () => {
      calls.push('df');
      return { Images: shared };
    },
    getImage: (ref: string) => ({
      inspect: async () => {
        calls.push('inspect');
        return { Id: ref, RootFS: { Layers: [BASE_LAYER, `sha256:${ref.slice(-8).padStart(64, 'c')}`] } };
      },
      history: async () => {
        calls.push('history');
        const i = parseInt(ref.slice(7), 16);
        return [
          { Id: ref, CreatedBy: 'COPY x /', Size: i + 1 },
          { Id: '<missing>', CreatedBy: 'ADD base /', Size: 1000 },
        ];
      },
    }),
  };
  return { engine: engine as unknown as EngineClient, calls };
}

const count = (calls: string[], what: string): number => calls.filter((c) => c === what).length;

describe('listLocalImages', () => {
  it('cold, many images, API 1.41: one /system/df instead of two requests per image', async () => {
    const { engine, calls } = standIn(40, '1.41');
    const list = await listLocalImages(engine);
    expect(count(calls, 'df')).toBe(1);
    expect(count(calls, 'inspect') + count(calls, 'history')).toBe(0);
    const first = list.find((i) => i.id === id(0))!;
    expect(first).toMatchObject({ sharedSize: 1000, uniqueSize: 1, containers: 1, containerNames: ['web'] });
    for (const img of list) expect(img.sharedSize! + img.uniqueSize!).toBe(img.size);
  });

  it('cold, many images, API 1.42+: shared sizes from /images/json?shared-size=1, no /system/df', async () => {
    const { engine, calls } = standIn(40, '1.43');
    const list = await listLocalImages(engine);
    expect(count(calls, 'images?shared-size')).toBe(1);
    expect(count(calls, 'df')).toBe(0);
    expect(list.find((i) => i.id === id(7))).toMatchObject({ sharedSize: 1000, uniqueSize: 8 });
  });

  it('few images: fetches their facts and computes the same split itself', async () => {
    const { engine, calls } = standIn(5, '1.41');
    const list = await listLocalImages(engine);
    expect(count(calls, 'df')).toBe(0);
    expect(count(calls, 'inspect')).toBe(5);
    expect(list.find((i) => i.id === id(3))).toMatchObject({ sharedSize: 1000, uniqueSize: 4 });
    // Cached: the next listing asks for the list and the containers only.
    calls.length = 0;
    await listLocalImages(engine);
    expect(calls.sort()).toEqual(['containers', 'images']);
  });
});

describe('apiAtLeast', () => {
  it('compares major.minor numerically', () => {
    expect(apiAtLeast('1.42', '1.42')).toBe(true);
    expect(apiAtLeast('1.100', '1.42')).toBe(true);
    expect(apiAtLeast('1.41', '1.42')).toBe(false);
    expect(apiAtLeast('2.0', '1.42')).toBe(true);
    expect(apiAtLeast('', '1.42')).toBe(false);
  });
});
