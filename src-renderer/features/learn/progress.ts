/**
 * A learner's progress: which lessons are done, which one is open, and what the lessons left
 * behind (the images lesson 8 committed, the archives lesson 12 wrote), for later lessons
 * and for the clean-up. Kept in localStorage so it survives restarts. Pure functions over plain
 * data: unit-tested.
 */
import { LESSON_IDS, type LessonId } from './lesson-text';

/** An archive file a lesson wrote, as it was when written: what the clean-up checks before deleting. */
export interface SavedFile {
  path: string;
  /** Its size as written (the save's answer). */
  bytes: number;
  /** When the write had finished (ms since the epoch): the file's mtime is not later. */
  writtenAt: number;
}

/** How many committed images and saved files progress remembers (the newest). */
export const MAX_COMMITTED = 20;
export const MAX_SAVED_FILES = 10;

export interface Progress {
  done: readonly LessonId[];
  current: LessonId;
  /** The image the latest run of lesson 8 committed without a name: what lesson 9 tags. */
  committedId: string | null;
  /**
   * Every image lesson 8 committed, oldest first: each run commits two new ones (the unnamed one
   * and the one it names v2, which loses that name to the next run), for the clean-up. Earlier
   * versions kept only `committedId`: reading one of theirs starts this list with it.
   */
  committedIds: readonly string[];
  /** The archives lesson 12 wrote, one per path (the latest write). */
  savedFiles: readonly SavedFile[];
  /**
   * The loopback ports the lessons' servers use, fixed at the first lesson run: a later lesson
   * (or a restart) must reach the server where lesson 1 or 11 started it.
   */
  ports: readonly [number, number] | null;
}

export const STORAGE_KEY = 'strata.learn.v1';
export const FRESH: Progress = {
  done: [],
  current: LESSON_IDS[0],
  committedId: null,
  committedIds: [],
  savedFiles: [],
  ports: null,
};

const isPort = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536;

const isImageId = (v: unknown): v is string => typeof v === 'string' && /^sha256:[0-9a-f]{64}$/.test(v);

const isSavedFile = (v: unknown): v is SavedFile => {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f['path'] === 'string' &&
    f['path'].length > 0 &&
    Number.isSafeInteger(f['bytes']) &&
    (f['bytes'] as number) >= 0 &&
    Number.isSafeInteger(f['writtenAt']) &&
    (f['writtenAt'] as number) > 0
  );
};

/** Every committed ID kept: `committedIds`, or for progress of an earlier version its one `committedId`. */
function committedOf(d: Record<string, unknown>): string[] {
  const list = Array.isArray(d['committedIds']) ? d['committedIds'] : [d['committedId']];
  return list.filter(isImageId).reduce<string[]>(remember, []);
}

/** Appends `id` as the newest (once), keeping the newest MAX_COMMITTED. */
function remember(ids: readonly string[], id: string): string[] {
  return [...ids.filter((x) => x !== id), id].slice(-MAX_COMMITTED);
}

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
  const ports = d['ports'];
  // Only the three fields: the clean-up sends these objects to main, which takes no others.
  const saved = (Array.isArray(d['savedFiles']) ? d['savedFiles'].filter(isSavedFile) : []).map(
    ({ path, bytes, writtenAt }) => ({ path, bytes, writtenAt }),
  );
  return {
    ports:
      Array.isArray(ports) && ports.length === 2 && ports.every(isPort) && ports[0] !== ports[1]
        ? [ports[0] as number, ports[1] as number]
        : null,
    done,
    current: isLessonId(d['current']) ? d['current'] : FRESH.current,
    committedId: isImageId(d['committedId']) ? d['committedId'] : null,
    committedIds: committedOf(d),
    savedFiles: saved.reduce<SavedFile[]>(rememberFile, []),
  };
}

export const serializeProgress = (p: Progress): string => JSON.stringify(p);

/** Remembers one more committed image (the newest; an ID already kept moves to the end). */
export const rememberCommit = (p: Progress, id: string, unnamed: boolean): Progress => ({
  ...p,
  committedIds: remember(p.committedIds, id),
  ...(unnamed ? { committedId: id } : {}),
});

/** A file written again at the same path replaces what was remembered of it. */
function rememberFile(files: readonly SavedFile[], f: SavedFile): SavedFile[] {
  return [...files.filter((x) => x.path !== f.path), f].slice(-MAX_SAVED_FILES);
}

export const rememberSaved = (p: Progress, f: SavedFile): Progress => ({
  ...p,
  savedFiles: rememberFile(p.savedFiles, f),
});

/** Something a lesson left behind, reported as soon as it exists (a later step may still fail). */
export type Leftover = { committed: string; unnamed: boolean } | { savedFile: SavedFile };

export const keepLeftover = (p: Progress, l: Leftover): Progress =>
  'committed' in l ? rememberCommit(p, l.committed, l.unnamed) : rememberSaved(p, l.savedFile);

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
