/** Start, stop, restart and remove: one engine call each. */
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';

/** The engine answers 304 when the container already is in the asked state; that is not a failure. */
const isNotModified = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { statusCode?: number }).statusCode === 304;

/** Starts a created or stopped container; false when it was already running. */
export async function startContainer(docker: EngineClient, id: string): Promise<boolean> {
  try {
    await docker.getContainer(id).start();
    return true;
  } catch (err) {
    if (isNotModified(err)) return false;
    throw toAppError(err, `Starting container ${id}`);
  }
}

/** SIGTERM (or the image's STOPSIGNAL), then SIGKILL after `timeoutSeconds`; false when it was not running. */
export async function stopContainer(
  docker: EngineClient,
  id: string,
  timeoutSeconds: number,
): Promise<boolean> {
  try {
    await docker.getContainer(id).stop({ t: timeoutSeconds });
    return true;
  } catch (err) {
    if (isNotModified(err)) return false;
    throw toAppError(err, `Stopping container ${id}`);
  }
}

export async function restartContainer(
  docker: EngineClient,
  id: string,
  timeoutSeconds: number,
): Promise<void> {
  try {
    await docker.getContainer(id).restart({ t: timeoutSeconds });
  } catch (err) {
    throw toAppError(err, `Restarting container ${id}`);
  }
}

/** Kills a running container at once (used to end an attached run that was cancelled). */
export async function killContainer(docker: EngineClient, id: string): Promise<void> {
  try {
    await docker.getContainer(id).kill();
  } catch (err) {
    // Already stopped (409) or already gone (404): the container is not running, as wanted.
    const code = (err as { statusCode?: number }).statusCode;
    if (code === 409 || code === 404) return;
    throw toAppError(err, `Killing container ${id}`);
  }
}

/**
 * Removes a container and with it its writable layer (tutorial step 6). `force` kills a running
 * one first; `volumes` also removes its anonymous volumes (named volumes are never removed).
 */
export async function removeContainer(
  docker: EngineClient,
  id: string,
  opts: { force: boolean; volumes: boolean },
): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: opts.force, v: opts.volumes });
  } catch (err) {
    throw toAppError(err, `Removing container ${id}`);
  }
}
