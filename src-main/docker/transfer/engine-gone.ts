/** Tells "the engine died under us" apart from other stream failures, for clear messages. */
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';

/** True when the engine answers a ping within `timeoutMs`. */
export async function engineAlive(docker: EngineClient, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([
      docker.ping().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The error for a job whose stream broke: CANCELLED when the user cancelled, ENGINE_UNAVAILABLE
 * when the engine no longer answers, else the given code with the cause.
 */
export async function streamFailure(
  docker: EngineClient,
  err: unknown,
  what: string,
  signal: AbortSignal | undefined,
  fallback: AppError['code'] = 'INTERNAL',
): Promise<AppError> {
  if (signal?.aborted) return new AppError('CANCELLED', `The ${what} was cancelled`);
  if (err instanceof AppError && err.code !== 'INTERNAL') return err;
  const reason = err instanceof Error ? err.message : String(err);
  if (!(await engineAlive(docker))) {
    return new AppError('ENGINE_UNAVAILABLE', `The engine stopped during the ${what} (${reason})`);
  }
  return new AppError(fallback, `The ${what} failed: ${reason}`);
}
