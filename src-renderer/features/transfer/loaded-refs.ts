/**
 * What a load brought, counted the way the engine reports it: one line per name it set
 * (`repo:tag`), and an image ID for each image saved without a name. Two names of one image are
 * two names, not two images, so the result counts names and untagged images apart.
 */
export function countLoaded(refs: readonly string[]): { names: number; untagged: number } {
  const untagged = refs.filter((r) => /^sha256:[0-9a-f]+$/.test(r)).length;
  return { names: refs.length - untagged, untagged };
}
