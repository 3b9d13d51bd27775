/** One image's layer chain with per-layer sizes, how many images share each layer, and who brought it. */
import type { ImageLayers } from '../../../src-shared/images-dto';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { layerIntroducers } from './built-on';
import { imageFacts } from './image-facts';
import { layerUseCounts } from './layer-sizes';
import { loadLocalImages } from './local-images';

export async function imageLayers(docker: EngineClient, ref: string): Promise<ImageLayers> {
  let id: string;
  try {
    id = ((await docker.getImage(ref).inspect()) as { Id: string }).Id;
  } catch (err) {
    throw toAppError(err, `Inspecting image ${ref}`);
  }
  const local = await loadLocalImages(docker);
  // An intermediate image is not listed; its facts are fetched (and cached) on their own.
  const own = local.facts.get(id) ?? (await imageFacts(docker, [id])).get(id);
  if (!own)
    throw toAppError({ statusCode: 404, message: `No such image: ${ref}` }, `Reading the layers of ${ref}`);
  const listed = [...local.facts.values()];
  const counts = layerUseCounts(listed);
  const introducers = layerIntroducers(local.facts.has(id) ? listed : [...listed, own]);
  const tagsOf = new Map(local.images.map((i) => [i.id, i.repoTags]));
  return {
    imageId: id,
    builtOn: local.builtOn.get(id) ?? null,
    layers: own.diffIds.map((diffId, k) => {
      const chainId = own.chain[k]!;
      const introducedBy = introducers.get(chainId) ?? null;
      return {
        index: k,
        diffId,
        chainId,
        size: own.layerSizes[k] ?? 0,
        usedBy: counts.get(chainId) ?? 0,
        introducedBy,
        introducedByTags: introducedBy ? (tagsOf.get(introducedBy) ?? []) : [],
      };
    }),
  };
}
