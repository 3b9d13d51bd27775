/**
 * Why a file the app writes could not be written, in words a person can act on. Every failure of
 * an atomic write (see atomic-file.ts) becomes one of these, naming the file the user chose, never
 * the temp file beside it; `code` keeps the system's code (ENOSPC, ENOENT...) so callers can map
 * it to an IPC code, and it survives the analysis worker's thread boundary.
 */
import { dirname } from 'node:path';

export class WriteFileError extends Error {
  override readonly name = 'WriteFileError';
  constructor(
    /** The destination the user chose. */
    readonly path: string,
    /** The system error code (ENOSPC, ENOENT, EACCES...), or 'EUNKNOWN'. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const codeOf = (err: unknown): string => {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : 'EUNKNOWN';
};

/** What each system error means for the file `target`; nothing was written there in any case. */
export function describeWriteFailure(target: string, code: string, cause: string): string {
  const dir = dirname(target);
  switch (code) {
    case 'ENOSPC':
      return `Not enough space on the disk to write ${target}; nothing was written`;
    case 'EDQUOT':
      return `The disk quota is used up, so ${target} cannot be written; nothing was written`;
    case 'ENOENT':
      return `The folder ${dir} does not exist (any more); nothing was written`;
    case 'ENOTDIR':
      return `${dir} is not a folder; nothing was written`;
    case 'EISDIR':
      return `${target} is a folder; choose a file name`;
    case 'EACCES':
    case 'EPERM':
      return `No permission to write in ${dir}`;
    case 'EROFS':
      return `${dir} is on a read-only file system`;
    case 'ENAMETOOLONG':
      return `The file name ${target} is too long`;
    default:
      return `Cannot write ${target} (${cause}); nothing was written`;
  }
}

/** Wraps a system error of a write to `target`; a WriteFileError passes through as it is. */
export function writeFileError(target: string, err: unknown): WriteFileError {
  if (err instanceof WriteFileError) return err;
  const code = codeOf(err);
  const cause = err instanceof Error ? err.message : String(err);
  return new WriteFileError(target, code, describeWriteFailure(target, code, cause));
}
