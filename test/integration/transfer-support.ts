/** Helpers for the transfer integration tests: the docker CLI for fixtures, archive inspection with GNU tar. */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const DOCKER_CLI = '/usr/bin/docker';

export const uniqueName = (what: string): string =>
  `strata-it-transfer-${what}-${randomBytes(4).toString('hex')}`;

export async function docker(host: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec(DOCKER_CLI, ['-H', host, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** Like `docker`, but never throws (cleanup paths). */
export function dockerQuiet(host: string, ...args: string[]): void {
  spawnSync(DOCKER_CLI, ['-H', host, ...args], { stdio: 'ignore' });
}

export async function tarList(file: string): Promise<string[]> {
  const { stdout } = await exec('tar', ['-tf', file], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter(Boolean);
}

async function tarCat(file: string, member: string): Promise<string> {
  const { stdout } = await exec('tar', ['-xOf', file, member], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Every image in a docker-archive: its tags and the diffIDs its config lists. */
export async function archiveImages(file: string): Promise<{ tags: string[]; diffIds: string[] }[]> {
  const manifest = JSON.parse(await tarCat(file, 'manifest.json')) as {
    Config: string;
    RepoTags: string[] | null;
  }[];
  const out = [];
  for (const m of manifest) {
    const config = JSON.parse(await tarCat(file, m.Config)) as { rootfs: { diff_ids: string[] } };
    out.push({ tags: m.RepoTags ?? [], diffIds: config.rootfs.diff_ids });
  }
  return out;
}

export const diffIdSet = (images: { diffIds: string[] }[]): string[] =>
  [...new Set(images.flatMap((i) => i.diffIds))].sort();

/** Files in `dir` that are leftovers of an atomic write. */
export async function partialFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.includes('.strata-') || f.endsWith('.partial'));
}

/** Imports an image of one layer holding `mb` MiB of random bytes (incompressible) plus the busybox binary. */
export async function importRandomImage(host: string, dir: string, ref: string, mb: number): Promise<void> {
  const root = join(dir, `rootfs-${randomBytes(3).toString('hex')}`);
  await mkdir(join(root, 'data'), { recursive: true });
  const chunk = 4 * 1024 * 1024;
  const parts: Buffer[] = [];
  for (let left = mb * 1024 * 1024; left > 0; left -= chunk) parts.push(randomBytes(Math.min(chunk, left)));
  await writeFile(join(root, 'data', 'random.bin'), Buffer.concat(parts));
  await exec(
    'sh',
    [
      '-c',
      `tar -C '${root}' --numeric-owner -c . | '${DOCKER_CLI}' -H '${host}' import - '${ref}' && rm -rf '${root}'`,
    ],
    {
      maxBuffer: 1024 * 1024,
    },
  );
}
