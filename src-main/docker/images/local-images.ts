/**
 * The local image set with what `docker images` does not say: shared and unique bytes, the
 * containers using each image, layer chains, and the image each was built on. One image list,
 * one container list, and cached per-image inspect/history (see image-facts.ts).
 */
import type { ImageSummary } from '../../../src-shared/dto';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { resolveBuiltOn } from './built-on';
import { imageFacts, type ImageFacts } from './image-facts';
import { computeSharing } from './layer-sizes';
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

export async function loadLocalImages(docker: EngineClient): Promise<LocalImages> {
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
  const facts = await imageFacts(
    docker,
    listed.map((i) => i.id),
  );
  const sharing = computeSharing([...facts.values()]);
  const images = listed.map((img): ImageSummary => {
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
  const builtOn = resolveBuiltOn(
    images.map((i) => ({ id: i.id, parentId: i.parentId, diffIds: facts.get(i.id)?.diffIds ?? [] })),
    parents,
  );
  return { images, facts, builtOn };
}
