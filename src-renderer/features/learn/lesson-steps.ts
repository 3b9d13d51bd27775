/** The pieces every lesson action is made of: a reported step, exec output, a page fetch, job IDs. */
import { call, errorMessage } from '../../ipc/client';
import type { Leftover } from './progress';

export interface StepOutput {
  command: string;
  output: string;
  ok: boolean;
}

export type Emit = (s: StepOutput) => void;
/** Where a lesson reports what it left behind (kept in the progress at once). */
export type Keep = (l: Leftover) => void;

let jobs = 0;
export const learnJobId = (what: string): string => `learn-${what}-${Date.now().toString(36)}-${++jobs}`;

/** Runs `fn` as the step for `command`; reports it either way and rethrows a failure. */
export async function step<T>(
  emit: Emit,
  command: string,
  fn: () => Promise<T>,
  show: (r: T) => string,
): Promise<T> {
  try {
    const r = await fn();
    emit({ command, output: show(r), ok: true });
    return r;
  } catch (err) {
    emit({ command, output: errorMessage(err), ok: false });
    throw err;
  }
}

export const execText = (r: { stdout: string; stderr: string; exitCode: number | null }): string =>
  `${r.stdout}${r.stderr}`.trimEnd() + (r.exitCode ? `\n(exit code ${r.exitCode})` : '');

/** `docker save` of every tag of `repo` into `destPath`; the written file is kept in the progress. */
export async function saveRepository(repo: string, destPath: string, gzip: boolean, keep: Keep) {
  const r = await call('saveImages', {
    refs: [],
    repositories: [repo],
    destPath,
    gzip,
    jobId: learnJobId('save'),
  });
  // What the clean-up checks before deleting it: this size, and no write after this moment.
  keep({ savedFile: { path: destPath, bytes: r.bytes, writtenAt: Date.now() } });
  return r;
}

/** Removes a container the lessons own, if it is there (a lesson run twice starts clean). */
export async function removeOwn(name: string): Promise<void> {
  await call('removeContainer', { id: name, force: true, volumes: false }).catch(() => undefined);
}

/** GETs a page, retrying while the server starts (a fresh container needs a moment). */
export async function fetchPage(url: string, tries = 40): Promise<{ status: number; body: string }> {
  for (let i = 1; ; i++) {
    try {
      return await call('fetchLoopback', { url });
    } catch (err) {
      if (i >= tries) throw err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

export const pageText = (p: { status: number; body: string }): string => `HTTP ${p.status}\n${p.body.trim()}`;
