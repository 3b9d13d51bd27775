/** What a Save dialog asks the engine for: chosen tags and IDs, and whole repositories. */
import type { ImageSummary } from '../../../src-shared/dto';

/** `strata-e2e/img:t1` -> `strata-e2e/img`; the registry's port colon is not a tag colon. */
export const repositoryOf = (tag: string): string => {
  const at = tag.lastIndexOf(':');
  return at > tag.lastIndexOf('/') ? tag.slice(0, at) : tag;
};

/** The repositories the images' tags belong to, sorted, once each. */
export const repositoriesOf = (images: readonly ImageSummary[]): string[] =>
  [...new Set(images.flatMap((i) => i.repoTags.map(repositoryOf)))].sort();

export interface SaveRequest {
  refs: string[];
  repositories: string[];
}

/**
 * Tags the user kept, minus those a chosen repository already covers, plus the ID of each
 * untagged image (saved without a name: it loads back as `<none>`).
 */
export function saveRequest(
  images: readonly ImageSummary[],
  chosenTags: ReadonlySet<string>,
  wholeRepos: ReadonlySet<string>,
): SaveRequest {
  const refs: string[] = [];
  for (const img of images) {
    if (img.repoTags.length === 0) refs.push(img.id);
    for (const t of img.repoTags) if (chosenTags.has(t) && !wholeRepos.has(repositoryOf(t))) refs.push(t);
  }
  return { refs, repositories: [...wholeRepos].sort() };
}

/** A file name for the archive: the first repository or name to save, made safe, with the right extension. */
export function defaultArchiveName(request: SaveRequest, gzip: boolean): string {
  const names = [...request.repositories, ...request.refs];
  const first = names[0]?.replace(/^sha256:/, '').slice(0, 64) ?? 'images';
  const base = first.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'images';
  return `${base}${names.length > 1 ? `-and-${names.length - 1}-more` : ''}${gzip ? '.tar.gz' : '.tar'}`;
}

/** Swaps `.tar` <-> `.tar.gz` at the end of a typed path when the gzip toggle changes. */
export function withArchiveExtension(path: string, gzip: boolean): string {
  if (gzip) return /\.tar$/i.test(path) ? `${path}.gz` : path;
  return path.replace(/\.(tar\.gz|tgz)$/i, '.tar');
}
