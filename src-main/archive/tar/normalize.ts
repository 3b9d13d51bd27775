/**
 * Tar path normalisation. Writers disagree on spelling the same path (`./usr/bin`, `usr/bin/`,
 * `/usr//bin`), and layers are merged by path, so every name goes through here once.
 *
 * `..` is never resolved: a lexical resolution could turn `a/../../etc` into something that
 * looks inside the image root while the archive meant to escape it. Such paths are kept with
 * their `..` components and flagged, and the callers decide what to do with them.
 */

export interface NormalizedPath {
  /** Raw path (one char per byte) without leading `./` or `/`, `//`, `.` components or a trailing `/`. */
  path: string;
  /** True when a `..` component is present (kept in `path` as written). */
  hostile: boolean;
}

/** Normalises a raw tar name; the root (`./`, `/`, `.`) becomes ''. */
export function normalizeTarPath(raw: string): NormalizedPath {
  // Fast path for the common case (builder layers write bare names): nothing to change.
  if (
    raw.length > 0 &&
    raw.charCodeAt(0) !== 0x2f &&
    raw !== '.' &&
    !raw.startsWith('./') &&
    !raw.endsWith('/') &&
    !raw.endsWith('/.') &&
    !raw.includes('//') &&
    !raw.includes('/./') &&
    !raw.includes('..')
  ) {
    return { path: raw, hostile: false };
  }
  const out: string[] = [];
  let hostile = false;
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') hostile = true;
    out.push(part);
  }
  return { path: out.join('/'), hostile };
}
