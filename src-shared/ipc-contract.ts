/**
 * The typed IPC contract between the window and the main process.
 *
 * Every channel is a method name mapped to a zod schema for its one argument and one for its
 * result. Main parses every argument with these schemas before any handler runs, so a wrong
 * argument from the renderer never reaches the engine. Push events (main -> window) have a
 * payload schema each. This module imports nothing but zod: it is shared by main, preload and
 * renderer.
 */
import { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from './channel-names';
import { ArchiveAnalysisSchema, TreeEntrySchema } from './archive-analysis';
import { EngineInfoSchema, EngineStatusSchema, ImageDetailSchema, ImageSummarySchema } from './dto';

export { CHANNEL_NAMES, EVENT_NAMES, IPC_EVENT_CHANNEL, ipcChannelFor } from './channel-names';
export type { ChannelName, EventName } from './channel-names';

/** Error codes a call can answer with; the renderer switches on them. */
export const IPC_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'ENGINE_UNAVAILABLE',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'BAD_ARCHIVE',
  'INTERNAL',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export const IpcErrorSchema = z.object({
  code: z.enum(IPC_ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** What every call answers: `{result}` or `{error}`, never a thrown exception (its fields would not survive IPC). */
export type IpcResponse<T> = { result: T; error?: undefined } | { error: IpcError; result?: undefined };

const NoArgs = z.undefined();

/** An image reference or ID as the engine accepts it; bounded so a hostile string cannot grow a URL. */
export const ImageRefSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, 'not an image reference or ID')
  // The reference becomes part of a URL path: `..`, `.` and `//` segments would reach other endpoints.
  .refine((s) => !/(^|\/)\.\.?(\/|$)/.test(s) && !s.includes('//'), 'not an image reference or ID');

/** A local file path chosen by the user (dialog or drop); main checks it is a readable regular file. */
export const FilePathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'not a file path');
/** Client-chosen ID of a long job, so it can be cancelled and its progress events matched. */
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a job ID');

const FileInImageSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    imageId: z.string().min(1).max(200),
    key: z.string().min(1).max(4096),
    layer: z.number().int().min(0).max(65534),
  })
  .strict();

export const channels = {
  /** The connected engine's identity, version and storage driver. */
  getEngineInfo: { args: NoArgs, result: EngineInfoSchema },
  /** Every local image, one entry per image ID with all its tags. */
  listImages: {
    args: z.object({ includeDangling: z.boolean().default(true) }).strict().optional(),
    result: z.array(ImageSummarySchema),
  },
  /** One image's full config and layer chain. */
  inspectImage: { args: z.object({ ref: ImageRefSchema }).strict(), result: ImageDetailSchema },
  /** Analyze an image archive file (any compression); progress arrives as `jobProgress` events for `jobId`. */
  openArchive: {
    args: z
      .object({
        path: FilePathSchema,
        jobId: JobIdSchema,
        verify: z.boolean().optional(),
        platform: z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/).optional(),
      })
      .strict(),
    result: z.object({ sessionId: z.string(), analysis: ArchiveAnalysisSchema, cached: z.boolean() }),
  },
  /** Cancel a running job (an archive analysis, a save, a load...). */
  cancelJob: { args: z.object({ jobId: JobIdSchema }).strict(), result: z.object({ cancelled: z.boolean() }) },
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
    args: FileInImageSchema.extend({ destPath: FilePathSchema, jobId: JobIdSchema }).strict(),
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
  closeArchive: { args: z.object({ sessionId: z.string().min(1).max(64) }).strict(), result: z.object({ closed: z.boolean() }) },
} as const satisfies Record<ChannelName, { args: z.ZodType; result: z.ZodType }>;

export type ChannelArgs<K extends ChannelName> = z.input<(typeof channels)[K]['args']>;
export type ChannelParsedArgs<K extends ChannelName> = z.output<(typeof channels)[K]['args']>;
export type ChannelResult<K extends ChannelName> = z.output<(typeof channels)[K]['result']>;

export const events = {
  /** The engine connection changed state (connected, unavailable). */
  engineStatus: EngineStatusSchema,
  /** Progress of a long job started with a `jobId`. */
  jobProgress: z.object({
    jobId: z.string(),
    phase: z.string(),
    bytesDone: z.number().nonnegative(),
    bytesTotal: z.number().nonnegative(),
    current: z.string().optional(),
  }),
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// Both directions: every name has a schema (satisfies above) and every schema has a name.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const namesMatch: Exact<keyof typeof channels, ChannelName> & Exact<keyof typeof events, EventName> = true;
void namesMatch;
void CHANNEL_NAMES;
void EVENT_NAMES;

type Method<K extends ChannelName> = undefined extends ChannelArgs<K>
  ? (args?: ChannelArgs<K>) => Promise<IpcResponse<ChannelResult<K>>>
  : (args: ChannelArgs<K>) => Promise<IpcResponse<ChannelResult<K>>>;

/** The object the preload exposes as `window.api`, and that `createMainApi` returns in tests. */
export type StrataApi = { [K in ChannelName]: Method<K> } & {
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
};
