/**
 * What "Clean up what the lessons made" removes, decided from the engine's lists. Pure.
 *
 * Only objects the lessons name exactly count: their three containers (by name), the tutorial's
 * four tags (by reference; untagging removes that name only, and the image with it when it was its
 * last), and the one unnamed image lesson 8 committed (by the ID the progress kept, and only while
 * it is still unnamed: a name the user gave it makes it theirs). The images the lessons start from
 * (the sample busybox and web images) are never part of it, whatever they are tagged.
 */
import type { ContainerSummary } from '../../../src-shared/containers-dto';
import type { ImageSummary } from '../../../src-shared/dto';
import { HTTPD, HTTPD2, LATEST, TMP1, V1, V2, WEB1 } from './learn-names';

export const LESSON_CONTAINERS: readonly string[] = [WEB1, HTTPD, HTTPD2];
export const LESSON_TAGS: readonly string[] = [V1, LATEST, V2, TMP1];

/** One thing to remove, in the order it must go: containers first (they hold their images). */
export type CleanupItem =
  | { kind: 'container'; name: string; id: string; state: string }
  | { kind: 'tag'; ref: string; imageId: string; lastName: boolean }
  | { kind: 'image'; id: string };

/** What became of one item. */
export type CleanupResult =
  { status: 'removed'; deletedImage: boolean } | { status: 'gone' } | { status: 'error'; message: string };

const bareId = (id: string): string => id.replace(/^sha256:/, '');

/** The lesson-made objects present in the engine, containers then tags then the committed image. */
export function planCleanup(
  containers: readonly ContainerSummary[],
  images: readonly ImageSummary[],
  committedId: string | null,
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
  const committed = committedId
    ? images.find((i) => bareId(i.id) === bareId(committedId) && i.repoTags.length === 0)
    : undefined;
  if (committed) items.push({ kind: 'image', id: committed.id });
  return items;
}

/** A stable key for an item (React lists, result maps, test ids). */
export const itemKey = (item: CleanupItem): string =>
  item.kind === 'container'
    ? `container:${item.name}`
    : item.kind === 'tag'
      ? `tag:${item.ref}`
      : `image:${item.id}`;

/** A failed removal: an item already gone (NOT_FOUND) is what the user wanted, not an error. */
export const failureResult = (code: string | undefined, message: string): CleanupResult =>
  code === 'NOT_FOUND' ? { status: 'gone' } : { status: 'error', message };

/** Whether every item was removed or found gone. */
export const allClean = (results: readonly (CleanupResult | undefined)[]): boolean =>
  results.every((r) => r !== undefined && r.status !== 'error');
