/**
 * What "Clean up what the lessons made" removes, decided from the engine's lists and the state of
 * the files the lessons wrote. Pure.
 *
 * Only objects the lessons name exactly count: their three containers (by name), the tutorial's
 * four tags (by reference; untagging removes that name only, and the image with it when it was its
 * last), the images lesson 8 committed, two per run (by the IDs the progress kept, and only
 * while unnamed: the v2 one loses its name to the next run; a name the user gave one makes it theirs), and the archives lesson 12 wrote
 * (by the paths the progress kept; main deletes one only while it is still the file written, and
 * a changed one is listed as kept). The images the lessons start from (the sample busybox and web
 * images) are never part of it, whatever they are tagged.
 */
import type { LessonFileState } from '../../../src-shared/contract/learn';
import type { ContainerSummary } from '../../../src-shared/containers-dto';
import type { ImageSummary } from '../../../src-shared/dto';
import { HTTPD, HTTPD2, LATEST, TMP1, V1, V2, WEB1 } from './learn-names';
import type { SavedFile } from './progress';

export const LESSON_CONTAINERS: readonly string[] = [WEB1, HTTPD, HTTPD2];
export const LESSON_TAGS: readonly string[] = [V1, LATEST, V2, TMP1];

/** One thing to remove, in the order it must go: containers first (they hold their images). */
export type CleanupItem =
  | { kind: 'container'; name: string; id: string; state: string }
  | { kind: 'tag'; ref: string; imageId: string; lastName: boolean }
  | { kind: 'image'; id: string }
  /** `same`: to delete; `changed`/`outside`: listed so the user sees it stays. */
  | { kind: 'file'; file: SavedFile; state: Exclude<LessonFileState, 'gone'> };

/** What became of one item (`kept`: a file no longer the one the lesson wrote). */
export type CleanupResult =
  | { status: 'removed'; deletedImage: boolean }
  | { status: 'gone' }
  | { status: 'kept' }
  | { status: 'error'; message: string };

/** A file a lesson wrote, with what main says of it now. */
export interface FileCheck {
  file: SavedFile;
  state: LessonFileState;
}

const bareId = (id: string): string => id.replace(/^sha256:/, '');

/** The committed images still present and still unnamed, in the order they were committed. */
function committedImages(images: readonly ImageSummary[], committedIds: readonly string[]): CleanupItem[] {
  const wanted = new Set(committedIds.map(bareId));
  const unnamed = images.filter((i) => i.repoTags.length === 0 && wanted.has(bareId(i.id)));
  const order = [...wanted];
  return unnamed
    .sort((a, b) => order.indexOf(bareId(a.id)) - order.indexOf(bareId(b.id)))
    .map((i) => ({ kind: 'image', id: i.id }));
}

/** The lesson-made objects present: containers, then tags, then committed images, then files. */
export function planCleanup(
  containers: readonly ContainerSummary[],
  images: readonly ImageSummary[],
  committedIds: readonly string[],
  files: readonly FileCheck[] = [],
): CleanupItem[] {
  const items: CleanupItem[] = [];
  for (const name of LESSON_CONTAINERS) {
    const c = containers.find((x) => x.name === name);
    if (c) items.push({ kind: 'container', name, id: c.id, state: c.state });
  }
  for (const ref of LESSON_TAGS) {
    const image = images.find((i) => i.repoTags.includes(ref));
    if (image)
      items.push({
        kind: 'tag',
        ref,
        imageId: image.id,
        lastName: image.repoTags.every((t) => LESSON_TAGS.includes(t)),
      });
  }
  items.push(...committedImages(images, committedIds));
  for (const { file, state } of files) if (state !== 'gone') items.push({ kind: 'file', file, state });
  return items;
}

/** Whether the clean-up removes the item (a changed or outside file is only shown). */
export const removable = (item: CleanupItem): boolean => item.kind !== 'file' || item.state === 'same';

/** A stable key for an item (React lists, result maps, test ids). */
export const itemKey = (item: CleanupItem): string => {
  switch (item.kind) {
    case 'container':
      return `container:${item.name}`;
    case 'tag':
      return `tag:${item.ref}`;
    case 'image':
      return `image:${item.id}`;
    case 'file':
      return `file:${item.file.path}`;
  }
};

/** A failed removal: an item already gone (NOT_FOUND) is what the user wanted, not an error. */
export const failureResult = (code: string | undefined, message: string): CleanupResult =>
  code === 'NOT_FOUND' ? { status: 'gone' } : { status: 'error', message };

/** Whether every item was removed, found gone or deliberately kept. */
export const allClean = (results: readonly (CleanupResult | undefined)[]): boolean =>
  results.every((r) => r !== undefined && r.status !== 'error');

/** Whether some file was kept because it changed (the summary says so). */
export const anyKept = (results: readonly (CleanupResult | undefined)[]): boolean =>
  results.some((r) => r?.status === 'kept');
