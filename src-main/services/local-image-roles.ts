/**
 * An image streamed out of the engine is alone in its archive, so the analyzer sees no other
 * image and calls every layer the image's own. Its layers' roles (base / parent / own) and the
 * images it is built on come from the engine's other local images instead, by the same rule as
 * inside an archive (the longest proper prefix of its layer chain: archive/metrics/relations.ts).
 */
import type { ArchiveAnalysis, ImageAnalysis } from '../../src-shared/archive-analysis';
import { imageRelations, type ImageChain } from '../archive/metrics/relations';

function relate(image: ImageAnalysis, local: readonly ImageChain[]): ImageAnalysis {
  const own: ImageChain = { id: image.id, diffIds: image.layers.map((l) => l.diffId) };
  const relation = imageRelations([...local.filter((c) => c.id !== image.id), own]).at(-1)!;
  return {
    ...image,
    baseImageId: relation.baseId,
    parentImageId: relation.parentId,
    layers: image.layers.map((l, k) => ({ ...l, role: relation.layerRoles[k] ?? l.role })),
  };
}

/** The analysis with each image related to the local images `local` (a new object: the cached one stays). */
export function withLocalRelations(analysis: ArchiveAnalysis, local: readonly ImageChain[]): ArchiveAnalysis {
  return { ...analysis, images: analysis.images.map((img) => relate(img, local)) };
}
