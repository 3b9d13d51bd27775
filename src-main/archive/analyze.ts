/**
 * The archive analyzer's front door: read the archive, merge each image's layers, compute the
 * metrics, and describe every image and layer. Returns the plain analysis plus the merged trees
 * (kept by the caller for per-directory queries).
 */
import type { ArchiveAnalysis, ImageAnalysis, LayerAnalysis } from '../../src-shared/archive-analysis';
import { mapHistoryToLayers } from './layout/image-config';
import { platformString, type ImagePlan } from './layout/plan';
import { ArchiveError, displayPath, type LayerScan } from './model';
import { EarlyMerge, ImageMerge } from './image-merge';
import type { MergedTree } from './merge/merged-tree';
import { reclaimable } from './metrics/reclaimable';
import { imageRelations } from './metrics/relations';
import type { BlobLocation } from './read/extract-file';
import { readArchiveStream, readImageArchive, type ArchiveRead, type ReadOptions } from './read/read-archive';

export interface AnalyzeResult {
  analysis: ArchiveAnalysis;
  /** By image ID. */
  trees: Map<string, MergedTree>;
  /** By image ID, where each layer's blob is (to read a file back); null for a streamed source. */
  locations: Map<string, BlobLocation[]> | null;
}

const shortCommand = (createdBy: string): string =>
  createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c /, 'RUN ');

/** Analyzes an archive file (any compression). */
export async function analyzeArchive(path: string, opts: ReadOptions = {}): Promise<AnalyzeResult> {
  // Layers are merged while the next ones are read (when the archive allows it).
  const early = new EarlyMerge();
  const read = await readImageArchive(path, { ...opts, onLayer: early.onLayer });
  const result = analyzeRead(
    { ...read, ...(opts.maxMergeEntries ? { maxMergeEntries: opts.maxMergeEntries } : {}) },
    early,
  );
  result.locations = new Map(
    read.plan.images.map((img) => [
      img.id,
      img.layers.map((l) => ({
        archivePath: path,
        blobPath: l.blobPath!,
        offset: read.blobOffsets?.get(l.blobPath!) ?? null,
        blobBytes: read.layers.get(l.blobPath!)!.blobBytes,
      })),
    ]),
  );
  return result;
}

/** Analyzes an archive arriving as a byte stream (for example the engine's `save`), with no temp file. */
export async function analyzeArchiveStream(
  source: AsyncIterable<Buffer>,
  name: string,
  opts: ReadOptions & { bytesTotal?: number } = {},
): Promise<AnalyzeResult> {
  return analyzeRead(await readArchiveStream(source, name, opts));
}

/** Layer entries merged over all images of one archive, at most (~10 s of merging). */
export const MAX_MERGE_ENTRIES = 20_000_000;

function analyzeRead(read: ArchiveRead & { maxMergeEntries?: number }, early?: EarlyMerge): AnalyzeResult {
  const { plan } = read;
  const relations = imageRelations(
    plan.images.map((img) => ({
      id: img.id,
      diffIds: img.layers.map((l, k) => l.diffId || `${img.id}#${k}`),
    })),
  );
  // Merging costs time per entry per image: refuse archives whose images add up to an absurd
  // amount (a hostile archive can list one big layer under many images).
  const mergeWork = plan.images.reduce(
    (n, img) =>
      n +
      img.layers.reduce((m, l) => {
        const scan = read.layers.get(l.blobPath!)!;
        return m + (early ? early.entryCount(l.blobPath!, scan) : scan.entries.length);
      }, 0),
    0,
  );
  const limit = read.maxMergeEntries ?? MAX_MERGE_ENTRIES;
  if (mergeWork > limit) {
    throw new ArchiveError(
      read.file,
      `its ${plan.images.length} images hold ${mergeWork} layer entries in all: too many to merge (limit ${limit})`,
      'TOO_LARGE',
    );
  }
  const trees = new Map<string, MergedTree>();
  const images = plan.images.map((img, i) => {
    const scans = img.layers.map((l) => read.layers.get(l.blobPath!)!);
    const { image, tree } = analyzeImage(
      img,
      scans,
      relations[i]!,
      early?.take(plan, img.id) ?? new ImageMerge(),
    );
    trees.set(img.id, tree);
    return image;
  });
  return {
    analysis: {
      file: read.file,
      fileBytes: read.fileBytes,
      format: plan.format,
      variant: plan.variant,
      compression: read.compression,
      images,
      platforms: plan.platforms.map(platformString),
      setAside: plan.setAside,
      warnings: plan.warnings,
    },
    trees,
    locations: null,
  };
}

