/**
 * The local engine's tag graph: tag nodes (`repo:tag`), image nodes (full `sha256:` IDs), an
 * edge from each tag to its image, and from each image to the image it is built on. Dangling
 * images are image nodes with no tag edge. Used by the `imageGraph` channel and `strata graph`.
 */
import type { GraphEdge, GraphNode, ImageGraph } from '../../src-shared/images-dto';
import type { EngineClient } from '../docker/engine-client';
import { loadLocalImages } from '../docker/images/local-images';

export interface GraphImage {
  id: string;
  repoTags: readonly string[];
}

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** Pure: nodes sorted (images by first tag, then ID), edges in node order, so output is stable. */
export function buildImageGraph(
  images: readonly GraphImage[],
  builtOn: ReadonlyMap<string, string | null>,
): ImageGraph {
  const known = new Set(images.map((i) => i.id));
  const sorted = [...images].sort((a, b) => {
    const ka = a.repoTags.length ? [...a.repoTags].sort()[0]! : `~${a.id}`;
    const kb = b.repoTags.length ? [...b.repoTags].sort()[0]! : `~${b.id}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seenTags = new Set<string>();
  for (const img of sorted) {
    nodes.push({ id: img.id, kind: 'image', label: shortId(img.id) });
    for (const tag of [...img.repoTags].sort()) {
      if (seenTags.has(tag)) continue;
      seenTags.add(tag);
      nodes.push({ id: tag, kind: 'tag', label: tag });
      edges.push({ from: tag, to: img.id, kind: 'tag' });
    }
  }
  for (const img of sorted) {
    const base = builtOn.get(img.id);
    if (base && base !== img.id && known.has(base)) edges.push({ from: img.id, to: base, kind: 'base' });
  }
  return { nodes, edges };
}

export async function loadImageGraph(docker: EngineClient): Promise<ImageGraph> {
  const local = await loadLocalImages(docker);
  return buildImageGraph(local.images, local.builtOn);
}
