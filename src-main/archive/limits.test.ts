/** The analyzer's work limits: entries over a whole archive, and merge work over all its images. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTwoImages } from '../../test/support/synthetic-archives';
import { analyzeArchive } from './analyze';
import { ArchiveError } from './model';

let dir: string;
let path: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-limits-'));
  path = join(dir, 'two.tar');
  await writeFile(path, legacyTwoImages().bytes);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const failure = (p: Promise<unknown>): Promise<ArchiveError> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(ArchiveError);
      return err as ArchiveError;
    },
  );

describe('analysis limits', () => {
  it('analyzes the archive within the default limits', async () => {
    const { analysis } = await analyzeArchive(path);
    expect(analysis.images).toHaveLength(2);
  });

  it('refuses an archive whose layers hold more entries than allowed, naming the limit', async () => {
    const err = await failure(analyzeArchive(path, { maxEntriesPerLayer: 5 }));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.file).toBe('two.tar');
    expect(err.reason).toMatch(/more than 5 entries/);
  });

  it('refuses to merge more entries over all images than allowed (a shared layer counts per image)', async () => {
    const { analysis } = await analyzeArchive(path);
    const perImage = analysis.images.map((i) => i.layers.reduce((n, l) => n + l.entries, 0));
    const total = perImage.reduce((a, b) => a + b, 0);
    const err = await failure(analyzeArchive(path, { maxMergeEntries: total - 1 }));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.reason).toMatch(/too many to merge/);
    await expect(analyzeArchive(path, { maxMergeEntries: total })).resolves.toBeDefined();
  });
});
