/**
 * What a save asks the engine for: the refs as given, plus every tag of each whole repository,
 * and an estimate of the archive size (the sum of the distinct images' sizes; shared layers are
 * written once, so it is an upper bound) for the progress bar.
 */
import type { ImageSummary } from '../../../src-shared/dto';
import { parseImageReference } from '../../../src-shared/image-reference';
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { listImages } from '../images';

export interface SaveSelection {
  names: string[];
  estimatedBytes: number;
}

/** `registry/repository` in canonical form, so `busybox` matches `docker.io/library/busybox:1`. */
function canonicalRepo(nameOrTag: string): string | null {
  try {
    const r = parseImageReference(nameOrTag);
    return `${r.registry}/${r.repository}`;
  } catch {
    return null;
  }
}

const tagRepo = (tag: string): string => tag.slice(0, tag.lastIndexOf(':'));

/** Finds the image a ref names in the list: by tag, full ID, or ID prefix. */
function findImage(images: readonly ImageSummary[], ref: string): ImageSummary | undefined {
  const id = ref.startsWith('sha256:') ? ref : `sha256:${ref}`;
  if (/^sha256:[0-9a-f]{4,64}$/.test(id)) {
    const hit = images.find((i) => i.id.startsWith(id));
    if (hit) return hit;
  }
  const familiar = (() => {
    try {
      return parseImageReference(ref).familiar;
    } catch {
      return ref;
    }
  })();
  return images.find((i) => i.repoTags.includes(ref) || i.repoTags.includes(familiar));
}

export function selectForSave(
  images: readonly ImageSummary[],
  refs: readonly string[],
  repositories: readonly string[],
): SaveSelection {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const add = (name: string, img: ImageSummary | undefined): void => {
    if (!names.includes(name)) names.push(name);
    if (img) ids.set(img.id, img.size);
  };
  for (const ref of refs) add(ref, findImage(images, ref));
  for (const repo of repositories) {
    const want = canonicalRepo(repo);
    if (!want) throw new AppError('INVALID_ARGUMENT', `"${repo}" is not a repository name`);
    const before = names.length;
    for (const img of images) {
      for (const tag of img.repoTags) if (canonicalRepo(tagRepo(tag)) === want) add(tag, img);
    }
    if (
      names.length === before &&
      !images.some((i) => i.repoTags.some((t) => canonicalRepo(tagRepo(t)) === want))
    ) {
      throw new AppError('NOT_FOUND', `No local image is tagged in repository ${repo}`);
    }
  }
  if (names.length === 0)
    throw new AppError('INVALID_ARGUMENT', 'Nothing to save: no image or repository selected');
  let estimatedBytes = 0;
  for (const size of ids.values()) estimatedBytes += size;
  return { names, estimatedBytes };
}

export async function resolveSaveSelection(
  docker: EngineClient,
  refs: readonly string[],
  repositories: readonly string[],
): Promise<SaveSelection> {
  const images = await listImages(docker, { includeDangling: true });
  return selectForSave(images, refs, repositories);
}
