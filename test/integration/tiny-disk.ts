/**
 * Small tmpfs mounts for the write-failure tests: a disk that fills up after a few KiB (ENOSPC)
 * and a read-only one (EROFS), both real file systems. Mounting needs root, as the test bed's
 * private dockerd already does. Each mount lives in its own temp dir, removed by `remove()`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TinyDisk {
  dir: string;
  remove(): void;
}

export function mountTinyDisk(opts: { kib: number; readOnly?: boolean }): TinyDisk {
  const dir = mkdtempSync(join(tmpdir(), 'strata-it-tiny-disk-'));
  const options = [`size=${opts.kib}k`, ...(opts.readOnly ? ['ro'] : [])].join(',');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot mount a ${opts.kib} KiB tmpfs on ${dir} (root needed)`, { cause: err });
  }
  return {
    dir,
    remove() {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
