/**
 * The outer archive as the layout interpreters see it: its members by name, and a way to read a
 * small member (JSON). Whether the outer tar was read with positioned reads or streamed through
 * a decompressor is hidden behind this.
 */
import { ArchiveError } from '../model';

export interface ArchiveMember {
  name: string;
  kind: 'file' | 'symlink' | 'hardlink' | 'dir' | 'other';
  size: number;
  /** Raw link target (symlinks: relative to the member's folder; hardlinks: archive-root-relative). */
  linkname: string;
}

export interface ArchiveMembers {
  /** The archive's own name, for error messages. */
  readonly file: string;
  readonly members: ReadonlyMap<string, ArchiveMember>;
  /** Reads a small member whole; the interpreters only ask for JSON files. */
  readSmall(name: string): Promise<Buffer>;
}

/** JSON files above this are not image metadata: refuse rather than buffer them. */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;

/** Normalises a path inside the archive; null when it leaves the root. */
export function normalizeMemberPath(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** One link hop from `current` (a member path): the next path, or null when it leaves the archive. */
function linkTarget(current: string, m: ArchiveMember): string | null {
  if (m.kind === 'hardlink') return normalizeMemberPath(m.linkname);
  const dir = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
  return m.linkname.startsWith('/') ? null : normalizeMemberPath(`${dir}/${m.linkname}`);
}

/**
 * Follows symlinks and hardlinks (docker writes shared layers as `../<id>/layer.tar` symlinks,
 * podman every layer) to the regular file holding the bytes. Null when absent, outside the
 * archive or a loop.
 */
export function resolveMember(archive: ArchiveMembers, name: string): ArchiveMember | null {
  let current = normalizeMemberPath(name);
  for (let hop = 0; hop < 16 && current !== null; hop++) {
    const m = archive.members.get(current);
    if (!m) return null;
    if (m.kind === 'file') return m;
    if (m.kind === 'symlink' || m.kind === 'hardlink') current = linkTarget(current, m);
    else return null;
  }
  return null;
}

/** Why `resolveMember(archive, name)` found no file, in words for an error message. */
export function whyUnresolved(archive: ArchiveMembers, name: string): string {
  let current = normalizeMemberPath(name);
  if (current === null) return 'the path leads outside the archive';
  for (let hop = 0; hop < 16; hop++) {
    const m = archive.members.get(current);
    if (!m) return hop === 0 ? 'not in the archive' : `a link to ${current}, which is not in the archive`;
    if (m.kind === 'file') return 'a regular file';
    if (m.kind !== 'symlink' && m.kind !== 'hardlink') return `a ${m.kind === 'dir' ? 'directory' : 'special file'}, not a file`;
    const next = linkTarget(current, m);
    if (next === null) return `a ${m.kind} to ${m.linkname}, outside the archive: not followed`;
    current = next;
  }
  return 'a loop of links';
}

export async function readJsonMember(archive: ArchiveMembers, name: string): Promise<unknown> {
  const m = resolveMember(archive, name);
  if (!m) {
    const why = whyUnresolved(archive, name);
    throw new ArchiveError(archive.file, `${name} is referenced but not in the archive${why === 'not in the archive' ? '' : ` (${why})`}`);
  }
  if (m.size > MAX_JSON_BYTES) throw new ArchiveError(archive.file, `${name} is ${m.size} bytes: too large for image metadata`);
  const bytes = await archive.readSmall(m.name);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new ArchiveError(archive.file, `${name} is not valid JSON (${oneLine((err as Error).message)})`);
  }
}

/**
 * Untrusted text (names from the archive, V8's JSON.parse messages, which quote the offending
 * bytes, newlines included) made fit for a one-line reason: control characters and line
 * separators escaped as `\xNN` / `\uNNNN`, at most `max` characters.
 */
export function oneLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const s = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** Path of a content-addressed blob in an OCI layout: `blobs/<alg>/<hex>`. */
export function blobPathFor(digest: string): string | null {
  const m = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/.exec(digest);
  return m ? `blobs/${m[1]}/${m[2]}` : null;
}
