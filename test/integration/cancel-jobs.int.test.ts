/**
 * Cancelling the long jobs the other suites do not cancel: a gzip save (its own pipeline through
 * zlib) and a background verification. Each answers CANCELLED, leaves nothing behind, and the
 * same job runs to its end afterwards.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub, type MainApi } from '../../src-main/ipc/main-api';
import { AnalysisHost } from '../../src-main/services/analysis-host';
import { testbedFromEnv } from '../support/testbed-env';
import { dockerQuiet, importRandomImage, uniqueName } from './transfer-support';

const testbed = testbedFromEnv();
const engine = createEngineClient(testbed.dockerHost);
const events = new EventHub();
const host = new AnalysisHost();
const api: MainApi = createMainApi({ engine: () => engine, events, analysis: host, checkResults: true });
/** 32 MiB of random bytes: a save and a verification take long enough to be cancelled midway. */
const big = `${uniqueName('cancel')}:1`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-it-cancel-'));
  await importRandomImage(testbed.dockerHost, dir, big, 32);
});
afterAll(async () => {
  dockerQuiet(testbed.dockerHost, 'rmi', big);
  await host.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** Cancels `jobId` at its first progress event; answers whether it did. */
function cancelAtFirstProgress(jobId: string): () => boolean {
  let done = false;
  const off = events.subscribe((name, p) => {
    if (name !== 'jobProgress' || (p as { jobId: string }).jobId !== jobId || done) return;
    done = true;
    off();
    void api.cancelJob({ jobId });
  });
  return () => done;
}

describe('cancelled midway', () => {
  it('a gzip save: CANCELLED, neither the file nor a temp file; the same save then completes', async () => {
    const out = join(dir, 'gz');
    await mkdir(out);
    const dest = join(out, 'big.tar.gz');
    const fired = cancelAtFirstProgress('gz-cancel');
    const { error } = await api.saveImages({ refs: [big], destPath: dest, gzip: true, jobId: 'gz-cancel' });
    expect(fired()).toBe(true);
    expect(error?.code).toBe('CANCELLED');
    expect(await readdir(out)).toEqual([]);
    const again = await api.saveImages({ refs: [big], destPath: dest, gzip: true, jobId: 'gz-again' });
    expect(again.error).toBeUndefined();
    expect(await readdir(out)).toEqual(['big.tar.gz']);
  });

  it('a verification: CANCELLED, the session still open, and a new verification completes', async () => {
    const archive = join(dir, 'big.tar');
    expect(
      (await api.saveImages({ refs: [big], destPath: archive, jobId: 'save-for-verify' })).error,
    ).toBeUndefined();
    const opened = await api.openArchive({ path: archive, jobId: 'open-for-verify' });
    const { sessionId } = opened.result!;
    const fired = cancelAtFirstProgress('verify-cancel');
    const { error } = await api.verifyArchive({ sessionId, jobId: 'verify-cancel' });
    expect(fired()).toBe(true);
    expect(error?.code).toBe('CANCELLED');
    const again = await api.verifyArchive({ sessionId, jobId: 'verify-again' });
    expect(again.error).toBeUndefined();
    expect(again.result!.every((l) => l.matches === true)).toBe(true);
    expect(existsSync(archive)).toBe(true);
  });
});

describe('an attached run cancelled', () => {
  it('at once (while the container is being created): CANCELLED, and no container is left', async () => {
    const name = uniqueName('run-cancel-early');
    const run = api.runContainer({
      image: testbed.images.base,
      name,
      networkMode: 'none',
      detach: false,
      command: ['sleep', '30'],
      jobId: 'run-cancel-early',
    });
    expect((await api.cancelJob({ jobId: 'run-cancel-early' })).result).toEqual({ cancelled: true });
    const { error } = await run;
    expect(error?.code).toBe('CANCELLED');
    expect((await api.inspectContainer({ id: name })).error?.code).toBe('NOT_FOUND');
  });

  it('while it runs: CANCELLED, the container killed (it stays, as docker run leaves it)', async () => {
    const name = uniqueName('run-cancel');
    const run = api.runContainer({
      image: testbed.images.base,
      name,
      networkMode: 'none',
      detach: false,
      command: ['sh', '-c', 'echo started; sleep 30'],
      jobId: 'run-cancel',
    });
    for (;;) {
      const logs = await api.containerLogs({ id: name });
      if (logs.result?.lines.some((l) => l.text === 'started')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await api.cancelJob({ jobId: 'run-cancel' })).result).toEqual({ cancelled: true });
    expect((await run).error?.code).toBe('CANCELLED');
    expect((await api.inspectContainer({ id: name })).result?.state.running).toBe(false);
    await api.removeContainer({ id: name, force: true });
  });
});

describe('a log follow cancelled at once (while its stream is being opened)', () => {
  it('ends cancelled, not when the container stops', async () => {
    const name = uniqueName('follow-cancel-early');
    const started = await api.runContainer({
      image: testbed.images.base,
      name,
      networkMode: 'none',
      command: ['sh', '-c', 'echo up; sleep 30'],
    });
    expect(started.error).toBeUndefined();
    const follow = api.followLogs({ id: name, jobId: 'follow-cancel-early' });
    expect((await api.cancelJob({ jobId: 'follow-cancel-early' })).result).toEqual({ cancelled: true });
    expect((await follow).result).toEqual({ ended: 'cancelled' });
    expect((await api.inspectContainer({ id: name })).result?.state.running).toBe(true);
    await api.removeContainer({ id: name, force: true });
  });
});

describe('a pull or push cancelled at once (while credentials are looked up)', () => {
  it('the cancel is taken (cancelled: true) and the job answers CANCELLED', async () => {
    const ref = `${testbed.registry}/strata/${uniqueName('early')}:1`;
    await engine.getImage(testbed.images.base).tag({ repo: ref.slice(0, ref.lastIndexOf(':')), tag: '1' });
    try {
      const push = api.pushImage({ ref, jobId: 'push-early' });
      expect((await api.cancelJob({ jobId: 'push-early' })).result).toEqual({ cancelled: true });
      expect((await push).error?.code).toBe('CANCELLED');
      const pull = api.pullImage({ ref, jobId: 'pull-early' });
      expect((await api.cancelJob({ jobId: 'pull-early' })).result).toEqual({ cancelled: true });
      expect((await pull).error?.code).toBe('CANCELLED');
    } finally {
      dockerQuiet(testbed.dockerHost, 'rmi', ref);
    }
  });
});

describe('a load of an OCI archive (converted for the engine first) cancelled at once', () => {
  it('CANCELLED, nothing loaded, and the conversion leaves no temp folder', async () => {
    const oci = join(dir, 'big-oci.tar');
    const tag = `${uniqueName('oci')}:1`;
    await promisify(execFile)('skopeo', [
      '--insecure-policy', 'copy', '--src-daemon-host', testbed.dockerHost,
      `docker-daemon:${big}`, `oci-archive:${oci}:${tag}`,
    ]); // prettier-ignore
    const temp = join(dir, 'tmp');
    await mkdir(temp);
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = temp;
    try {
      const load = api.loadImages({ path: oci, jobId: 'load-oci-cancel' });
      expect((await api.cancelJob({ jobId: 'load-oci-cancel' })).result).toEqual({ cancelled: true });
      expect((await load).error?.code).toBe('CANCELLED');
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    expect(await readdir(temp)).toEqual([]);
    expect((await api.inspectImage({ ref: tag })).error?.code).toBe('NOT_FOUND');
  });
});
