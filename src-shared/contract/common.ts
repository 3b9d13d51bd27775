/** Shapes every domain of the IPC contract uses: error envelope, references, paths, job IDs. */
import { z } from 'zod';

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

/** The argument schema of a channel that takes none. */
export const NoArgs = z.undefined();

/** An image reference or ID as the engine accepts it; bounded so a hostile string cannot grow a URL. */
export const ImageRefSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, 'not an image reference or ID')
  // The reference becomes part of a URL path: `..`, `.` and `//` segments would reach other endpoints.
  .refine((s) => !/(^|\/)\.\.?(\/|$)/.test(s) && !s.includes('//'), 'not an image reference or ID');

/** A local file path chosen by the user (dialog or drop); main checks it is a readable regular file. */
export const FilePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'not a file path');
/**
 * A file the app reads or writes for the window: absolute, so it never depends on main's working
 * directory (POSIX `/...`, Windows `C:\...` or `\\server\share\...`, as dialogs and drops give them).
 */
export const AbsoluteFilePathSchema = FilePathSchema.refine(
  (p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p),
  'an absolute path (as the file dialogs give)',
);
/** Client-chosen ID of a long job, so it can be cancelled and its progress events matched. */
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a job ID');