function analyzeImage(
  img: ImagePlan,
  scans: LayerScan[],
  relation: ReturnType<typeof imageRelations>[number],
  merge: ImageMerge,
): { image: ImageAnalysis; tree: MergedTree } {
  for (let k = merge.merged; k < scans.length; k++) merge.add(scans[k]!);
  const { summaries } = merge;
  const tree = merge.builder.finish();
  const report = merge.dive.result();
  const reclaim = reclaimable(tree, { limit: 200 });
  const history = mapHistoryToLayers(img.config.history, img.layers.length);
  const warnings = [...img.warnings];
  if (history.mismatch) warnings.push(history.mismatch);
  if (tree.warningCount > 0)
    warnings.push(`${tree.warningCount} entries could not be merged as written (see the layer details)`);

  const layers: LayerAnalysis[] = img.layers.map((l, k) => {
    const scan = scans[k]!;
    const s = summaries[k]!;
    const h = history.perLayer[k];
    const diffIdMatches = scan.diffIdComputed === null || !l.diffId ? null : scan.diffIdComputed === l.diffId;
    if (diffIdMatches === false)
      warnings.push(`layer ${k}: diffID ${l.diffId} does not match its content (${scan.diffIdComputed})`);
    return {
      index: k,
      diffId: l.diffId || scan.diffIdComputed || '',
      diffIdComputed: scan.diffIdComputed,
      diffIdMatches,
      digest: l.digest,
      mediaType: l.mediaType,
      compression: scan.compression,
      blobPath: displayPath(scan.blobPath),
      blobBytes: scan.blobBytes,
      tarBytes: scan.tarBytes,
      sizeBytes: report.layers[k]?.sizeBytes ?? s.contentBytes,
      entries: s.entryCount,
      added: s.added.count,
      addedBytes: s.added.bytes,
      modified: s.modified.count,
      modifiedBytes: s.modified.bytes,
      removed: s.removed.count + s.hiddenByOpaque.count,
      removedBytes: s.removed.bytes + s.hiddenByOpaque.bytes,
      command: h ? shortCommand(h.createdBy) : '',
      created: h?.created ?? null,
      comment: h?.comment ?? '',
      emptySteps: history.emptyAfter[k]!.map((e) => shortCommand(e.createdBy)),
      role: relation.layerRoles[k] ?? 'own',
    };
  });
  const totals = tree.fileCountAndBytes();
  return {
    tree,
    image: {
      id: img.id,
      repoTags: img.repoTags,
      platform: img.platform ? platformString(img.platform) : null,
      created: img.config.created,
      author: img.config.author,
      config: img.config.config,
      sizeBytes: report.sizeBytes,
      userSizeBytes: report.userSizeBytes,
      efficiency: report.efficiency,
      wastedBytes: report.wastedBytes,
      wastedUserPercent: report.wastedUserPercent,
      reclaimableBytes: reclaim.reclaimableBytes,
      inefficientFiles: report.inefficientFiles.map((f) => ({
        path: `/${displayPath(f.path)}`,
        count: f.count,
        sizeBytes: f.sizeBytes,
      })),
      reclaimableFiles: reclaim.files.map((f) => ({
        path: `/${displayPath(f.path)}`,
        layer: f.layer,
        sizeBytes: f.size,
        reason: f.reason,
      })),
      baseImageId: relation.baseId,
      parentImageId: relation.parentId,
      files: totals.files,
      finalBytes: totals.bytes,
      layers,
      warnings,
    },
  };
}
