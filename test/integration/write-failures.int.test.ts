/**
 * Files the app writes appear whole or not at all, and a destination that cannot take them is
 * said in plain words: a missing folder, a folder given as the file name, a full disk (a real
 * tmpfs of a few KiB), a read-only file system, and a folder removed while the file is written.
 * Through the main API, for both writers the window has: saveImages (the engine's save) and
 * saveArchiveFile (a file out of an analyzed archive).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub, type MainApi } from '../../src-main/ipc/main-api';
import { AnalysisHost } from '../../src-main/services/analysis-host';
import { testbedFromEnv } from '../support/testbed-env';
import { mountTinyDisk, type TinyDisk } from './tiny-disk';

const testbed = testbedFromEnv();
const engine = createEngineClient(testbed.dockerHost);
const events = new EventHub();
const host = new AnalysisHost();
const api: MainApi = createMainApi({ engine: () => engine, events, analysis: host, checkResults: true });
let dir: string;
let full: TinyDisk;
let readOnly: TinyDisk;
/** A file of the analyzed `layers` image to save out of it (data/big.bin, 64 KiB). */
let file: { sessionId: string; imageId: string; key: string; layer: number };
let seq = 0;
const jobId = (): string => `write-${++seq}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-it-write-'));
  full = mountTinyDisk({ kib: 16 });
  readOnly = mountTinyDisk({ kib: 64, readOnly: true });
  const archive = join(dir, 'layers.tar');
  expect(
    (await api.saveImages({ refs: [testbed.images.layers], destPath: archive, jobId: jobId() })).error,
  ).toBeUndefined();
  const opened = await api.openArchive({ path: archive, jobId: jobId() });
  const img = opened.result!.analysis.images.find((i) => i.repoTags.includes(testbed.images.layers))!;
  file = {
    sessionId: opened.result!.sessionId,
    imageId: img.id,
    key: 'data/big.bin',
    layer: img.layers.length - 1,
  };
});
afterAll(async () => {
  full?.remove();
  readOnly?.remove();
  await host.dispose();
  await rm(dir, { recursive: true, force: true });
});

const saveImage = (destPath: string) =>
  api.saveImages({ refs: [testbed.images.layers], destPath, jobId: jobId() });
const saveFile = (destPath: string) => api.saveArchiveFile({ ...file, destPath, jobId: jobId() });

describe.each([
  ['saveImages', saveImage],
  ['saveArchiveFile', saveFile],
] as const)('%s to a destination that cannot take the file', (_name, save) => {
  it('a folder that does not exist: NOT_FOUND naming the folder, not a temp file', async () => {
    const { error } = await save(join(dir, 'no-such-folder', 'out.bin'));
    expect(error?.code).toBe('NOT_FOUND');
    expect(error?.message).toBe(
      `The folder ${join(dir, 'no-such-folder')} does not exist (any more); nothing was written`,
    );
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('a folder as the file name: INVALID_ARGUMENT before any work, the folder untouched', async () => {
    const folder = join(dir, `a-folder-${seq}`);
    await mkdir(folder);
    const { error } = await save(folder);
    expect(error?.code).toBe('INVALID_ARGUMENT');
    expect(error?.message).toBe(`${folder} is a folder; choose a file name`);
    expect(await readdir(folder)).toEqual([]);
    expect((await readdir(dir)).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('a full disk: says so, and leaves neither the file nor a temp file', async () => {
    const dest = join(full.dir, 'out.bin');
    const { error } = await save(dest);
    expect(error?.code).toBe('INTERNAL');
    expect(error?.message).toBe(`Not enough space on the disk to write ${dest}; nothing was written`);
    expect(await readdir(full.dir)).toEqual([]);
  });

  it('a full disk over an earlier file of that name: the earlier file stays as it was', async () => {
    const dest = join(full.dir, 'kept.bin');
    await writeFile(dest, 'the earlier save');
    const { error } = await save(dest);
    expect(error?.message).toBe(`Not enough space on the disk to write ${dest}; nothing was written`);
    expect(await readdir(full.dir)).toEqual(['kept.bin']);
    expect(await readFile(dest, 'utf8')).toBe('the earlier save');
    await rm(dest);
  });

  it('a read-only file system: INVALID_ARGUMENT saying so', async () => {
    const { error } = await save(join(readOnly.dir, 'out.bin'));
    expect(error?.code).toBe('INVALID_ARGUMENT');
    expect(error?.message).toBe(`${readOnly.dir} is on a read-only file system`);
  });
});

describe('the destination folder removed while the file is written', () => {
  it('saveImages: NOT_FOUND saying the folder is gone; nothing is left anywhere', async () => {
    const folder = join(dir, 'vanishing');
    await mkdir(folder);
    const id = jobId();
    let removed = false;
    const off = events.subscribe((name, p) => {
      if (name !== 'jobProgress' || (p as { jobId: string }).jobId !== id || removed) return;
      removed = true;
      rmSync(folder, { recursive: true, force: true });
    });
    const { error } = await api.saveImages({
      refs: [testbed.images.layers],
      destPath: join(folder, 'out.tar'),
      jobId: id,
    });
    off();
    expect(removed).toBe(true);
    expect(error?.code).toBe('NOT_FOUND');
    expect(error?.message).toBe(`The folder ${folder} does not exist (any more); nothing was written`);
    expect(existsSync(folder)).toBe(false);
  });
});

describe('saveArchiveFile cancelled', () => {
  it('answers CANCELLED and leaves neither the file nor a temp file', async () => {
    const out = join(dir, 'cancel');
    await mkdir(out);
    const id = jobId();
    const pending = api.saveArchiveFile({ ...file, destPath: join(out, 'big.bin'), jobId: id });
    expect((await api.cancelJob({ jobId: id })).result?.cancelled).toBe(true);
    expect((await pending).error?.code).toBe('CANCELLED');
    expect(await readdir(out)).toEqual([]);
  });
});

describe('loadImages of an OCI archive, whose conversion needs a temporary copy', () => {
  it('with the temp folder on a full disk: says so (not "bad archive"), and leaves nothing there', async () => {
    const oci = join(dir, 'oci.tar');
    await promisify(execFile)('skopeo', [
      '--insecure-policy', 'copy', '--src-daemon-host', testbed.dockerHost,
      `docker-daemon:${testbed.images.layers}`, `oci-archive:${oci}:strata-it-write/oci:1`,
    ]); // prettier-ignore
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = full.dir;
    try {
      const { error } = await api.loadImages({ path: oci, jobId: jobId() });
      expect(error?.code).toBe('INTERNAL');
      expect(error?.message).toMatch(
        new RegExp(
          `^Converting oci.tar for this engine needs a temporary copy: Not enough space on the disk to write ${full.dir}/`,
        ),
      );
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    expect(await readdir(full.dir)).toEqual([]);
  });
});

describe('saveArchiveFile through the built analysis worker thread', () => {
  it('the same words cross the thread: a full disk, a missing folder', async () => {
    const script = resolve(__dirname, '../../out/main/analysis-worker.js');
    if (!existsSync(script))
      throw new Error(`${script} is missing: run \`npm run build\` first (npm test does)`);
    const threaded = new AnalysisHost(script);
    try {
      expect(threaded.threaded).toBe(true);
      const wapi = createMainApi({ engine: () => engine, events, analysis: threaded, checkResults: true });
      const opened = await wapi.openArchive({ path: join(dir, 'layers.tar'), jobId: jobId() });
      const at = { ...file, sessionId: opened.result!.sessionId };
      const dest = join(full.dir, 'out.bin');
      const onFull = await wapi.saveArchiveFile({ ...at, destPath: dest, jobId: jobId() });
      expect(onFull.error).toMatchObject({
        code: 'INTERNAL',
        message: `Not enough space on the disk to write ${dest}; nothing was written`,
      });
      const missing = await wapi.saveArchiveFile({ ...at, destPath: join(dir, 'gone', 'x'), jobId: jobId() });
      expect(missing.error?.code).toBe('NOT_FOUND');
      expect(await readdir(full.dir)).toEqual([]);
    } finally {
      await threaded.dispose();
    }
  });
});
