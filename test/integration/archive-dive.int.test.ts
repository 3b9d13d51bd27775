/**
 * The analyzer against dive's own test archives (wagoodman/dive `.data/`, copied to
 * ../shared/fixtures/dive beside the repository; see its README.md): dive's published figures
 * for test-docker-image.tar must come out exactly, the kaniko and OCI variants must open, and the
 * plain rootfs tars must be refused. The folder exists here and in CI: its absence is a failure,
 * never a skip.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeArchive, type AnalyzeResult } from '../../src-main/archive/analyze';
import { DIVE_FIXTURES as DIVE, diveFixture as dive } from '../support/dive-fixtures';

const cache = new Map<string, Promise<AnalyzeResult>>();
const analyzed = (file: string): Promise<AnalyzeResult> => {
  let p = cache.get(file);
  if (!p) {
    p = analyzeArchive(dive(file), { verify: true });
    cache.set(file, p);
  }
  return p;
};

describe("dive's test archives", () => {
  it(`are present in ${DIVE}`, () => {
    expect(existsSync(dive('README.md'))).toBe(true);
  });

  it("test-docker-image.tar: dive's published figures, exactly", async () => {
    const { analysis } = await analyzed('test-docker-image.tar');
    expect(analysis.images).toHaveLength(1);
    const img = analysis.images[0]!;
    expect({
      format: analysis.format,
      compression: analysis.compression,
      repoTags: img.repoTags,
      efficiency: img.efficiency,
      sizeBytes: img.sizeBytes,
      userSizeBytes: img.userSizeBytes,
      wastedBytes: img.wastedBytes,
      wastedUserPercent: img.wastedUserPercent,
      layerSizes: img.layers.map((l) => l.sizeBytes),
      inefficientFiles: img.inefficientFiles,
    }).toEqual({
      format: 'docker-archive',
      compression: 'none',
      repoTags: ['dive-test:latest'],
      efficiency: 0.9844212134184309,
      sizeBytes: 1220598,
      userSizeBytes: 66237,
      wastedBytes: 32025,
      wastedUserPercent: 0.4834911001404049,
      layerSizes: [1154361, 6405, 0, 6405, 6405, 6405, 6405, 6405, 6405, 0, 2187, 6405, 6405, 6405],
      inefficientFiles: [
        { path: '/root/saved.txt', count: 2, sizeBytes: 12810 },
        { path: '/root/example/somefile1.txt', count: 2, sizeBytes: 12810 },
        { path: '/root/example/somefile3.txt', count: 2, sizeBytes: 6405 },
      ],
    });
  });

  it('test-docker-image.tar: 14 layers for 15 history steps (one empty), every diffID verified', async () => {
    const img = (await analyzed('test-docker-image.tar')).analysis.images[0]!;
    expect({
      layers: img.layers.length,
      verified: img.layers.every((l) => l.diffIdMatches === true),
      emptySteps: img.layers.flatMap((l) => l.emptySteps).length,
      warnings: img.warnings,
    }).toEqual({ layers: 14, verified: true, emptySteps: 1, warnings: [] });
  });

  it('test-kaniko-image.tar: gzip layers, config named sha256:..., 14 layers, verified', async () => {
    const { analysis } = await analyzed('test-kaniko-image.tar');
    const img = analysis.images[0]!;
    expect({
      format: analysis.format,
      images: analysis.images.length,
      repoTags: img.repoTags,
      layers: img.layers.length,
      compression: [...new Set(img.layers.map((l) => l.compression))],
      verified: img.layers.every((l) => l.diffIdMatches === true),
    }).toEqual({
      format: 'docker-archive',
      images: 1,
      repoTags: ['dive-test:kaniko-latest'],
      layers: 14,
      compression: ['gzip'],
      verified: true,
    });
  });

  it.each([
    ['test-oci-uncompressed-image.tar', 'none'],
    ['test-oci-gzip-image.tar', 'gzip'],
    ['test-oci-estargz-image.tar', 'gzip'], // eStargz: multi-member gzip, read by a plain decoder
    ['test-oci-zstd-image.tar', 'zstd'],
  ] as const)(
    '%s opens: one linux/arm64 image, one %s layer holding README.md',
    async (file, compression) => {
      const { analysis, trees } = await analyzed(file);
      const img = analysis.images[0]!;
      expect({
        format: analysis.format,
        images: analysis.images.length,
        platform: img.platform,
        layers: img.layers.map((l) => [l.compression, l.diffIdMatches]),
        root: trees
          .get(img.id)!
          .children('')
          .map((e) => e.name),
        sizeBytes: img.sizeBytes,
      }).toEqual({
        format: 'oci-archive',
        images: 1,
        platform: 'linux/arm64',
        layers: [[compression, true]],
        root: ['README.md'],
        sizeBytes: 11189,
      });
    },
  );

  it.each([
    'test-uncompressed-image.tar',
    'test-gzip-image.tar',
    'test-estargz-image.tar',
    'test-zstd-image.tar',
  ])('%s (a plain rootfs tar) is rejected as NOT_AN_IMAGE, saying why', async (file) => {
    await expect(analyzeArchive(dive(file))).rejects.toMatchObject({
      name: 'ArchiveError',
      code: 'NOT_AN_IMAGE',
      file,
      reason: expect.stringMatching(
        /^not an image archive: .*plain filesystem tar.*no manifest\.json or index\.json/,
      ),
    });
  });
});
