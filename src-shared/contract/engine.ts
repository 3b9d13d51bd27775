/** Channels of the engine connection and its images. */
import { z } from 'zod';
import { EngineInfoSchema, ImageDetailSchema, ImageSummarySchema } from '../dto';
import { ImageRefSchema, NoArgs } from './common';

export const engineChannels = {
  /** The connected engine's identity, version and storage driver. */
  getEngineInfo: { args: NoArgs, result: EngineInfoSchema },
  /** Every local image, one entry per image ID with all its tags. */
  listImages: {
    args: z
      .object({ includeDangling: z.boolean().default(true) })
      .strict()
      .optional(),
    result: z.array(ImageSummarySchema),
  },
  /** One image's full config and layer chain. */
  inspectImage: { args: z.object({ ref: ImageRefSchema }).strict(), result: ImageDetailSchema },
} as const;
