/**
 * Channels of the transfer domain: images to and from archive files (save/load) and registries
 * (pull/push, login). Long operations take a `jobId`: their progress comes as `jobProgress`
 * events and `cancelJob` stops them.
 */
import { z } from 'zod';
import {
  LoadImagesResultSchema,
  ParseReferenceResultSchema,
  PullImageResultSchema,
  PushImageResultSchema,
  RegistryLoginResultSchema,
  SaveImagesResultSchema,
} from '../transfer-dto';
import { AbsoluteFilePathSchema, ImageRefSchema, JobIdSchema } from './common';

/** A repository name without tag or digest (`strata-test/layers`, `127.0.0.1:5000/x/y`). */
const RepositorySchema = ImageRefSchema.refine((s) => !s.includes('@'), 'a repository has no digest');

/** A registry server as users write it: host[:port], optionally with a scheme and path (Hub's legacy key). */
const ServerSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(https?:\/\/)?[A-Za-z0-9.[\]:-]+(\/[A-Za-z0-9._/-]*)?$/, 'not a registry server');

export const transferChannels = {
  /** Saves images (refs or IDs) and whole repositories (every tag) into one tar, optionally gzip. */
  saveImages: {
    args: z
      .object({
        refs: z.array(ImageRefSchema).max(1000),
        repositories: z.array(RepositorySchema).max(100).optional(),
        destPath: AbsoluteFilePathSchema,
        gzip: z.boolean().default(false),
        jobId: JobIdSchema,
      })
      .strict(),
    result: SaveImagesResultSchema,
  },
  /** Loads an archive (plain, gzip, bzip2, xz, zstd; docker-archive or OCI) into the engine. */
  loadImages: {
    args: z.object({ path: AbsoluteFilePathSchema, jobId: JobIdSchema }).strict(),
    result: LoadImagesResultSchema,
  },
  pullImage: {
    args: z.object({ ref: ImageRefSchema, jobId: JobIdSchema }).strict(),
    result: PullImageResultSchema,
  },
  pushImage: {
    args: z.object({ ref: ImageRefSchema, jobId: JobIdSchema }).strict(),
    result: PushImageResultSchema,
  },
  /** Checks credentials with the engine and keeps them in memory for this session only. */
  registryLogin: {
    args: z
      .object({
        server: ServerSchema,
        username: z.string().min(1).max(255),
        password: z.string().min(1).max(4096),
      })
      .strict(),
    result: RegistryLoginResultSchema,
  },
  /** Parses an image reference for the window's forms; never fails, says what is wrong instead. */
  parseReference: {
    args: z.object({ ref: z.string().max(1024) }).strict(),
    result: ParseReferenceResultSchema,
  },
} as const;

export const transferEvents = {} as const;
