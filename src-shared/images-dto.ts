/** Plain data of the images domain: history, layers, the tag graph, and the results of tag/remove/prune. */
import { z } from 'zod';

export const HistoryEntrySchema = z.object({
  /** The local image this step produced, or null when the engine says `<missing>`. */
  imageId: z.string().nullable(),
  /** True for `<missing>`: the step was built elsewhere (pulled, loaded, or by BuildKit), so no local image ID. */
  missing: z.boolean(),
  /** Creation time, ms since the epoch (0 when unknown). */
  created: z.number(),
  createdBy: z.string(),
  /** The step in Dockerfile terms: `RUN ...`, `COPY ...`, `ENV ...`, `(commit) ...`, `(import)`. */
  instruction: z.string(),
  comment: z.string(),
  tags: z.array(z.string()),
  /** Bytes of the layer the step made (0 for none). */
  size: z.number().nonnegative(),
  /** True when the step made no filesystem layer (metadata such as ENV, CMD, LABEL). */
  emptyLayer: z.boolean(),
  /** Index in `RootFS.Layers` (0 = bottom) of the layer the step made, or null. */
  layerIndex: z.number().int().nonnegative().nullable(),
  /** One sentence for the window: what this row means. */
  explanation: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const ImageLayerSchema = z.object({
  index: z.number().int().nonnegative(),
  diffId: z.string(),
  /** The layer's identity on disk (depends on the layers below it). */
  chainId: z.string(),
  size: z.number().nonnegative(),
  /** How many listed images use this layer. */
  usedBy: z.number().int().nonnegative(),
  /** The listed image that introduced it (the one with the fewest layers using it). */
  introducedBy: z.string().nullable(),
  introducedByTags: z.array(z.string()),
});
export type ImageLayer = z.infer<typeof ImageLayerSchema>;

export const ImageLayersSchema = z.object({
  imageId: z.string(),
  layers: z.array(ImageLayerSchema),
  /** The listed image this one is built on, or null. */
  builtOn: z.string().nullable(),
});
export type ImageLayers = z.infer<typeof ImageLayersSchema>;

export const GraphNodeSchema = z.object({
  /** `repo:tag` for a tag node, the full `sha256:` ID for an image node. */
  id: z.string(),
  kind: z.enum(['tag', 'image']),
  label: z.string(),
});
export const GraphEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** tag -> image it names; image -> image it is built on. */
  kind: z.enum(['tag', 'base']),
});
export const ImageGraphSchema = z.object({
  nodes: z.array(GraphNodeSchema),
  edges: z.array(GraphEdgeSchema),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;
export type ImageGraph = z.infer<typeof ImageGraphSchema>;

export const TagResultSchema = z.object({ reference: z.string(), imageId: z.string() });
export const RemoveResultSchema = z.object({
  untagged: z.array(z.string()),
  deleted: z.array(z.string()),
  /** Whether the image is still there (another reference kept it). */
  imageRemains: z.boolean(),
});
export type RemoveResult = z.infer<typeof RemoveResultSchema>;
export const PruneResultSchema = z.object({
  deleted: z.array(z.string()),
  reclaimedBytes: z.number().nonnegative(),
});
export type PruneResult = z.infer<typeof PruneResultSchema>;
