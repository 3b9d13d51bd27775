/** Checks what a lesson needs before its action can run, and says what is missing. */
import type { LearnEnvironment } from '../../../src-shared/contract/learn';
import { call } from '../../ipc/client';
import { BASE, V2, WEB, WEB1 } from './learn-names';
import type { Need } from './lessons';
import type { Progress } from './progress';

/** Each need of the lesson: met or not (unmet ones are listed in the lesson with a way to meet them). */
export type NeedState = Partial<Record<Need, boolean>>;

const exists = (p: Promise<unknown>): Promise<boolean> =>
  p.then(
    () => true,
    () => false,
  );

async function met(
  need: Need,
  ctx: { live: boolean; env: LearnEnvironment | null; progress: Progress },
): Promise<boolean> {
  if (need === 'engine') return ctx.live;
  if (!ctx.live) return false;
  switch (need) {
    case 'web-image':
      return exists(call('inspectImage', { ref: WEB }));
    case 'base-image':
      return exists(call('inspectImage', { ref: BASE }));
    case 'web1':
      return call('listContainers').then(
        (list) => list.some((c) => c.name === WEB1 && c.state === 'running'),
        () => false,
      );
    case 'committed':
      return (
        ctx.progress.committedId !== null && exists(call('inspectImage', { ref: ctx.progress.committedId }))
      );
    case 'v2':
      return exists(call('inspectImage', { ref: V2 }));
    case 'saved':
      return ctx.env !== null && exists(call('archiveStructure', { path: ctx.env.saveTargets.tarGz }));
  }
}

export async function checkNeeds(
  needs: readonly Need[],
  ctx: { live: boolean; env: LearnEnvironment | null; progress: Progress },
): Promise<NeedState> {
  const values = await Promise.all(needs.map((n) => met(n, ctx)));
  return Object.fromEntries(needs.map((n, i) => [n, values[i]!]));
}

/** Where a missing need is met: the lesson that makes it, or loading the sample images. */
export const NEED_FIX: Record<Exclude<Need, 'engine'>, { lesson: number } | 'load-sample'> = {
  'web-image': 'load-sample',
  'base-image': 'load-sample',
  web1: { lesson: 1 },
  committed: { lesson: 8 },
  v2: { lesson: 8 },
  saved: { lesson: 12 },
};
