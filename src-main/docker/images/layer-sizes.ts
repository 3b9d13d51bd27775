/**
 * Per-layer sizes and layer sharing, from what the engine tells us: `RootFS.Layers` (diffIDs,
 * bottom first) and the image history (one entry per build step, newest first, with the size of
 * the layer the step made, or 0 for a step that made none).
 *
 * Why this is not trivial: the engine's history API drops the `empty_layer` flag it knows
 * (moby daemon/images/image_history.go), so a step that made a 0-byte layer (the legacy
 * builder's WORKDIR, a `RUN rm` of a hardlink...) looks like a metadata step (ENV, CMD). Steps
 * with a size are layers for sure; the remaining layers are taken from the 0-byte steps whose
 * command can make one (RUN, COPY, ADD, WORKDIR, commit, import) before pure metadata steps.
 * Whatever the choice, the sizes still sum to the engine's image size, so shared + unique does too.
 */
import { createHash } from 'node:crypto';

/** The subset of `GET /images/{name}/history` entries we read. */
export interface RawHistoryEntry {
  Id: string;
  Created?: number;
  CreatedBy?: string;
  Tags?: string[] | null;
  Size?: number;
  Comment?: string;
}

/** Dockerfile instructions that never make a filesystem layer. */
const METADATA_STEP =
  /^(?:\/bin\/sh -c #\(nop\)\s+|#\(nop\)\s+)?(?:ENV|CMD|LABEL|EXPOSE|ENTRYPOINT|USER|VOLUME|MAINTAINER|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\b/i;

/** Whether a 0-byte history step looks like pure metadata (never a layer). */
export const isMetadataStep = (createdBy: string): boolean => METADATA_STEP.test(createdBy.trim());

/**
 * For each history entry (engine order: newest first), the index of the layer it made
 * (0 = bottom), or null for a step that made none. `layerCount` is `RootFS.Layers.length`.
 */
export function alignHistoryToLayers(
  history: readonly RawHistoryEntry[],
  layerCount: number,
): (number | null)[] {
  const n = history.length;
  const isLayer = new Array<boolean>(n).fill(false);
  let chosen = 0;
  history.forEach((h, i) => {
    if ((h.Size ?? 0) > 0) {
      isLayer[i] = true;
      chosen++;
    }
  });
  // Oldest first, so that when in doubt the bottom steps (an import, the base) get the layers.
  const pick = (accept: (h: RawHistoryEntry) => boolean): void => {
    for (let i = n - 1; i >= 0 && chosen < layerCount; i--) {
      if (!isLayer[i] && accept(history[i]!)) {
        isLayer[i] = true;
        chosen++;
      }
    }
  };
  pick((h) => !isMetadataStep(h.CreatedBy ?? ''));
  pick(() => true);
  // More sized steps than layers means the history does not describe this chain: trust it no further.
  if (chosen > layerCount) return history.map(() => null);
  const out: (number | null)[] = new Array<number | null>(n).fill(null);
  let layer = 0;
  for (let i = n - 1; i >= 0; i--) if (isLayer[i]) out[i] = layer++;
  return out;
}

/** Each layer's size in bytes (bottom first), from the history; 0 where the history says nothing. */
export function layerSizesFromHistory(history: readonly RawHistoryEntry[], layerCount: number): number[] {
  const sizes = new Array<number>(layerCount).fill(0);
  alignHistoryToLayers(history, layerCount).forEach((layer, i) => {
    if (layer !== null && layer < layerCount) sizes[layer] = Math.max(0, history[i]!.Size ?? 0);
  });
  return sizes;
}

/**
 * ChainIDs (bottom first): a layer's identity on disk depends on everything below it, so the
 * same diffID over a different parent is another layer. Same formula as the image spec:
 * chainID(0) = diffID(0), chainID(n) = sha256(chainID(n-1) + " " + diffID(n)).
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  let prev = '';
  for (const d of diffIds) {
    prev = prev === '' ? d : `sha256:${createHash('sha256').update(`${prev} ${d}`).digest('hex')}`;
    out.push(prev);
  }
  return out;
}

export interface LayeredImage {
  id: string;
  /** ChainIDs, bottom first. */
  chain: readonly string[];
  /** Bytes per layer, aligned with `chain`. */
  layerSizes: readonly number[];
}

export interface SharingResult {
  /** Bytes of layers another image of the set also uses. */
  shared: number;
  /** The rest: what removing only this image would free. */
  unique: number;
}

/** How many images of the set use each layer (by chainID). */
export function layerUseCounts(images: readonly LayeredImage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const img of images) for (const c of new Set(img.chain)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** Shared and unique bytes per image, like `docker system df -v` (computed over the given set). */
export function computeSharing(images: readonly LayeredImage[]): Map<string, SharingResult> {
  const counts = layerUseCounts(images);
  const out = new Map<string, SharingResult>();
  for (const img of images) {
    let shared = 0;
    let unique = 0;
    img.chain.forEach((c, k) => {
      const size = img.layerSizes[k] ?? 0;
      if ((counts.get(c) ?? 0) > 1) shared += size;
      else unique += size;
    });
    out.set(img.id, { shared, unique });
  }
  return out;
}
