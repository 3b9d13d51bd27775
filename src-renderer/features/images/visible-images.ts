import type { ImageSummary } from '../../../src-shared/dto';
import type { ImageSort } from '../../store/images-slice';

/** The first name an image is listed under: its first tag, or `<none>` with a short ID. */
export const displayName = (img: ImageSummary): string => img.repoTags[0] ?? `<none> ${shortId(img.id)}`;
export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** Filter by tag or ID substring, then sort; a pure function so it is unit-tested. */
export function visibleImages(
  images: readonly ImageSummary[],
  filter: string,
  sort: ImageSort,
): ImageSummary[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle
    ? images.filter(
        (img) => img.id.includes(needle) || img.repoTags.some((t) => t.toLowerCase().includes(needle)),
      )
    : [...images];
  const byName = (a: ImageSummary, b: ImageSummary): number => displayName(a).localeCompare(displayName(b));
  switch (sort) {
    case 'size':
      return kept.sort((a, b) => b.size - a.size || byName(a, b));
    case 'created':
      return kept.sort((a, b) => b.created - a.created || byName(a, b));
    case 'name':
      return kept.sort(byName);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** How `age` words its answer: the images catalog gives English or Chinese. */
export interface AgeWords {
  justNow: string;
  ago: (n: number, unit: string) => string;
  /** Six units, space-separated: seconds, minutes, hours, days, months, years. */
  units: string;
}
const ENGLISH_AGE: AgeWords = {
  justNow: 'just now',
  ago: (n, u) => `${n} ${u} ago`,
  units: 's min h d mo y',
};

/** "3 d ago": enough to compare images; the exact time is in the tooltip. */
export function age(ms: number, words: AgeWords = ENGLISH_AGE, now = Date.now()): string {
  const sizes = [60, 60, 24, 30, 12, Infinity];
  const units = words.units.split(' ');
  let v = Math.max(0, (now - ms) / 1000);
  for (const [i, size] of sizes.entries()) {
    if (v < size) return i === 0 ? words.justNow : words.ago(Math.floor(v), units[i] ?? '');
    v /= size;
  }
  return '';
}
