/**
 * Image relations from layer chains alone: which local image another was built FROM, and which
 * of its layers came from the base, from intermediate parents, or from its own build.
 *
 * Why chains and not the engine's ParentId: images pulled from a registry have no ParentId, yet
 * their diffID chain still starts with their base's chain. The parent of an image is the image
 * whose chain is the LONGEST PROPER PREFIX of its own. Images with identical chains (a retag
 * with a new config, the same build twice) are not each other's parents: equal is not a proper
 * prefix. Images with an empty chain are nobody's parent (they would be everybody's).
 *
 * Pure functions over plain data: one trie walk per image, O(total layers).
 */

export interface ImageChain {
  id: string;
  /** `rootfs.diff_ids`, bottom layer first. */
  diffIds: readonly string[];
}

export type LayerRole = 'base' | 'parent' | 'own';

export interface ImageRelation {
  id: string;
  /** Nearest ancestor: the (smallest-id) image whose chain is the longest proper prefix. */
  parentId: string | null;
  /** Other images with exactly the parent's chain: equally valid parents. */
  parentAlternatives: string[];
  /** Nearest first, root-most last (each one the chosen parent of the previous). */
  ancestorIds: string[];
  /** The root-most ancestor, whose layers are this image's 'base' layers. */
  baseId: string | null;
  /** Images with the very same chain. */
  identicalIds: string[];
  /** One role per layer of this image, bottom first. */
  layerRoles: LayerRole[];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Indices of the images whose chain ends exactly here. */
  images: number[];
}

const newNode = (): TrieNode => ({ children: new Map(), images: [] });

function buildTrie(images: readonly ImageChain[]): TrieNode {
  const root = newNode();
  images.forEach((image, i) => {
    let node = root;
    for (const diffId of image.diffIds) {
      let next = node.children.get(diffId);
      if (next === undefined) {
        next = newNode();
        node.children.set(diffId, next);
      }
      node = next;
    }
    node.images.push(i);
  });
  return root;
}

const byId = (images: readonly ImageChain[]) => (a: number, b: number): number =>
  images[a]!.id < images[b]!.id ? -1 : images[a]!.id > images[b]!.id ? 1 : a - b;

/** Per image: the images at the deepest trie node strictly above its own end (sorted by id). */
function parentGroups(images: readonly ImageChain[], root: TrieNode): number[][] {
  return images.map((image) => {
    let node = root;
    let best: number[] = [];
    const chain = image.diffIds;
    for (let depth = 0; depth < chain.length - 1; depth++) {
      node = node.children.get(chain[depth]!)!;
      if (node.images.length > 0) best = node.images;
    }
    return [...best].sort(byId(images));
  });
}

export function imageRelations(images: readonly ImageChain[]): ImageRelation[] {
  const root = buildTrie(images);
  const groups = parentGroups(images, root);
  const parentOf = groups.map((group) => group[0] ?? -1);
  return images.map((image, i) => {
    const ancestors: number[] = [];
    for (let a = parentOf[i]!; a >= 0; a = parentOf[a]!) ancestors.push(a);
    const nearest = ancestors[0];
    const rootMost = ancestors[ancestors.length - 1];
    const parentLength = nearest === undefined ? 0 : images[nearest]!.diffIds.length;
    const baseLength = rootMost === undefined ? 0 : images[rootMost]!.diffIds.length;
    const layerRoles = image.diffIds.map((_, k): LayerRole => (k < baseLength ? 'base' : k < parentLength ? 'parent' : 'own'));
    return {
      id: image.id,
      parentId: nearest === undefined ? null : images[nearest]!.id,
      parentAlternatives: groups[i]!.slice(1).map((j) => images[j]!.id),
      ancestorIds: ancestors.map((a) => images[a]!.id),
      baseId: rootMost === undefined ? null : images[rootMost]!.id,
      identicalIds: identicalTo(images, root, i),
      layerRoles,
    };
  });
}

function identicalTo(images: readonly ImageChain[], root: TrieNode, i: number): string[] {
  let node = root;
  for (const diffId of images[i]!.diffIds) node = node.children.get(diffId)!;
  return node.images
    .filter((j) => j !== i)
    .sort(byId(images))
    .map((j) => images[j]!.id);
}

/** Counts per role, for summaries ("3 base layers, 1 from parents, 2 own"). */
export function roleCounts(roles: readonly LayerRole[]): Record<LayerRole, number> {
  const counts: Record<LayerRole, number> = { base: 0, parent: 0, own: 0 };
  for (const role of roles) counts[role]++;
  return counts;
}
