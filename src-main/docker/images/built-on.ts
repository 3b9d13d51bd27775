/**
 * "Built on" across the local images (pure): which listed image each one was built FROM, and
 * which listed image first brought each layer.
 *
 * The engine's Parent field is exact where it exists (local builds and commits), but with the
 * legacy builder it names the last intermediate image of the build, which is untagged and not
 * listed: we follow Parent upward until a listed image. Pulled or loaded images have no Parent:
 * there the longest proper prefix of layer chains decides (imageRelations).
 */
import { imageRelations } from '../../archive/metrics/relations';

export interface ChainedImage {
  id: string;
  /** The engine's Parent, or null. */
  parentId: string | null;
  /** diffIDs, bottom first. */
  diffIds: readonly string[];
}

/**
 * For each listed image, the listed image it is built on, or null.
 * `parents`: the Parent of every local image, intermediate ones included.
 */
export function resolveBuiltOn(
  listed: readonly ChainedImage[],
  parents: ReadonlyMap<string, string>,
): Map<string, string | null> {
  const listedIds = new Set(listed.map((i) => i.id));
  const withChain = listed.filter((i) => i.diffIds.length > 0);
  const byPrefix = new Map(
    imageRelations(withChain.map((i) => ({ id: i.id, diffIds: i.diffIds }))).map((r) => [r.id, r.parentId]),
  );
  const out = new Map<string, string | null>();
  for (const img of listed) {
    let p = img.parentId;
    const seen = new Set<string>([img.id]);
    while (p && !listedIds.has(p) && !seen.has(p)) {
      seen.add(p);
      p = parents.get(p) ?? null;
    }
    out.set(img.id, p && listedIds.has(p) && p !== img.id ? p : (byPrefix.get(img.id) ?? null));
  }
  return out;
}

/**
 * By chainID, the image that introduced the layer: among the images using it, the one with the
 * fewest layers (the layer is its top or near it); ties go to the smaller ID, so it is stable.
 */
export function layerIntroducers(
  images: readonly { id: string; chain: readonly string[] }[],
): Map<string, string> {
  const best = new Map<string, { id: string; depth: number }>();
  for (const img of images) {
    for (const c of img.chain) {
      const cur = best.get(c);
      const depth = img.chain.length;
      if (!cur || depth < cur.depth || (depth === cur.depth && img.id < cur.id))
        best.set(c, { id: img.id, depth });
    }
  }
  return new Map([...best].map(([c, v]) => [c, v.id]));
}
