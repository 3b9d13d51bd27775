/**
 * Analyze a local image of the engine: its `save` stream goes straight into the analyzer (no
 * temp file), cached by image ID (an ID names immutable content, so a second open is instant).
 * Progress is in bytes of the save stream; its length is unknown in advance, so the image's
 * size (the sum of its uncompressed layers, close to the tar's length) is the estimate. Its
 * layers' roles (base / parent / own) are relative to the engine's other images.
 */
import type { Readable } from 'node:stream';
import type { ArchiveAnalysis } from '../../src-shared/archive-analysis';
import type { ReadProgress } from '../archive/read/read-archive';
import type { EngineClient } from '../docker/engine-client';
import { toAppError } from '../docker/engine-errors';
import { loadLocalImages } from '../docker/images/local-images';
import { streamFailure } from '../docker/transfer/engine-gone';
import type { AnalysisHost } from './analysis-host';
import { withLocalRelations } from './local-image-roles';

export interface LocalAnalysisOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
}

export const localImageCacheKey = (imageId: string): string => `engine-image:${imageId}`;

export async function analyzeLocalImage(
  docker: EngineClient,
  analysis: AnalysisHost,
  ref: string,
  opts: LocalAnalysisOptions = {},
): Promise<{ sessionId: string; analysis: ArchiveAnalysis; cached: boolean }> {
  let image: { Id: string; Size?: number };
  try {
    image = (await docker.getImage(ref).inspect()) as { Id: string; Size?: number };
  } catch (err) {
    throw toAppError(err, `Inspecting image ${ref}`);
  }
  // The engine's stream breaking (the engine went away) reaches the analyzer as a cut-off archive;
  // kept here so the answer says what happened instead of "bad archive".
  let sourceError: unknown = null;
  const open = async (): Promise<AsyncIterable<Buffer>> => {
    let stream: Readable;
    try {
      // Saved by the reference given, so the archive (and the analysis) carries its tag.
      stream = (await docker.getImage(ref).get()) as unknown as Readable;
    } catch (err) {
      throw toAppError(err, `Saving image ${ref}`);
    }
    stream.once('error', (err: unknown) => (sourceError ??= err));
    return stream;
  };
  let result: Awaited<ReturnType<AnalysisHost['analyzeStream']>>;
  try {
    result = await analysis.analyzeStream(
      { name: ref, cacheKey: localImageCacheKey(image.Id), bytesTotal: Math.max(0, image.Size ?? 0) },
      open,
      opts,
    );
  } catch (err) {
    if (sourceError === null || opts.signal?.aborted) throw err;
    throw await streamFailure(docker, sourceError, `analysis of ${ref}`, opts.signal);
  }
  // Related to the engine's images now, not when cached: images come and go.
  const local = await loadLocalImages(docker);
  const chains = [...local.facts.values()].map((f) => ({ id: f.id, diffIds: f.diffIds }));
  return { ...result, analysis: withLocalRelations(result.analysis, chains) };
}
