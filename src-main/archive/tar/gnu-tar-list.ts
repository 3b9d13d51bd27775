/**
 * Test helper (imported only by tests): lists an archive with GNU tar, the independent oracle
 * our parser and the test tar builder are checked against. GNU tar runs with the C locale, UTC
 * and `--quoting-style=escape`, so raw name bytes come back as octal escapes we can decode.
 */
import { spawnSync } from 'node:child_process';
import { normalizeTarPath } from './normalize';

export interface GnuListing {
  /** GNU's type letter: - d l h c b p ... */
  typeChar: string;
  mode: string;
  uid: number;
  gid: number;
  /** Size column (0 for devices, whose column holds major,minor). */
  size: number;
  devmajor: number;
  devminor: number;
  /** `YYYY-MM-DD HH:MM:SS` in UTC. */
  time: string;
  /** Raw name (latin1 string), normalised like our paths. */
  path: string;
  /** Raw link target: normalised for hardlinks, as written for symlinks; '' otherwise. */
  link: string;
}

export function gnuTarAvailable(): boolean {
  const r = spawnSync('tar', ['--version'], { encoding: 'latin1' });
  return r.status === 0 && r.stdout.includes('GNU tar');
}

/** Decodes GNU's escape quoting (\ooo, \\, \n, \t, ...) back to a raw latin1 string. */
function unescape(s: string): string {
  const simple: Record<string, string> = {
    '\\': '\\',
    n: '\n',
    t: '\t',
    r: '\r',
    f: '\f',
    v: '\v',
    b: '\b',
    a: '\x07',
    ' ': ' ',
  };
  return s.replace(/\\([0-7]{3}|.)/g, (_, e: string) =>
    e.length === 3 ? String.fromCharCode(parseInt(e, 8)) : (simple[e] ?? e),
  );
}

const LINE =
  /^(\S)(\S{9})\s+(\d+)\/(\d+)\s+(\d+|\d+,\s*\d+)\s+(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.\d+)?\s+(.*)$/;

/**
 * Runs `tar -tv` on `file`; throws with GNU's stderr when it fails. The time column is padded
 * when some entries have fractional times, so names starting with spaces cannot be told apart.
 */
export function gnuTarList(file: string): GnuListing[] {
  const r = spawnSync(
    'tar',
    ['--list', '--verbose', '--numeric-owner', '--full-time', '--quoting-style=escape', '-f', file],
    { encoding: 'latin1', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' }, maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error(`tar -tvf ${file} failed (${r.status}): ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const m = LINE.exec(line);
      if (!m) throw new Error(`cannot parse GNU tar listing line: ${line}`);
      const [, typeChar, mode, uid, gid, sizeCol, time, rest] = m as unknown as string[];
      let name = rest!;
      let link = '';
      const arrow =
        typeChar === 'l' ? name.indexOf(' -> ') : typeChar === 'h' ? name.indexOf(' link to ') : -1;
      if (arrow >= 0) {
        link = unescape(name.slice(arrow + (typeChar === 'l' ? 4 : 9)));
        name = name.slice(0, arrow);
      }
      const dev = sizeCol!.includes(',') ? sizeCol!.split(',').map((x) => Number(x.trim())) : null;
      return {
        // GNU shows contiguous files as 'C': they are regular files to every reader, ours included.
        typeChar: typeChar === 'C' ? '-' : typeChar!,
        mode: mode!,
        uid: Number(uid),
        gid: Number(gid),
        size: dev ? 0 : Number(sizeCol),
        devmajor: dev?.[0] ?? 0,
        devminor: dev?.[1] ?? 0,
        time: time!,
        path: normalizeTarPath(unescape(name)).path,
        link: typeChar === 'h' ? normalizeTarPath(link).path : link,
      };
    });
}

const TYPE_CHARS: Record<string, string> = {
  file: '-',
  dir: 'd',
  symlink: 'l',
  hardlink: 'h',
  chardev: 'c',
  blockdev: 'b',
  fifo: 'p',
};

/** Our entries in GNU listing form, for a deep comparison with `gnuTarList`. */
export function asGnuListing(e: {
  path: string;
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkname: string;
  devmajor: number;
  devminor: number;
}): Omit<GnuListing, 'mode'> {
  const time = new Date(Math.floor(e.mtime) * 1000).toISOString().replace('T', ' ').slice(0, 19);
  return {
    typeChar: TYPE_CHARS[e.type] ?? '?',
    uid: e.uid,
    gid: e.gid,
    size: e.size,
    devmajor: e.devmajor,
    devminor: e.devminor,
    time,
    path: e.path,
    link: e.linkname,
  };
}
