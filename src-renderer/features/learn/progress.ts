/**
 * A learner's progress: which lessons are done, which one is open, and what earlier lessons left
 * behind that later ones use (the untagged image lesson 8 committed). Kept in localStorage so it
 * survives restarts. Pure functions over plain data: unit-tested.
 */
import { LESSON_IDS, type LessonId } from './lesson-text';

export interface Progress {
  done: readonly LessonId[];
  current: LessonId;
  committedId: string | null;
  /**
   * The loopback ports the lessons' servers use, fixed at the first lesson run: a later lesson
   * (or a restart) must reach the server where lesson 1 or 11 started it.
   */
  ports: readonly [number, number] | null;
}

export const STORAGE_KEY = 'strata.learn.v1';
export const FRESH: Progress = { done: [], current: LESSON_IDS[0], committedId: null, ports: null };

const isPort = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536;

const isLessonId = (v: unknown): v is LessonId =>
  typeof v === 'string' && (LESSON_IDS as readonly string[]).includes(v);

/** Whatever was stored (or nothing, or garbage) as a valid Progress; unknown lessons are dropped. */
export function parseProgress(raw: string | null): Progress {
  if (!raw) return FRESH;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return FRESH;
  }
  if (typeof data !== 'object' || data === null) return FRESH;
  const d = data as Record<string, unknown>;
  const done = Array.isArray(d['done'])
    ? LESSON_IDS.filter((id) => (d['done'] as unknown[]).includes(id))
    : [];
  const committed = d['committedId'];
  const ports = d['ports'];
  return {
    ports:
      Array.isArray(ports) && ports.length === 2 && ports.every(isPort) && ports[0] !== ports[1]
        ? [ports[0] as number, ports[1] as number]
        : null,
    done,
    current: isLessonId(d['current']) ? d['current'] : FRESH.current,
    committedId: typeof committed === 'string' && /^sha256:[0-9a-f]{64}$/.test(committed) ? committed : null,
  };
}

export const serializeProgress = (p: Progress): string => JSON.stringify(p);

/** Marks a lesson done (kept in lesson order, once). */
export function markDone(p: Progress, id: LessonId): Progress {
  if (p.done.includes(id)) return p;
  return { ...p, done: LESSON_IDS.filter((l) => l === id || p.done.includes(l)) };
}

/** The lesson after `id`, or null after the last. */
export function nextLesson(id: LessonId): LessonId | null {
  return LESSON_IDS[LESSON_IDS.indexOf(id) + 1] ?? null;
}

/** The first lesson not done yet (where "continue" goes), or null when all are. */
export function firstNotDone(p: Progress): LessonId | null {
  return LESSON_IDS.find((id) => !p.done.includes(id)) ?? null;
}

/** Reads and writes through a Storage (localStorage in the window, a stand-in in tests). */
export function loadProgress(storage: Pick<Storage, 'getItem'> | null): Progress {
  try {
    return parseProgress(storage?.getItem(STORAGE_KEY) ?? null);
  } catch {
    return FRESH;
  }
}

export function saveProgress(storage: Pick<Storage, 'setItem'> | null, p: Progress): void {
  try {
    storage?.setItem(STORAGE_KEY, serializeProgress(p));
  } catch {
    // A full or disabled storage only costs the memory of progress, never the lesson.
  }
}
