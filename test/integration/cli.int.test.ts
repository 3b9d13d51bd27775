/**
 * `strata analyze` (runCli, in process) on real archives and on an image of the test bed's
 * engine: the documented JSON fields, dive's CI rules and exit codes, the one-line error for
 * unusable input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveAnalysis } from '../../src-shared/archive-analysis';
import { runCli } from '../../src-main/cli/strata';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { archiveFixtures, type ArchiveFixtures } from '../support/archive-fixtures';
import { diveFixture } from '../support/dive-fixtures';
import { testbedFromEnv } from '../support/testbed-env';

const tb = testbedFromEnv();
const engine = createEngineClient(tb.dockerHost);
const tmp = mkdtempSync(join(tmpdir(), 'strata-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let fx: ArchiveFixtures;
beforeAll(async () => {
  fx = await archiveFixtures(tb);
}, 180_000);

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    engine: () => engine,
  });
  return { code, stdout, stderr };
}

const num = expect.any(Number);
const str = expect.any(String);
const strOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

describe('strata analyze', () => {
  it('--json on a docker save: one JSON document with the documented fields', async () => {
    const r = await cli('analyze', fx.byName('docker-save.tar').path, '--json');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const doc = JSON.parse(r.stdout) as ArchiveAnalysis;
    expect(doc).toMatchObject({ format: 'docker-archive', compression: 'none', images: expect.any(Array) });
    expect(doc.images).toHaveLength(3);
    for (const img of doc.images) {
      expect(img).toMatchObject({
        id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        repoTags: expect.any(Array),
        platform: 'linux/amd64',
        config: expect.objectContaining({ env: expect.any(Array), labels: expect.any(Object) }),
        sizeBytes: num,
        userSizeBytes: num,
        efficiency: num,
        wastedBytes: num,
        wastedUserPercent: num,
        reclaimableBytes: num,
        inefficientFiles: expect.any(Array),
        layers: expect.any(Array),
      });
      expect(strOrNull(img.baseImageId), 'baseImageId is a string or null').toBe(true);
      expect('baseImageId' in img).toBe(true);
      for (const f of img.inefficientFiles) expect(f).toEqual({ path: str, count: num, sizeBytes: num });
      img.layers.forEach((l, k) => {
        expect(l).toMatchObject({
          index: k,
          diffId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
          compression: 'none',
          blobBytes: num,
          sizeBytes: num,
          entries: num,
          added: num,
          modified: num,
          removed: num,
          command: str,
        });
        expect(
          ['digest', 'mediaType'].every(
            (key) => key in l && strOrNull((l as unknown as Record<string, unknown>)[key]),
          ),
        ).toBe(true);
      });
    }
    const layersImg = doc.images.find((i) => i.repoTags.includes(tb.images.layers))!;
    expect(layersImg.inefficientFiles.map((f) => f.path)).toContain('/data/big.bin');
    expect(layersImg.baseImageId).toBe(tb.images.ids[tb.images.base]);
  });

  it('without --json: a readable report naming the image and its efficiency', async () => {
    const r = await cli('analyze', diveFixture('test-docker-image.tar'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dive-test:latest/);
    expect(r.stdout).toMatch(/efficiency\s+98\.44 %/);
  });

  it('--ci on the dive archive with thresholds it meets: exit 0, every rule PASS', async () => {
    const r = await cli(
      'analyze', diveFixture('test-docker-image.tar'), '--ci',
      '--lowest-efficiency', '0.98', '--highest-wasted-bytes', '40KB', '--highest-user-wasted-percent', '0.5',
    ); // prettier-ignore
    expect({
      code: r.code,
      rules: r.stdout.match(/^(PASS|FAIL) \w+/gm),
      result: /Result: PASS/.test(r.stdout),
    }).toEqual({
      code: 0,
      rules: ['PASS lowestEfficiency', 'PASS highestWastedBytes', 'PASS highestUserWastedPercent'],
      result: true,
    });
  });

  it("--ci on the dive archive with dive's defaults: exit 1 (wasted user percent 0.48 > 0.1)", async () => {
    const r = await cli('analyze', diveFixture('test-docker-image.tar'), '--ci');
    expect({
      code: r.code,
      rules: r.stdout.match(/^(PASS|FAIL) \w+/gm),
      result: /Result: FAIL/.test(r.stdout),
    }).toEqual({
      code: 1,
      rules: ['PASS lowestEfficiency', 'FAIL highestUserWastedPercent'],
      result: true,
    });
  });

  it('--ci --json: the document on stdout, the rule verdicts on stderr, exit 1 when one fails', async () => {
    const r = await cli(
      'analyze',
      diveFixture('test-docker-image.tar'),
      '--json',
      '--ci',
      '--lowest-efficiency',
      '0.99',
    );
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as ArchiveAnalysis).images[0]!.efficiency).toBe(0.9844212134184309);
    expect(r.stderr).toMatch(/^FAIL lowestEfficiency/m);
  });

  it('a garbage file: exit 2 and one stderr line `strata: <name>: <reason>`', async () => {
    const path = join(tmp, 'garbage.tar');
    writeFileSync(path, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) & 0xff)));
    const r = await cli('analyze', path, '--json');
    expect({ code: r.code, stdout: r.stdout, lines: r.stderr.split('\n').filter(Boolean).length }).toEqual({
      code: 2,
      stdout: '',
      lines: 1,
    });
    expect(r.stderr).toMatch(/^strata: garbage\.tar: not an image archive/);
  });

  it('a plain rootfs tar: exit 2, saying it is not an image', async () => {
    const r = await cli('analyze', fx.rootfsTar);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^strata: rootfs-export\.tar: not an image archive: .*plain filesystem tar.*\n$/,
    );
  });

  it('an image reference: analyzed through the engine, the same diffIDs and figures as the saved file', async () => {
    const [viaEngine, viaFile] = await Promise.all([
      cli('analyze', tb.images.layers, '--json'),
      cli('analyze', fx.byName('docker-save.tar.gz').path, '--json'),
    ]);
    expect({ code: viaEngine.code, stderr: viaEngine.stderr }).toEqual({ code: 0, stderr: '' });
    const e = (JSON.parse(viaEngine.stdout) as ArchiveAnalysis).images;
    const f = (JSON.parse(viaFile.stdout) as ArchiveAnalysis).images.find((i) =>
      i.repoTags.includes(tb.images.layers),
    )!;
    expect(e).toHaveLength(1);
    const pick = (i: ArchiveAnalysis['images'][number]) => ({
      id: i.id,
      diffIds: i.layers.map((l) => l.diffId),
      sizes: i.layers.map((l) => l.sizeBytes),
      efficiency: i.efficiency,
    });
    expect(pick(e[0]!)).toEqual(pick(f));
  });

  it('an image reference the engine does not have: exit 2, one line', async () => {
    const r = await cli('analyze', 'strata-test/no-such-image:nope');
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 2,
      stderr: 'strata: strata-test/no-such-image:nope: no such file, and no such image in the engine\n',
    });
  });
});
