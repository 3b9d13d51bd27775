/**
 * Local files the user hands to the window (drop or file picker). Only the main process reads
 * them, so the window needs their path: Electron gives it through the preload
 * (`webUtils.getPathForFile`), the e2e harness through a name -> path map.
 */

/** Names the analyzer accepts: tar, optionally compressed (it sniffs the bytes; the name only guides the user). */
export const ARCHIVE_EXTENSIONS = ['.tar', '.tar.gz', '.tgz', '.tar.xz', '.tar.bz2', '.tar.zst'] as const;

/** What an `<input type=file accept>` takes. */
export const ARCHIVE_ACCEPT = ARCHIVE_EXTENSIONS.join(',');

export function isArchiveName(name: string): boolean {
  const lower = name.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** The absolute path of a dropped or picked file, or null when the window cannot know it. */
export function pathForFile(file: File): string | null {
  const path = window.api.getPathForFile(file);
  return path === '' ? null : path;
}

/** The first archive-looking file of a drop or a pick, else the first file (the analyzer gives the reason). */
export function pickArchiveFile(files: FileList | readonly File[] | null | undefined): File | null {
  if (!files || files.length === 0) return null;
  const list = Array.from(files);
  return list.find((f) => isArchiveName(f.name)) ?? list[0] ?? null;
}
