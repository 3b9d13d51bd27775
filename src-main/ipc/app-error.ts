import type { IpcError, IpcErrorCode } from '../../src-shared/ipc-contract';
import type { WriteFileError } from '../fs/write-error';

/** An error that knows the IPC code it answers with; thrown by handlers and services. */
export class AppError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toIpcError(): IpcError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * The answer for a file that could not be written: NOT_FOUND when its folder is gone, INTERNAL
 * when the disk is full or failing, INVALID_ARGUMENT when the destination itself cannot take a
 * file (a folder, read-only, no permission). The message names the file the user chose.
 */
export function writeAppError(err: WriteFileError): AppError {
  const details = { path: err.path, reason: err.code };
  switch (err.code) {
    case 'ENOENT':
      return new AppError('NOT_FOUND', err.message, details);
    case 'EISDIR':
    case 'ENOTDIR':
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENAMETOOLONG':
      return new AppError('INVALID_ARGUMENT', err.message, details);
    default:
      return new AppError('INTERNAL', err.message, details);
  }
}
