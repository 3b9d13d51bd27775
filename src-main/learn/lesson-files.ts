/**
 * The archive files a lesson wrote, checked and deleted for the clean-up. Deleting a file is
 * sensitive, so a delete goes through only for a path directly inside the lessons' own folder
 * (where the app saves them, see lessonWorkDir) that is still the file the lesson wrote as far as
 * one `lstat` can tell: a regular file (not a link, not a folder), of the size the save answered,
 * not modified after the lesson's write finished. Anything else stays.
 */
import { lstat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { LessonFile, LessonFileState } from '../../src-shared/contract/learn';

/**
 * Slack for the "not modified since" check: `writtenAt` is the window's clock read after the save
 * answered, the mtime is the filesystem's (coarse on some). A same-size rewrite by hand this soon
 * after the lesson is not a case worth a stricter clock.
 */
export const MTIME_SLACK_MS = 2000;

const isMissing = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** The path, resolved, if it names an entry directly in `dir`; else null. */
function inside(dir: string, file: string): string | null {
  if (!path.isAbsolute(file)) return null;
  const target = path.resolve(file);
  return path.dirname(target) === path.resolve(dir) && path.basename(target) !== '' ? target : null;
}

async function stateAt(target: string, file: LessonFile): Promise<LessonFileState> {
  try {
    const info = await lstat(target);
    const same = info.isFile() && info.size === file.bytes && info.mtimeMs <= file.writtenAt + MTIME_SLACK_MS;
    return same ? 'same' : 'changed';
  } catch (err) {
    if (isMissing(err)) return 'gone';
    throw err;
  }
}

/** Whether `file` is still as the lesson wrote it (see the module comment). */
export async function lessonFileState(dir: string, file: LessonFile): Promise<LessonFileState> {
  const target = inside(dir, file.path);
  return target ? stateAt(target, file) : 'outside';
}

/** Deletes `file` if it is still as the lesson wrote it; else says why it stays. */
export async function removeLessonFile(
  dir: string,
  file: LessonFile,
): Promise<'removed' | Exclude<LessonFileState, 'same'>> {
  const target = inside(dir, file.path);
  if (!target) return 'outside';
  const state = await stateAt(target, file);
  if (state !== 'same') return state;
  try {
    // Should the entry have been swapped for a link since the check, unlink removes the link, never its target.
    await unlink(target);
    return 'removed';
  } catch (err) {
    if (isMissing(err)) return 'gone';
    throw err;
  }
}
