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
  // Fast path (every entry goes through here): strip the leading `./` and `/` that base layers
  // write, a trailing `/`, and return the rest when it has no `//`, `/.` or leading `.`.
  let start = 0;
  for (;;) {
    const c = raw.charCodeAt(start);
    if (c === 0x2f) start++;
    else if (c === 0x2e && raw.charCodeAt(start + 1) === 0x2f) start += 2;
    else break;
  }
  let end = raw.length;
  while (end > start && raw.charCodeAt(end - 1) === 0x2f) end--;
  const s = start === 0 && end === raw.length ? raw : raw.slice(start, end);
  if (s.charCodeAt(0) !== 0x2e && !s.includes('//') && !s.includes('/.')) return { path: s, hostile: false };
  const out: string[] = [];
  let hostile = false;
  for (const part of s.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') hostile = true;
    out.push(part);
  }
  return { path: out.join('/'), hostile };
}
