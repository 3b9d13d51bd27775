/**
 * The analysis of an image archive as it leaves the analyzer: the `strata analyze --json`
 * document and what the window receives. Plain data; paths are display strings (UTF-8).
 * zod schemas, so the IPC contract can check them; the types are inferred.
 */
import { z } from 'zod';
import { ImageConfigSchema } from './dto';

export const CompressionSchema = z.enum(['none', 'gzip', 'bzip2', 'xz', 'zstd']);
export type CompressionName = z.infer<typeof CompressionSchema>;
export type ArchiveFormat = 'docker-archive' | 'oci-archive';

export const LayerAnalysisSchema = z.object({
  index: z.number().int().nonnegative(),
  /** As the config states it. */
  diffId: z.string(),
  /** `sha256:` of the uncompressed tar when verified, else null. */
  diffIdComputed: z.string().nullable(),
  /** true / false when verified, null when not checked. */
  diffIdMatches: z.boolean().nullable(),
  /** Blob digest when the archive names one (OCI), else null. */
  digest: z.string().nullable(),
  mediaType: z.string().nullable(),
  /** Sniffed from the blob's bytes. */
  compression: CompressionSchema,
  blobPath: z.string(),
  blobBytes: z.number().nonnegative(),
  /** Uncompressed tar bytes. */
  tarBytes: z.number().nonnegative(),
  /** dive's layer size: the sum of regular file sizes. */
  sizeBytes: z.number().nonnegative(),
  entries: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  addedBytes: z.number().nonnegative(),
  modified: z.number().int().nonnegative(),
  modifiedBytes: z.number().nonnegative(),
  removed: z.number().int().nonnegative(),
  removedBytes: z.number().nonnegative(),
  /** The history step that created it (`created_by`, shortened), '' when unknown. */
  command: z.string(),
  created: z.string().nullable(),
  comment: z.string(),
  /** History steps without a layer (ENV, CMD, ...) that come right after this layer. */
  emptySteps: z.array(z.string()),
  /** Where it comes from, relative to the other images in the same archive. */
  role: z.enum(['base', 'parent', 'own']),
});
export type LayerAnalysis = z.infer<typeof LayerAnalysisSchema>;

export const ImageAnalysisSchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  platform: z.string().nullable(),
  created: z.string().nullable(),
  author: z.string(),
  /** The same config fields as an engine image's. */
  config: ImageConfigSchema,
  sizeBytes: z.number().nonnegative(),
  userSizeBytes: z.number().nonnegative(),
  efficiency: z.number(),
  wastedBytes: z.number().nonnegative(),
  wastedUserPercent: z.number(),
  reclaimableBytes: z.number().nonnegative(),
  inefficientFiles: z.array(z.object({ path: z.string(), count: z.number().int(), sizeBytes: z.number() })),
  reclaimableFiles: z.array(z.object({ path: z.string(), layer: z.number().int(), sizeBytes: z.number(), reason: z.string() })),
  /** The root-most image of this archive that this one is built on, or null. */
  baseImageId: z.string().nullable(),
  /** The nearest image it is built on (longest proper prefix of its layer chain), or null. */
  parentImageId: z.string().nullable(),
  /** Files and bytes of the final filesystem. */
  files: z.number().int().nonnegative(),
  finalBytes: z.number().nonnegative(),
  layers: z.array(LayerAnalysisSchema),
  warnings: z.array(z.string()),
});
export type ImageAnalysis = z.infer<typeof ImageAnalysisSchema>;

export const ArchiveAnalysisSchema = z.object({
  file: z.string(),
  fileBytes: z.number().nonnegative(),
  format: z.enum(['docker-archive', 'oci-archive']),
  variant: z.string(),
  compression: CompressionSchema,
  images: z.array(ImageAnalysisSchema),
  /** Platforms an index offers (pick one with the platform option). */
  platforms: z.array(z.string()),
  setAside: z.array(z.object({ digest: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
});
export type ArchiveAnalysis = z.infer<typeof ArchiveAnalysisSchema>;

/** One row of a directory listing in the file tree. */
export const TreeEntrySchema = z.object({
  /** Display name (UTF-8; invalid bytes replaced). */
  name: z.string(),
  /** Display path from the image root, no leading '/'. */
  path: z.string(),
  /** The exact raw path (one char per byte): what queries take back, so non-UTF-8 names work. */
  key: z.string(),
  type: z.enum(['file', 'hardlink', 'symlink', 'chardev', 'blockdev', 'dir', 'fifo']),
  size: z.number().nonnegative(),
  mode: z.number().int(),
  uid: z.number().int(),
  gid: z.number().int(),
  linkname: z.string(),
  changedInLayer: z.number().int(),
  change: z.enum(['added', 'modified', 'removed', 'unchanged']),
  childCount: z.number().int().nonnegative(),
});
export type TreeEntryDto = z.infer<typeof TreeEntrySchema>;
