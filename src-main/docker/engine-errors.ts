/**
 * Turns what dockerode throws into our error codes. dockerode (docker-modem) rejects with an
 * Error carrying `statusCode` and `json` for HTTP errors, and with a Node system error
 * (`code` ENOENT, ECONNREFUSED, EACCES...) when the socket cannot be reached.
 */
import { AppError } from '../ipc/app-error';

const UNREACHABLE = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EACCES', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

interface EngineErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  json?: { message?: string } | null;
  reason?: string;
}

export function toAppError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as EngineErrorLike;
  const engineMessage = e.json?.message ?? e.message ?? String(err);
  if (e.code && UNREACHABLE.has(e.code)) {
    return new AppError('ENGINE_UNAVAILABLE', `The Docker engine cannot be reached (${e.code}): ${engineMessage}`);
  }
  switch (e.statusCode) {
    case 404:
      return new AppError('NOT_FOUND', `${what}: ${engineMessage}`);
    case 409:
      return new AppError('CONFLICT', `${what}: ${engineMessage}`);
    case 400:
      return new AppError('INVALID_ARGUMENT', `${what}: ${engineMessage}`);
    default:
      return new AppError('INTERNAL', `${what}: ${engineMessage}`, e.statusCode ? { statusCode: e.statusCode } : undefined);
  }
}
