/** Save and load against the real engine: one tar for tags + a repository, gzip, cancel, every compression, OCI. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { saveImagesToFile } from '../../src-main/docker/transfer/save-images';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import type { EventPayload } from '../../src-shared/ipc-contract';
import { testbedFromEnv } from '../support/testbed-env';
import {
  archiveImages,
  diffIdSet,
  docker,
  dockerQuiet,
  partialFiles,
  tarList,
  uniqueName,
} from './transfer-support';

const exec = promisify(execFile);
const testbed = testbedFromEnv();
const host = testbed.dockerHost;
const engine = createEngineClient(host);
const events = new EventHub();
const api = createMainApi({ engine: () => engine, events, checkResults: true });
const progress: EventPayload<'jobProgress'>[] = [];
events.subscribe((name, payload) => {
  if (name === 'jobProgress') progress.push(payload as EventPayload<'jobProgress'>);
});

const prefix = uniqueName('arch');
const tagA = `${prefix}/one:a`;
const tagB = `${prefix}/one:b`;
const repo = `${prefix}/repo`;
const repoTags = [`${repo}:x`, `${repo}:y`];
const ociTag = `${prefix}/oci:1.0`;
const allTags = [tagA, tagB, ...repoTags];
let dir: string;
let plainTar: string;

const tagsOf = async (ref: string): Promise<string[]> =>
  (await engine.getImage(ref).inspect()).RepoTags as string[];
const removeTags = async (tags: string[]): Promise<void> => {
  for (const t of tags) await engine.getImage(t).remove({ noprune: true });
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-it-transfer-'));
  await docker(host, 'tag', testbed.images.layers, tagA);
  await docker(host, 'tag', testbed.images.base, tagB);
  await docker(host, 'tag', testbed.images.committed, repoTags[0]!);
  await docker(host, 'tag', testbed.images.layers, repoTags[1]!);
});

afterAll(async () => {
  for (const t of [...allTags, ociTag]) dockerQuiet(host, 'rmi', '--no-prune', t);
  await rm(dir, { recursive: true, force: true });
});

describe('saveImages', () => {
  it('saves two tags and a whole repository into one tar, the same image content as docker save', async () => {
    plainTar = join(dir, 'images.tar');
    progress.length = 0;
    const { result, error } = await api.saveImages({
      refs: [tagA, tagB],
      repositories: [repo],
      destPath: plainTar,
      jobId: 'save-plain',
    });
    expect(error).toBeUndefined();
    expect(result?.images.sort()).toEqual([...allTags].sort());
    expect(result?.bytes).toBe((await stat(plainTar)).size);
    const names = await tarList(plainTar);
    expect(names).toContain('manifest.json');
    expect(names).toContain('repositories');
    const ours = await archiveImages(plainTar);
    expect(ours.flatMap((i) => i.tags).sort()).toEqual([...allTags].sort());
    const reference = join(dir, 'docker-save.tar');
    await docker(host, 'save', '-o', reference, ...allTags);
    expect(diffIdSet(ours)).toEqual(diffIdSet(await archiveImages(reference)));
    const mine = progress.filter((p) => p.jobId === 'save-plain');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.at(-1)).toMatchObject({ phase: 'save', bytesDone: result!.bytes, bytesTotal: result!.bytes });
    expect(await partialFiles(dir)).toEqual([]);
  });

  it('saves gzip-compressed, and the file is a valid gzip tar of the same images', async () => {
    const gz = join(dir, 'images.tar.gz');
    const { result, error } = await api.saveImages({
      refs: [tagA],
      repositories: [repo],
      destPath: gz,
      gzip: true,
      jobId: 'save-gz',
    });
    expect(error).toBeUndefined();
    expect(result?.bytes).toBe((await stat(gz)).size);
    await exec('gzip', ['-t', gz]);
    const images = await archiveImages(gz);
    expect(images.flatMap((i) => i.tags).sort()).toEqual([tagA, ...repoTags].sort());
  });

  it('cancelled mid-save leaves neither the file nor a temp file', async () => {
    const dest = join(dir, 'cancelled.tar');
    let cancelled = false;
    const off = events.subscribe((name, p) => {
      const payload = p as EventPayload<'jobProgress'>;
      if (name === 'jobProgress' && payload.jobId === 'save-cancel' && !cancelled) {
        cancelled = true;
        void api.cancelJob({ jobId: 'save-cancel' });
      }
    });
    const { error } = await api.saveImages({ refs: allTags, destPath: dest, jobId: 'save-cancel' });
    off();
    expect(cancelled).toBe(true);
    expect(error?.code).toBe('CANCELLED');
    expect(existsSync(dest)).toBe(false);
    expect(await partialFiles(dir)).toEqual([]);
  });

  it('cancelled by its signal right after the start, directly through saveImagesToFile', async () => {
    const dest = join(dir, 'cancelled2.tar');
    const c = new AbortController();
    const p = saveImagesToFile(engine, {
      names: [tagA],
      destPath: dest,
      signal: c.signal,
      onProgress: () => c.abort(),
    });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(dest)).toBe(false);
    expect(await partialFiles(dir)).toEqual([]);
  });

  it('answers NOT_FOUND for an image the engine does not have, and writes nothing', async () => {
    const dest = join(dir, 'missing.tar');
    const { error } = await api.saveImages({
      refs: [`${prefix}/nope:1`],
      destPath: dest,
      jobId: 'save-missing',
    });
    expect(error?.code).toBe('NOT_FOUND');
    expect(existsSync(dest)).toBe(false);
    expect(await partialFiles(dir)).toEqual([]);
  });
});

describe('loadImages', () => {
  const compressions: [string, string[] | null][] = [
    ['plain', null],
    ['gzip', ['gzip', '-c']],
    ['bzip2', ['bzip2', '-c']],
    ['xz', ['xz', '-T1', '-c']],
    ['zstd', ['zstd', '-q', '-c']],
  ];
  for (const [label, cmd] of compressions) {
    it(`loads a ${label} archive back: the removed tags return`, async () => {
      let file = plainTar;
      if (cmd) {
        file = join(dir, `images.tar.${label}`);
        await exec('sh', ['-c', `${cmd.join(' ')} '${plainTar}' > '${file}'`]);
      }
      await removeTags(allTags);
      await expect(tagsOf(tagA)).rejects.toThrow();
      progress.length = 0;
      const { result, error } = await api.loadImages({ path: file, jobId: `load-${label}` });
      expect(error).toBeUndefined();
      expect(result?.converted).toBe(false);
      expect(result?.loaded.sort()).toEqual([...allTags].sort());
      expect(await tagsOf(tagA)).toContain(tagA);
      expect((await engine.getImage(repoTags[0]!).inspect()).Id).toBe(
        testbed.images.ids[testbed.images.committed],
      );
      const last = progress.filter((p) => p.jobId === `load-${label}`).at(-1);
      expect(last).toMatchObject({
        phase: 'load',
        bytesDone: (await stat(file)).size,
        bytesTotal: (await stat(file)).size,
      });
    });
  }

  it('surfaces the engine in-stream error for a corrupt archive', async () => {
    const broken = join(dir, 'broken.tar');
    await copyFile(plainTar, broken);
    await truncate(broken, Math.floor((await stat(plainTar)).size / 2) + 100);
    const { error } = await api.loadImages({ path: broken, jobId: 'load-broken' });
    expect(error?.code).toBe('BAD_ARCHIVE');
    expect(error?.message).toMatch(/The engine refused broken\.tar: .*(EOF|unexpected|invalid)/i);
  });

  it('refuses a file that is not an archive at all, before the engine sees it', async () => {
    const junk = join(dir, 'junk.bin');
    await exec('sh', ['-c', `head -c 2048 /dev/urandom > '${junk}'`]);
    const { error } = await api.loadImages({ path: junk, jobId: 'load-junk' });
    expect(error?.code).toBe('BAD_ARCHIVE');
    expect(error?.message).toMatch(/not an image archive/);
  });

  it('converts an OCI archive made by skopeo (which dockerd 20.10 refuses) and loads it', async () => {
    const oci = join(dir, 'oci.tar');
    await exec('skopeo', [
      '--insecure-policy', 'copy', '--src-daemon-host', host,
      `docker-daemon:${testbed.images.layers}`, `oci-archive:${oci}:${ociTag}`,
    ]); // prettier-ignore
    const names = await tarList(oci);
    expect(names).toContain('index.json');
    expect(names).not.toContain('manifest.json');
    // The engine itself refuses it as it is.
    await expect(docker(host, 'load', '-i', oci)).rejects.toThrow();
    const { result, error } = await api.loadImages({ path: oci, jobId: 'load-oci' });
    expect(error).toBeUndefined();
    expect(result).toEqual({ loaded: [ociTag], converted: true });
    const loaded = await engine.getImage(ociTag).inspect();
    const original = await engine.getImage(testbed.images.layers).inspect();
    expect(loaded.RootFS.Layers).toEqual(original.RootFS.Layers);
    expect((await readdir(tmpdir())).filter((f) => f.startsWith('strata-convert-'))).toEqual([]);
  });
  it('converts a compressed OCI archive too, once the engine has refused it as it is', async () => {
    const gz = join(dir, 'oci.tar.gz');
    await exec('sh', ['-c', `gzip -c '${join(dir, 'oci.tar')}' > '${gz}'`]);
    await engine.getImage(ociTag).remove({ noprune: true });
    const { result, error } = await api.loadImages({ path: gz, jobId: 'load-oci-gz' });
    expect(error).toBeUndefined();
    expect(result).toEqual({ loaded: [ociTag], converted: true });
    expect((await engine.getImage(ociTag).inspect()).RootFS.Layers).toEqual(
      (await engine.getImage(testbed.images.layers).inspect()).RootFS.Layers,
    );
  });
});
