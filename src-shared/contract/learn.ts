/**
 * Channels of the Learn section: what the lessons need beyond the other domains. Where the
 * sample archives are and where a lesson may save, whether the engine has a bridge network and
 * which loopback ports are free for the tutorial's web servers; reading a page a lesson's server
 * answers (127.0.0.1 only); and an archive's own structure (manifest.json, repositories, layer
 * folders or blobs), which the analysis does not keep.
 */
import { z } from 'zod';
import { CompressionSchema } from '../archive-analysis';
import { AbsoluteFilePathSchema, FilePathSchema, NoArgs } from './common';

export const LearnEnvironmentSchema = z.object({
  /** The shipped sample archive, or null when the installation has none. */
  sample: z.object({ path: z.string(), bytes: z.number().int().nonnegative() }).nullable(),
  /** Where the lessons save archives (a folder of the app's own under the OS temp dir). */
  saveTargets: z.object({ tar: z.string(), tarGz: z.string() }),
  /**
   * Whether the engine has its default `bridge` network (port mappings publish); false on an engine
   * started with `--bridge=none` (the lessons then use host networking); null with no engine.
   */
  bridge: z.boolean().nullable(),
  /** Two free ports on 127.0.0.1 for the lessons' servers: the tutorial's 8001 and 8002 when free. */
  ports: z.tuple([z.number().int().min(1).max(65535), z.number().int().min(1).max(65535)]),
});
export type LearnEnvironment = z.output<typeof LearnEnvironmentSchema>;

export const LoopbackPageSchema = z.object({
  url: z.string(),
  status: z.number().int(),
  contentType: z.string(),
  /** The body as text, at most 64 KiB. */
  body: z.string(),
  truncated: z.boolean(),
});
export type LoopbackPage = z.output<typeof LoopbackPageSchema>;

export const ArchiveMemberSchema = z.object({
  path: z.string(),
  kind: z.enum(['file', 'dir', 'symlink', 'hardlink', 'other']),
  size: z.number().nonnegative(),
  linkTarget: z.string(),
});
export type ArchiveMemberDto = z.output<typeof ArchiveMemberSchema>;

export const ArchiveStructureSchema = z.object({
  /** Of the whole file, sniffed from its bytes. */
  compression: CompressionSchema,
  fileBytes: z.number().nonnegative(),
  /** The members in archive order (at most 2,000). */
  members: z.array(ArchiveMemberSchema),
  truncated: z.boolean(),
});
export type ArchiveStructure = z.output<typeof ArchiveStructureSchema>;

/**
 * An archive a lesson wrote, as the lesson remembers it: main deletes it only while it is still
 * that file (a regular file in the lessons' own folder, this size, not written since `writtenAt`).
 */
export const LessonFileSchema = z
  .object({
    path: FilePathSchema,
    bytes: z.number().int().nonnegative(),
    /** When the lesson's write had finished, ms since the epoch. */
    writtenAt: z.number().int().positive(),
  })
  .strict();
export type LessonFile = z.output<typeof LessonFileSchema>;

/**
 * `same`: still the file the lesson wrote; `changed`: something else is there now; `gone`;
 * `outside`: not in the lessons' own folder, so never the app's to delete.
 */
export const LessonFileStateSchema = z.enum(['same', 'changed', 'gone', 'outside']);
export type LessonFileState = z.output<typeof LessonFileStateSchema>;

export const learnChannels = {
  learnEnvironment: { args: NoArgs, result: LearnEnvironmentSchema },
  /** GET an http://127.0.0.1 (or localhost, [::1]) address; anything else is refused. */
  fetchLoopback: {
    args: z.object({ url: z.string().min(1).max(2048) }).strict(),
    result: LoopbackPageSchema,
  },
  /** The members of an image archive (any compression), without reading the layers' content. */
  archiveStructure: { args: z.object({ path: AbsoluteFilePathSchema }).strict(), result: ArchiveStructureSchema },
  /** Whether each file a lesson wrote is still as written, in the order asked. */
  lessonFileStates: {
    args: z.object({ files: z.array(LessonFileSchema).max(20) }).strict(),
    result: z.array(LessonFileStateSchema),
  },
  /** Deletes a file a lesson wrote if it is still `same`; else answers why it stays. */
  removeLessonFile: {
    args: LessonFileSchema,
    result: z.object({ outcome: z.enum(['removed', 'changed', 'gone', 'outside']) }),
  },
} as const;

export const learnEvents = {} as const;
