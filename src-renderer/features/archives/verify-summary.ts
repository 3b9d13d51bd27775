/**
 * What the diffID check says about one image: from the background `verifyArchive` results when
 * they are in, else from the analysis itself (an archive opened with verify fills
 * `diffIdMatches`). Pure.
 */
import type { LayerAnalysis } from '../../../src-shared/archive-analysis';

export interface VerifyRow {
  imageId: string;
  index: number;
  matches: boolean | null;
}

export interface VerifySummary {
  /** Layers of the image. */
  total: number;
  /** Layers whose content was hashed. */
  checked: number;
  /** Indexes of the layers whose content does not hash to their diffID. */
  mismatched: number[];
}

/** Null when nothing was checked for this image (no verify ran, or it covered no layer of it). */
export function verifySummary(
  imageId: string,
  layers: readonly Pick<LayerAnalysis, 'index' | 'diffIdMatches'>[],
  results: readonly VerifyRow[] | null,
): VerifySummary | null {
  const fromResults = new Map<number, boolean | null>();
  for (const r of results ?? []) if (r.imageId === imageId) fromResults.set(r.index, r.matches);
  let checked = 0;
  const mismatched: number[] = [];
  for (const l of layers) {
    const matches = fromResults.has(l.index) ? fromResults.get(l.index)! : l.diffIdMatches;
    if (matches === null || matches === undefined) continue;
    checked++;
    if (!matches) mismatched.push(l.index);
  }
  return checked === 0 ? null : { total: layers.length, checked, mismatched };
}
