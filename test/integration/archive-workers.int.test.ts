/**
 * Layer scans on worker threads, as the BUILT analyzer runs them (out/main: a layer worker runs
 * the bundled module; from TypeScript sources the analyzer scans every layer in its own thread):
 * real archives from the test bed give the same analysis with and without workers, and a damaged
 * layer the same error.
 */
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Analyze from '../../src-main/archive/analyze';
import type * as Model from '../../src-main/archive/model';
import type * as ReadArchive from '../../src-main/archive/read/read-archive';
import { archiveFixtures, type ArchiveFixtures } from '../support/archive-fixtures';
import { legacyDockerArchive, makeLayer } from '../support/synthetic-archives';
import { testbedFromEnv } from '../support/testbed-env';

type Analyzer = typeof Analyze & typeof ReadArchive & typeof Model;

const chunks = resolve(__dirname, '../../out/main/chunks');
const testbed = testbedFromEnv();
let fixtures: ArchiveFixtures;
let built: Analyzer;
let scratch: string;

beforeAll(async () => {
  const chunk = existsSync(chunks) ? readdirSync(chunks).find((f) => f.startsWith('analyze-')) : undefined;
  if (!chunk)
    throw new Error(`${chunks}/analyze-*.js is missing: run \`npm run build\` first (npm test does)`);
  built = createRequire(__filename)(join(chunks, chunk)) as Analyzer;
  fixtures = await archiveFixtures(testbed);
  scratch = mkdtempSync(join(tmpdir(), 'strata-workers-'));
}, 180_000);
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Worker thread ids only grow: the ids handed out meanwhile are the threads started meanwhile. */
async function nextThreadId(): Promise<number> {
  const w = new Worker('', { eval: true });
  const id = w.threadId;
  await new Promise((r) => w.once('exit', r));
  return id;
}

// Uncompressed outer archives (where layers are read in place): plain tar layers, gzip layers.
describe.each(['docker-save.tar', 'skopeo-oci.tar', 'podman-oci-uncompressed.tar'])('%s', (name) => {
  it('gives the same analysis with layer workers as without', async () => {
    const path = fixtures.byName(name).path;
    const before = await nextThreadId();
    const inWorkers = await built.analyzeArchive(path, { layerWorkers: true });
    const started = (await nextThreadId()) - before - 1;
    const inThread = await built.analyzeArchive(path, { layerWorkers: false });
    expect(started).toBeGreaterThanOrEqual(1);
    expect(inWorkers.analysis.images.some((img) => img.layers.length > 1)).toBe(true);
    expect(inWorkers.analysis).toEqual(inThread.analysis);
  });
});

describe('a damaged layer', () => {
  it('fails with the same error in a worker as in-thread', async () => {
    const source = fixtures.byName('docker-save.tar').path;
    const damaged = join(scratch, 'damaged.tar');
    copyFileSync(source, damaged);
    const read = await built.readImageArchive(source);
    const [, second] = [...read.blobOffsets!.values()].sort((a, b) => a - b);
    // Flip a byte of the second layer's first header name: its checksum no longer matches.
    const fd = openSync(damaged, 'r+');
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, second!);
    b[0] = b[0]! ^ 0x20;
    writeSync(fd, b, 0, 1, second!);
    closeSync(fd);
    const failure = (layerWorkers: boolean): Promise<unknown> =>
      built.analyzeArchive(damaged, { layerWorkers }).then(
        () => new Error('no error'),
        (err: unknown) => err,
      );
    const inWorker = await failure(true);
    const inThread = await failure(false);
    expect(inThread).toBeInstanceOf(built.ArchiveError);
    expect(String(inWorker)).toMatch(/bad header checksum/);
    expect(inWorker).toMatchObject({ name: 'ArchiveError', file: 'damaged.tar', code: 'CORRUPT' });
    expect(String(inWorker)).toBe(String(inThread));
  });
});

describe('progress from a worker', () => {
  it('a big layer scanned on a worker reports the bytes done within it, in order, up to the total', async () => {
    // Random bodies: the gzip layer stays 20 MiB, and it is scanned from its compressed bytes.
    const files = Array.from({ length: 5 }, (_, i) => ({
      name: `f${i}`,
      body: randomBytes(4 * 1024 * 1024),
    }));
    const archive = legacyDockerArchive([
      { repoTags: ['synthetic/progress:1'], layers: [makeLayer(files, 'gzip')] },
    ]);
    const path = join(scratch, 'progress.tar');
    writeFileSync(path, archive.bytes);
    const done: number[] = [];
    let total = 0;
    const before = await nextThreadId();
    await built.readImageArchive(path, {
      layerWorkers: true,
      onProgress: (p) => {
        if (p.phase !== 'layers') return;
        done.push(p.bytesDone);
        total = p.bytesTotal;
      },
    });
    expect((await nextThreadId()) - before - 1).toBeGreaterThanOrEqual(1);
    expect(total).toBeGreaterThan(20 * 1024 * 1024);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(total);
    expect(done.filter((d) => d > 0 && d < total).length).toBeGreaterThanOrEqual(2);
  });
});
