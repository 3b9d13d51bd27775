/**
 * Runs a docker credential helper (`docker-credential-<name> get`, server URL on stdin, JSON
 * `{ServerURL, Username, Secret}` on stdout), the protocol of docker/docker-credential-helpers.
 * A helper that is not installed is a clear error, not a crash.
 */
import { spawn } from 'node:child_process';
import { AppError } from '../../ipc/app-error';

export interface HelperCredentials {
  username: string;
  secret: string;
}

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Username the helpers store for an identity token instead of a password. */
export const TOKEN_USERNAME = '<token>';

export async function runCredentialHelper(
  helper: string,
  serverUrl: string,
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<HelperCredentials | null> {
  if (!HELPER_NAME.test(helper))
    throw new AppError('INVALID_ARGUMENT', `"${helper}" is not a credential helper name`);
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 10_000);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdin.on('error', () => undefined);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new AppError(
              'NOT_FOUND',
              `The credential helper ${program} is configured but not installed (not on PATH)`,
            )
          : new AppError('INTERNAL', `The credential helper ${program} could not run: ${e.message}`),
      );
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      const text = (out.trim() || err.trim()).slice(0, 500);
      if (code !== 0) {
        // The helpers' "not found" answer (credentials.errCredentialsNotFound).
        if (/credentials not found/i.test(text)) return resolve(null);
        return reject(
          new AppError(
            'INTERNAL',
            `The credential helper ${program} failed (${sig ?? `exit ${String(code)}`}): ${text}`,
          ),
        );
      }
      try {
        const v = JSON.parse(out) as { Username?: unknown; Secret?: unknown };
        if (typeof v.Secret !== 'string' || v.Secret === '') return resolve(null);
        resolve({ username: typeof v.Username === 'string' ? v.Username : '', secret: v.Secret });
      } catch {
        reject(
          new AppError('INTERNAL', `The credential helper ${program} answered something that is not JSON`),
        );
      }
    });
    child.stdin.end(serverUrl);
  });
}
