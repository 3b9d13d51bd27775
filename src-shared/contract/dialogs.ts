/**
 * Channels of the dialogs domain: the operating system's file pickers. The window cannot see the
 * file system; it asks main to show the native dialog and gets back only the path(s) the user
 * chose, which it then hands to another channel (saveImages, loadImages, openArchive...).
 */
import { z } from 'zod';

/** One entry of the picker's type menu: `{ name: 'Image archives', extensions: ['tar', 'tar.gz'] }`. */
const FileFilterSchema = z
  .object({
    name: z.string().min(1).max(100),
    // Without the dot, as Electron wants them; `*` for all files. Multi-part (`tar.gz`) is fine.
    extensions: z
      .array(
        z
          .string()
          .regex(/^(\*|[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)$/, 'not a file extension')
          .max(20),
      )
      .min(1)
      .max(20),
  })
  .strict();

const TitleSchema = z.string().max(200);

export const SaveDialogOptionsSchema = z
  .object({
    title: TitleSchema.optional(),
    /** A file name (put in the user's downloads folder) or an absolute path. */
    defaultName: z
      .string()
      .max(4096)
      .refine((p) => !p.includes('\0'), 'not a file name')
      .optional(),
    filters: z.array(FileFilterSchema).max(20).optional(),
  })
  .strict();
export type SaveDialogOptions = z.output<typeof SaveDialogOptionsSchema>;

export const OpenDialogOptionsSchema = z
  .object({
    title: TitleSchema.optional(),
    /** Let the user pick several files. */
    multiple: z.boolean().optional(),
    filters: z.array(FileFilterSchema).max(20).optional(),
  })
  .strict();
export type OpenDialogOptions = z.output<typeof OpenDialogOptionsSchema>;

export const dialogsChannels = {
  /** Asks where to save a file; `path` is null when the user cancelled. */
  chooseSavePath: {
    args: SaveDialogOptionsSchema.optional(),
    result: z.object({ path: z.string().nullable() }),
  },
  /** Asks for file(s) to open; `paths` is empty when the user cancelled. */
  chooseOpenPaths: {
    args: OpenDialogOptionsSchema.optional(),
    result: z.object({ paths: z.array(z.string()) }),
  },
} as const;

export const dialogsEvents = {} as const;
