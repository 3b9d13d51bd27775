/**
 * What we need per image beyond `GET /images/json`: its layer chain (inspect) and per-layer
 * sizes (history). Both are fixed for a given image ID (an ID is the hash of the config), so they
 * are cached per engine connection and fetched with limited concurrency: listing 300 images
 * costs 600 small requests once, then nothing.
 */
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { chainIds, layerSizesFromHistory, type RawHistoryEntry } from './layer-sizes';
import { mapLimited } from '../map-limited';

export interface ImageFacts {
  id: string;
  /** `RootFS.Layers`, bottom first. */
  diffIds: string[];
  chain: string[];
  /** Bytes per layer, bottom first. */
  layerSizes: number[];
}

interface RawInspectLayers {
  Id: string;
  RootFS?: { Layers?: string[] | null } | null;
}

const MAX_CACHED = 10_000;
const caches = new WeakMap<EngineClient, Map<string, ImageFacts>>();

function cacheOf(docker: EngineClient): Map<string, ImageFacts> {
  let c = caches.get(docker);
  if (!c) {
    c = new Map();
    caches.set(docker, c);
  }
  return c;
}

async function fetchFacts(docker: EngineClient, id: string): Promise<ImageFacts> {
  const image = docker.getImage(id);
  let inspect: RawInspectLayers;
  let history: RawHistoryEntry[];
  try {
    [inspect, history] = await Promise.all([
      image.inspect() as Promise<RawInspectLayers>,
      image.history() as Promise<RawHistoryEntry[]>,
    ]);
  } catch (err) {
    throw toAppError(err, `Reading the layers of image ${id}`);
  }
  const diffIds = inspect.RootFS?.Layers ?? [];
  return {
    id,
    diffIds,
    chain: chainIds(diffIds),
    layerSizes: layerSizesFromHistory(history, diffIds.length),
  };
}

/** How many of these IDs have no cached facts yet (what `imageFacts` would have to fetch). */
export function uncachedCount(docker: EngineClient, ids: readonly string[]): number {
  const cache = cacheOf(docker);
  return new Set(ids.filter((id) => !cache.has(id))).size;
}

/**
 * Facts for each ID (cached). An image removed between the listing and this call is left out
 * rather than failing the whole listing.
 */
export async function imageFacts(
  docker: EngineClient,
  ids: readonly string[],
  concurrency = 8,
): Promise<Map<string, ImageFacts>> {
  const cache = cacheOf(docker);
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  await mapLimited(missing, concurrency, async (id) => {
    try {
      const facts = await fetchFacts(docker, id);
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(id, facts);
    } catch (err) {
      if ((err as { code?: string }).code !== 'NOT_FOUND') throw err;
    }
  });
  const out = new Map<string, ImageFacts>();
  for (const id of ids) {
    const f = cache.get(id);
    if (f) out.set(id, f);
  }
  return out;
}
