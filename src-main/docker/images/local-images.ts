/**
 * The local image set with what `docker images` does not say: shared and unique bytes, the
 * containers using each image, layer chains, and the image each was built on. One image list,
 * one container list, and either cached per-image inspect/history (image-facts.ts) or, for a
 * listing whose facts are mostly not cached yet, the engine's own shared sizes in one request
 * (engine-sharing.ts).
 */
import type { ImageSummary } from '../../../src-shared/dto';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { resolveBuiltOn } from './built-on';
import { engineSharedSizes } from './engine-sharing';
import { imageFacts, uncachedCount, type ImageFacts } from './image-facts';
import { computeSharing, type SharingResult } from './layer-sizes';
import { mapImageSummary, type RawImageSummary } from './map-summary';

interface RawContainerSummary {
  Id: string;
  Names?: string[] | null;
  ImageID?: string;
}

export interface LocalImages {
  /** Tagged and dangling images (not the legacy builder's intermediate images). */
  images: ImageSummary[];
  facts: Map<string, ImageFacts>;
  /** Listed image ID -> the listed image it is built on. */
  builtOn: Map<string, string | null>;
}

/**
 * A listing fetches the missing facts itself when there are at most this many (two small
 * requests each); beyond, it takes the engine's shared sizes (one request, whatever the count).
 */
const FETCH_FACTS_UP_TO = 16;

/** Image ID -> names of the containers (any state) created from it. */
export async function containersByImage(docker: EngineClient): Promise<Map<string, string[]>> {
  let raw: RawContainerSummary[];
  try {
    raw = (await docker.listContainers({ all: true })) as RawContainerSummary[];
  } catch (err) {
    throw toAppError(err, 'Listing containers');
  }
  const out = new Map<string, string[]>();
  for (const c of raw) {
    if (!c.ImageID) continue;
    const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    out.set(c.ImageID, [...(out.get(c.ImageID) ?? []), name]);
  }
  return out;
}

interface Listing {
  /** Listed images, sizes of sharing not filled in yet. */
  listed: ImageSummary[];
  users: Map<string, string[]>;
  /** Every local image's Parent, intermediate ones included. */
  parents: Map<string, string>;
}

async function listRaw(docker: EngineClient): Promise<Listing> {
  let raw: RawImageSummary[];
  let users: Map<string, string[]>;
  try {
    [raw, users] = await Promise.all([
      docker.listImages({ all: true }) as Promise<RawImageSummary[]>,
      containersByImage(docker),
    ]);
  } catch (err) {
    throw toAppError(err, 'Listing images');
  }
  const parentIds = new Set(raw.map((r) => r.ParentId).filter((p): p is string => !!p));
  const parents = new Map(raw.filter((r) => r.ParentId).map((r) => [r.Id, r.ParentId!]));
  // `all: true` also lists intermediate images of the legacy builder; they count only as parents.
  const listed = raw
    .map((r) => mapImageSummary(r, parentIds))
    .filter((i) => i.repoTags.length > 0 || i.dangling);
  return { listed, users, parents };
}

function withSharing(
  { listed, users }: Listing,
  sharing: ReadonlyMap<string, SharingResult>,
): ImageSummary[] {
  return listed.map((img): ImageSummary => {
    const s = sharing.get(img.id);
    const names = users.get(img.id) ?? [];
    return {
      ...img,
      sharedSize: s ? s.shared : img.sharedSize,
      uniqueSize: s ? s.unique : null,
      containers: names.length,
      containerNames: names,
    };
  });
}

/** Every listed image with its facts, sharing and built-on relation (the layer and graph views). */
export async function loadLocalImages(docker: EngineClient): Promise<LocalImages> {
  const listing = await listRaw(docker);
  const facts = await imageFacts(
    docker,
    listing.listed.map((i) => i.id),
  );
  const images = withSharing(listing, computeSharing([...facts.values()]));
  const builtOn = resolveBuiltOn(
    images.map((i) => ({ id: i.id, parentId: i.parentId, diffIds: facts.get(i.id)?.diffIds ?? [] })),
    listing.parents,
  );
  return { images, facts, builtOn };
}

/**
 * Every listed image with shared and unique bytes and its containers: from the cached facts
 * when (nearly) all are cached, else from the engine's shared sizes (unique = size - shared).
 * Both count the same thing, layers another listed image also uses.
 */
export async function listLocalImages(docker: EngineClient): Promise<ImageSummary[]> {
  const listing = await listRaw(docker);
  const ids = listing.listed.map((i) => i.id);
  if (uncachedCount(docker, ids) <= FETCH_FACTS_UP_TO) {
    const facts = await imageFacts(docker, ids);
    return withSharing(listing, computeSharing([...facts.values()]));
  }
  const shared = await engineSharedSizes(docker);
  const sharing = new Map<string, SharingResult>();
  for (const img of listing.listed) {
    const s = shared.get(img.id);
    if (s !== undefined) sharing.set(img.id, { shared: s, unique: Math.max(0, img.size - s) });
  }
  return withSharing(listing, sharing);
}
