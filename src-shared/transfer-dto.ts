/** Results of the transfer channels: save/load archives, pull/push, registry login, reference parsing. */
import { z } from 'zod';

export const SaveImagesResultSchema = z.object({
  /** Bytes of the file written (compressed when gzip was asked). */
  bytes: z.number().nonnegative(),
  /** The names the engine was asked to save (tags or IDs), repositories expanded to their tags. */
  images: z.array(z.string()),
  path: z.string(),
});
export type SaveImagesResult = z.infer<typeof SaveImagesResultSchema>;

export const LoadImagesResultSchema = z.object({
  /** Tags the engine loaded (`x:y`), or image IDs (`sha256:...`) for images saved without a tag. */
  loaded: z.array(z.string()),
  /** True when the file was an OCI archive converted to the docker-archive layout before loading. */
  converted: z.boolean(),
});
export type LoadImagesResult = z.infer<typeof LoadImagesResultSchema>;

export const PullImageResultSchema = z.object({
  id: z.string(),
  digest: z.string().optional(),
});
export type PullImageResult = z.infer<typeof PullImageResultSchema>;

export const PushImageResultSchema = z.object({ digest: z.string().optional() });
export type PushImageResult = z.infer<typeof PushImageResultSchema>;

export const RegistryLoginResultSchema = z.object({
  ok: z.boolean(),
  /** What the registry answered, e.g. "Login Succeeded". */
  status: z.string(),
});
export type RegistryLoginResult = z.infer<typeof RegistryLoginResultSchema>;

export const ParsedReferenceSchema = z.object({
  registry: z.string(),
  repository: z.string(),
  tag: z.string().nullable(),
  digest: z.string().nullable(),
  familiar: z.string(),
  original: z.string(),
});
export type ParsedReference = z.infer<typeof ParsedReferenceSchema>;

/** For the window's forms: a parsed reference, or why it is not one. */
export const ParseReferenceResultSchema = z.object({
  reference: ParsedReferenceSchema.nullable(),
  problem: z.string().nullable(),
});
export type ParseReferenceResult = z.infer<typeof ParseReferenceResultSchema>;
