/** Channels of archive analysis: open, list a directory, read or save a file, verify, close. */
import { z } from 'zod';
import { ArchiveAnalysisSchema, TreeEntrySchema } from '../archive-analysis';
import { AbsoluteFilePathSchema, JobIdSchema } from './common';

const FileInImageSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    imageId: z.string().min(1).max(200),
    key: z.string().min(1).max(4096),
    layer: z.number().int().min(0).max(65534),
  })
  .strict();

export const archiveChannels = {
  /** Analyze an image archive file (any compression); progress arrives as `jobProgress` events for `jobId`. */
  openArchive: {
    args: z
      .object({
        path: AbsoluteFilePathSchema,
        jobId: JobIdSchema,
        verify: z.boolean().optional(),
        platform: z
          .string()
          .max(100)
          .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/)
          .optional(),
      })
      .strict(),
    result: z.object({ sessionId: z.string(), analysis: ArchiveAnalysisSchema, cached: z.boolean() }),
  },
  /** Cancel a running job (an archive analysis, a save, a load...). */
  cancelJob: {
    args: z.object({ jobId: JobIdSchema }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
  /** One directory of an analyzed image's file tree, as of a layer. */
  archiveChildren: {
    args: z
      .object({
        sessionId: z.string().min(1).max(64),
        imageId: z.string().min(1).max(200),
        key: z.string().max(4096),
        layer: z.number().int().min(0).max(65534),
        view: z.enum(['merged', 'layer-only']),
      })
      .strict(),
    result: z.array(TreeEntrySchema),
  },
  /** A file's content as of a layer (a preview of at most 1 MiB; text as UTF-8, anything else as base64). */
  readArchiveFile: {
    args: FileInImageSchema,
    result: z.object({
      kind: z.enum(['file', 'symlink']),
      size: z.number().nonnegative(),
      truncated: z.boolean(),
      isText: z.boolean(),
      encoding: z.enum(['utf8', 'base64']),
      content: z.string(),
      linkTarget: z.string().nullable(),
    }),
  },
  /** Saves a file of the image to `destPath` (whole or not at all); cancellable by `jobId`. */
  saveArchiveFile: {
    args: FileInImageSchema.extend({ destPath: AbsoluteFilePathSchema, jobId: JobIdSchema }).strict(),
    result: z.object({ bytes: z.number().nonnegative() }),
  },
  /** Check every layer's diffID against its content (reads all the data; run it after the first result). */
  verifyArchive: {
    args: z.object({ sessionId: z.string().min(1).max(64), jobId: JobIdSchema }).strict(),
    result: z.array(
      z.object({
        imageId: z.string(),
        index: z.number().int(),
        diffId: z.string(),
        computed: z.string().nullable(),
        matches: z.boolean().nullable(),
      }),
    ),
  },
  /** Forget an analysis (frees its memory). */
  closeArchive: {
    args: z.object({ sessionId: z.string().min(1).max(64) }).strict(),
    result: z.object({ closed: z.boolean() }),
  },
} as const;
