/** Channels and push events of the images domain: history, layers, the tag graph, tag/untag/remove/prune, local analysis. */
import { z } from 'zod';
import { ArchiveAnalysisSchema } from '../archive-analysis';
import {
  HistoryEntrySchema,
  ImageGraphSchema,
  ImageLayersSchema,
  PruneResultSchema,
  RemoveResultSchema,
  TagResultSchema,
} from '../images-dto';
import { ImageRefSchema, JobIdSchema, NoArgs } from './common';

const RefArgs = z.object({ ref: ImageRefSchema }).strict();

export const imagesChannels = {
  /** Every build step, newest first; metadata steps and `<missing>` rows kept, each explained. */
  imageHistory: { args: RefArgs, result: z.array(HistoryEntrySchema) },
  /** The layer chain with per-layer sizes, sharing, and the image that introduced each layer. */
  imageLayers: { args: RefArgs, result: ImageLayersSchema },
  /** Tags -> image IDs -> the image each is built on. */
  imageGraph: { args: NoArgs, result: ImageGraphSchema },
  /** Adds the reference `repo:tag` to an image. */
  tagImage: {
    args: z
      .object({
        ref: ImageRefSchema,
        repo: ImageRefSchema,
        tag: z.string().regex(/^[\w][\w.-]{0,127}$/, 'not a tag'),
      })
      .strict(),
    result: TagResultSchema,
  },
  /** Removes one reference; the image goes only when it was its last. */
  untagImage: { args: RefArgs, result: RemoveResultSchema },
  /** Removes an image; refused (CONFLICT, naming the containers) while containers use it, unless `force`. */
  removeImage: {
    args: z.object({ ref: ImageRefSchema, force: z.boolean().default(false) }).strict(),
    result: RemoveResultSchema,
  },
  /** Removes every dangling image. */
  pruneImages: { args: NoArgs, result: PruneResultSchema },
  /** Analyzes a local image by streaming its `save` (same result as `openArchive`); cancellable by `jobId`. */
  analyzeLocalImage: {
    args: z.object({ ref: ImageRefSchema, jobId: JobIdSchema }).strict(),
    result: z.object({ sessionId: z.string(), analysis: ArchiveAnalysisSchema, cached: z.boolean() }),
  },
} as const;

export const imagesEvents = {} as const;
