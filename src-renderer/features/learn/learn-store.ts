/**
 * The Learn section's own store: progress (persisted), the environment main reports, the sample
 * archive's analysis (what the lessons show with no engine), each lesson's run, and the checks of
 * what a lesson needs. A store of its own so the feature touches no shared slice.
 */
import { create } from 'zustand';
import type { ArchiveAnalysis } from '../../../src-shared/archive-analysis';
import type { LearnEnvironment } from '../../../src-shared/contract/learn';
import { call, errorMessage } from '../../ipc/client';
import { performLesson } from './lesson-actions';
import { learnJobId, type StepOutput } from './lesson-steps';
import type { LessonSetup } from './learn-names';
import { checkNeeds, type NeedState } from './lesson-needs';
import { lessonById, type LessonId } from './lessons';
import { FRESH, keepLeftover, loadProgress, markDone, saveProgress, type Progress } from './progress';

export interface LessonRun {
  status: 'running' | 'done' | 'error';
  steps: readonly StepOutput[];
}

export type SampleState =
  | { status: 'idle' | 'loading' | 'missing' }
  | { status: 'ready'; path: string; sessionId: string; analysis: ArchiveAnalysis }
  | { status: 'error'; message: string };

interface LearnState {
  progress: Progress;
  env: LearnEnvironment | null;
  envError: string | null;
  sample: SampleState;
  runs: Partial<Record<LessonId, LessonRun>>;
  needs: Partial<Record<LessonId, NeedState>>;
  /** Bumped after every action, so pictures re-read the engine. */
  version: number;
  open: (id: LessonId) => void;
  refreshEnv: () => Promise<LearnEnvironment | null>;
  loadSample: () => Promise<void>;
  check: (id: LessonId, live: boolean) => Promise<void>;
  run: (id: LessonId) => Promise<void>;
  /** Loads the shipped sample images into the engine (`docker load`). */
  loadSampleIntoEngine: () => Promise<void>;
  markRead: (id: LessonId) => void;
  /** Forgets which lessons are done (the engine keeps what they made). */
  reset: () => void;
}

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

export function setupOf(env: LearnEnvironment, p: Progress): LessonSetup {
  return {
    bridge: env.bridge === true,
    ports: p.ports ?? env.ports,
    committedId: p.committedId,
    saveTargets: env.saveTargets,
  };
}

export const useLearnStore = create<LearnState>()((set, get) => {
  const setProgress = (progress: Progress): void => {
    saveProgress(storage(), progress);
    set({ progress });
  };
  return {
    progress: loadProgress(storage()),
    env: null,
    envError: null,
    sample: { status: 'idle' },
    runs: {},
    needs: {},
    version: 0,

    open: (id) => setProgress({ ...get().progress, current: id }),

    refreshEnv: async () => {
      try {
        const env = await call('learnEnvironment');
        set({ env, envError: null });
        return env;
      } catch (err) {
        set({ envError: errorMessage(err) });
        return null;
      }
    },

    loadSample: async () => {
      if (get().sample.status !== 'idle') return;
      set({ sample: { status: 'loading' } });
      const env = get().env ?? (await get().refreshEnv());
      if (!env?.sample) {
        set({ sample: { status: 'missing' } });
        return;
      }
      try {
        const r = await call('openArchive', { path: env.sample.path, jobId: learnJobId('sample') });
        set({
          sample: { status: 'ready', path: env.sample.path, sessionId: r.sessionId, analysis: r.analysis },
        });
      } catch (err) {
        set({ sample: { status: 'error', message: errorMessage(err) } });
      }
    },

    check: async (id, live) => {
      const env = get().env ?? (await get().refreshEnv());
      const state = await checkNeeds(lessonById(id).needs, { live, env, progress: get().progress });
      set((s) => ({ needs: { ...s.needs, [id]: state } }));
    },

    run: async (id) => {
      const env = await get().refreshEnv();
      if (!env) return;
      if (!get().progress.ports) setProgress({ ...get().progress, ports: env.ports });
      const steps: StepOutput[] = [];
      const publish = (status: LessonRun['status']): void =>
        set((s) => ({ runs: { ...s.runs, [id]: { status, steps: [...steps] } } }));
      publish('running');
      try {
        await performLesson(
          id,
          setupOf(env, get().progress),
          (st) => {
            steps.push(st);
            publish('running');
          },
          (left) => setProgress(keepLeftover(get().progress, left)),
        );
        publish('done');
        setProgress(markDone(get().progress, id));
      } catch {
        publish('error');
      } finally {
        set((s) => ({ version: s.version + 1 }));
        void get().check(id, true);
      }
    },

    loadSampleIntoEngine: async () => {
      const env = get().env ?? (await get().refreshEnv());
      if (!env?.sample) return;
      await call('loadImages', { path: env.sample.path, jobId: learnJobId('load-sample') });
      set((s) => ({ version: s.version + 1 }));
    },

    markRead: (id) => setProgress(markDone(get().progress, id)),

    reset: () => {
      const { committedId, committedIds, savedFiles, ports } = get().progress;
      setProgress({ ...FRESH, committedId, committedIds, savedFiles, ports });
      set({ runs: {} });
    },
  };
});
