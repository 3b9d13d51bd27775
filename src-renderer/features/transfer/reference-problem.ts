/**
 * The reference parser's problems (src-shared/image-reference.ts, through main's `parseReference`)
 * are English sentences; their kind and parts are read back here and worded by the catalog.
 * A sentence of another shape (an IPC failure) is shown as it comes.
 */
import type { transferMsg } from './messages';

type Words = Pick<
  typeof transferMsg.en,
  'refWrongLength' | 'refBadDigest' | 'refBadTag' | 'refBadHost' | 'refBadRepository' | 'refNotReference'
>;

const SHAPE =
  /^Invalid image reference "([\s\S]*)": (?:(wrong length)|bad (digest|tag|registry host) "([\s\S]*)"|(repository names are lowercase letters, digits and separators))$/;

export const NOT_A_REFERENCE = 'not an image reference';

export function referenceProblemText(problem: string, w: Words): string {
  if (problem === NOT_A_REFERENCE) return w.refNotReference;
  const hit = SHAPE.exec(problem);
  if (!hit) return problem;
  const [, ref = '', wrongLength, part, value = '', repository] = hit;
  if (wrongLength) return w.refWrongLength(ref);
  if (repository) return w.refBadRepository(ref);
  if (part === 'digest') return w.refBadDigest(ref, value);
  if (part === 'tag') return w.refBadTag(ref, value);
  return w.refBadHost(ref, value);
}
