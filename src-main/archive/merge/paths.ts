/**
 * Path handling for the layer merge: splitting raw tar paths into components, spotting whiteout
 * names, and refusing hostile shapes. Everything here works on the model's raw strings (one char
 * per byte), so non-UTF-8 names round-trip exactly.
 *
 * The rule for hostile input is "never resolve outside the image root": a path with a `..`
 * component is refused outright (not lexically cleaned), because cleaning `a/../../etc` would
 * silently turn an escape attempt into a plausible-looking path. Refusals become warnings.
 */
import { rawPath } from '../model';
import { type PathIndex } from './path-index';

/** OCI layer.md: `dir/.wh.NAME` deletes NAME from the layers below. */
export const WHITEOUT_PREFIX = '.wh.';
/** OCI layer.md: `dir/.wh..wh..opq` hides every lower child of dir. */
export const OPAQUE_MARKER = '.wh..wh..opq';
/** aufs bookkeeping names (`.wh..wh.plnk`, `.wh..wh.orph`, ...): never part of the filesystem. */
export const WHITEOUT_META_PREFIX = '.wh..wh.';

export type NameKind = 'plain' | 'whiteout' | 'opaque' | 'whiteout-meta';

export function nameKind(name: string): NameKind {
  if (!name.startsWith(WHITEOUT_PREFIX)) return 'plain';
  if (name === OPAQUE_MARKER) return 'opaque';
  if (name.startsWith(WHITEOUT_META_PREFIX)) return 'whiteout-meta';
  return 'whiteout';
}

/** Why a path was refused. */
export type PathProblem = 'dot-dot' | 'whiteout-in-directory' | 'whiteout-meta';

/** Chars above 0xFF mean a caller decoded the name; re-encode so the byte view stays exact. */
const NOT_RAW = /[\u0100-\uffff]/;

export const toRaw = (path: string): string => (NOT_RAW.test(path) ? rawPath(path) : path);

/**
 * Splits a path into components, tolerating what normalisation should already have removed
 * (leading `/` or `./`, `//`, trailing `/`, `.` components), and refusing `..`.
 */
export function splitPath(path: string): string[] | PathProblem {
  const parts: string[] = [];
  for (const part of toRaw(path).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return 'dot-dot';
    parts.push(part);
  }
  return parts;
}

/**
 * A whiteout name used as a directory is not a layout any tool writes, except aufs' own
 * bookkeeping directories (`.wh..wh.plnk/...`), which are never part of the filesystem either.
 */
function whiteoutDirectory(parts: readonly string[]): PathProblem | null {
  for (const part of parts) {
    if (part.startsWith(WHITEOUT_META_PREFIX)) return 'whiteout-meta';
    if (part.startsWith(WHITEOUT_PREFIX)) return 'whiteout-in-directory';
  }
  return null;
}

/** Where an entry lives: its interned parent directory and its own name ('' with parent -1: root). */
export interface EntryLocation {
  parentId: number;
  name: string;
}

/**
 * Interns the parent directories of entry paths. Tar entries come grouped by directory, so the
 * last directory is cached: most entries cost one string compare instead of a component walk.
 */
export class PathResolver {
  private lastDir: string | null = null;
  private lastDirId = 0;

  constructor(readonly index: PathIndex) {}

  locate(rawInput: string): EntryLocation | PathProblem {
    const path = toRaw(rawInput);
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    if (name !== '' && name !== '.' && name !== '..') {
      // Compared in place: the directory is only sliced out when it changes.
      const last = this.lastDir;
      if (last !== null && (slash < 0 ? last === '' : slash === last.length && path.startsWith(last)))
        return { parentId: this.lastDirId, name };
      const dir = slash < 0 ? '' : path.slice(0, slash);
      const parts = splitPath(dir);
      if (typeof parts === 'string') return parts;
      const problem = whiteoutDirectory(parts);
      if (problem !== null) return problem;
      this.lastDir = dir;
      this.lastDirId = this.index.internParts(parts);
      return { parentId: this.lastDirId, name };
    }
    // Unusual shapes (trailing '/', '.' or '..' last): take the slow, fully checked route.
    const parts = splitPath(path);
    if (typeof parts === 'string') return parts;
    const last = parts.pop();
    if (last === undefined) return { parentId: -1, name: '' };
    const problem = whiteoutDirectory(parts);
    if (problem !== null) return problem;
    return { parentId: this.index.internParts(parts), name: last };
  }
}

/** Looks a path up without interning anything: -1 when unknown or refused. */
export function lookupPath(index: PathIndex, path: string): number {
  const parts = splitPath(path);
  return typeof parts === 'string' ? -1 : index.lookupParts(parts);
}
