/**
 * Edge cases of image archives, on synthetic archives (test/support/synthetic-archives.ts), each
 * through the three ways the analyzer reads an archive:
 *   - 'file': an uncompressed file, indexed with positioned reads;
 *   - 'gzip': the same archive gzip-compressed, one forward pass through a decompressor;
 *   - 'stream': the uncompressed bytes as an async iterable in odd-sized chunks (the engine's save).
 * Tolerated cases must give the right result (with warnings where the archive is defective);
 * unusable ones an ArchiveError naming the file, with a code and a reason a person understands.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BASE_SIZE,
  TOP_CHANGES,
  badConfigJson,
  badManifestJson,
  bigPlainLayer,
  containerdBlobsFirst,
  docker25,
  docker25NotInIndex,
  gzipBomb,
  hostileLayerPath,
  hostileNames,
  layerCountMismatch,
  legacyDockerArchive,
  legacyMissingLayer,
  legacyTwoImages,
  makeLayer,
  ociMissingLayer,
  ociNestedIndex,
  ociTwoPlatforms,
  ociUnknownMediaType,
  podmanDockerDir,
  truncated,
  truncatedAtEnd,
  v1Only,
} from '../../../test/support/synthetic-archives';
import { analyzeArchive, analyzeArchiveStream, type AnalyzeResult } from '../analyze';
import { ArchiveError } from '../model';
import { readImageArchive, type ReadOptions, type ReadProgress } from './read-archive';

const tmp = mkdtempSync(join(tmpdir(), 'strata-synthetic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MODES = ['file', 'gzip', 'stream'] as const;
type Mode = (typeof MODES)[number];

/** The name the analyzer sees (and must put in its errors) in each mode. */
const nameIn = (mode: Mode, name: string): string => (mode === 'gzip' ? `${name}.gz` : name);

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let o = 0; o < bytes.length; o += size) yield bytes.subarray(o, o + size);
}

function analyze(mode: Mode, name: string, bytes: Buffer, opts: ReadOptions = {}): Promise<AnalyzeResult> {
  if (mode === 'stream') return analyzeArchiveStream(chunks(bytes, 1000), name, opts);
  const path = join(tmp, nameIn(mode, name));
  writeFileSync(path, mode === 'gzip' ? gzipSync(bytes) : bytes);
  return analyzeArchive(path, opts);
}

/** Asserts an ArchiveError that names the file, with the code and a reason matching `reason`. */
async function expectArchiveError(
  p: Promise<unknown>,
  file: string,
  code: ArchiveError['code'],
  reason: RegExp,
): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the archive was accepted').toBeInstanceOf(ArchiveError);
  const e = err as ArchiveError;
  expect({ file: e.file, code: e.code, reason: e.reason }).toMatchObject({
    file,
    code,
    reason: expect.stringMatching(reason),
  });
  expect(e.message).toBe(`${e.file}: ${e.reason}`);
}

describe.each(MODES)('synthetic archives, read as %s', (mode) => {
  it('legacy docker-archive: two images, the shared base layer a symlink written before its target', async () => {
    const a = legacyTwoImages();
    const { analysis } = await analyze(mode, 'legacy.tar', a.bytes, { verify: true });
    const app = analysis.images.find((i) => i.repoTags.includes('synthetic/app:1'))!;
    const baseImg = analysis.images.find((i) => i.repoTags.includes('synthetic/base:1'))!;
    expect({
      format: analysis.format,
      images: analysis.images.length,
      appTags: app.repoTags,
      appId: app.id,
      diffIds: app.layers.map((l) => l.diffId),
      verified: app.layers.map((l) => l.diffIdMatches),
      roles: app.layers.map((l) => l.role),
      baseImageId: app.baseImageId,
      top: {
        added: app.layers[1]!.added,
        modified: app.layers[1]!.modified,
        removed: app.layers[1]!.removed,
        removedBytes: app.layers[1]!.removedBytes,
        sizeBytes: app.layers[1]!.sizeBytes,
      },
      baseSize: app.layers[0]!.sizeBytes,
    }).toEqual({
      format: 'docker-archive',
      images: 2,
      appTags: ['synthetic/app:1', 'synthetic/app:latest'],
      appId: a.ids[1],
      diffIds: a.layers.map((l) => l.diffId),
      verified: [true, true],
      roles: ['base', 'own'],
      baseImageId: baseImg.id,
      top: TOP_CHANGES,
      baseSize: BASE_SIZE,
    });
  });

  it('OCI index: one platform stored, one listed without blobs, an attestation set aside', async () => {
    const a = ociTwoPlatforms();
    const { analysis } = await analyze(mode, 'multi.tar', a.bytes);
    expect({
      format: analysis.format,
      ids: analysis.images.map((i) => i.id),
      platform: analysis.images[0]?.platform,
      tags: analysis.images[0]?.repoTags,
      platforms: [...analysis.platforms].sort(),
      setAside: analysis.setAside.map((s) => [s.digest, s.reason]).sort(),
    }).toEqual({
      format: 'oci-archive',
      ids: [a.amd64Config],
      platform: 'linux/amd64',
      tags: ['docker.io/synthetic/multi:1'],
      platforms: ['linux/amd64', 'linux/arm64/v8'],
      setAside: [
        [a.arm64, expect.stringMatching(/linux\/arm64\/v8 not stored/)],
        [a.attestation, expect.stringMatching(/attestation/)],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    });
  });

  it('OCI index: asking for the platform that has no blobs is refused, naming what the archive has', async () => {
    const a = ociTwoPlatforms();
    await expectArchiveError(
      analyze(mode, 'multi.tar', a.bytes, { platform: 'linux/arm64/v8' }),
      nameIn(mode, 'multi.tar'),
      'UNSUPPORTED',
      /linux\/arm64\/v8.*linux\/amd64/,
    );
  });

  it('OCI nested index: index -> index -> manifest', async () => {
    const a = ociNestedIndex();
    const { analysis } = await analyze(mode, 'nested.tar', a.bytes);
    expect(analysis.images.map((i) => [i.id, i.repoTags, i.layers.length])).toEqual([
      [a.config, ['synthetic/nested:1'], 2],
    ]);
  });

  it('Docker 25: OCI manifest layers shuffled and manifest.json with no layers -> config order, with warnings', async () => {
    const a = docker25('none');
    const { analysis } = await analyze(mode, 'd25.tar', a.bytes, { verify: true });
    const img = analysis.images[0]!;
    expect({
      ids: analysis.images.map((i) => i.id),
      diffIds: img.layers.map((l) => l.diffId),
      verified: img.layers.map((l) => l.diffIdMatches),
      // Docker 25 stores layers uncompressed and named by diffID: the blob digest IS the diffID.
      digests: img.layers.map((l) => l.digest),
      warnings: img.warnings,
    }).toEqual({
      ids: [a.id],
      diffIds: a.layers.map((l) => l.diffId),
      verified: [true, true, true],
      digests: a.layers.map((l) => l.diffId),
      warnings: expect.arrayContaining([
        expect.stringMatching(/no layers/),
        expect.stringMatching(/out of order/),
      ]),
    });
  });

  it('Docker 25: OCI manifest layers shuffled, manifest.json right -> each layer keeps its own digest', async () => {
    const a = docker25('correct');
    const { analysis } = await analyze(mode, 'd25b.tar', a.bytes, { verify: true });
    const img = analysis.images[0]!;
    expect(img.layers.map((l) => [l.diffId, l.digest, l.diffIdMatches])).toEqual(
      a.layers.map((l) => [l.diffId, l.diffId, true]),
    );
  });

  it('Docker 25.0.0-25.0.2 image saved by ID: in manifest.json, missing from index.json -> still read', async () => {
    const a = docker25NotInIndex();
    const { analysis } = await analyze(mode, 'd25c.tar', a.bytes, { verify: true });
    expect(
      analysis.images.map((i) => [i.id, i.repoTags, i.layers.map((l) => [l.diffId, l.diffIdMatches])]),
    ).toEqual([[a.id, [], a.layers.map((l) => [l.diffId, true])]]);
  });

  it('containerd export: gzip blobs before index.json and manifest.json', async () => {
    const a = containerdBlobsFirst();
    const { analysis } = await analyze(mode, 'ctr.tar', a.bytes, { verify: true });
    const img = analysis.images[0]!;
    expect({
      id: img.id,
      layers: img.layers.map((l) => [l.diffId, l.digest, l.compression, l.diffIdMatches, l.blobBytes]),
      top: {
        added: img.layers[1]!.added,
        modified: img.layers[1]!.modified,
        removed: img.layers[1]!.removed,
      },
    }).toEqual({
      id: a.id,
      layers: a.layers.map((l) => [l.diffId, l.digest, 'gzip', true, l.blob.length]),
      top: { added: TOP_CHANGES.added, modified: TOP_CHANGES.modified, removed: TOP_CHANGES.removed },
    });
  });

  it('unknown media types: an unknown index entry is set aside, an odd layer media type is kept and the layer read', async () => {
    const a = ociUnknownMediaType();
    const { analysis } = await analyze(mode, 'odd.tar', a.bytes);
    expect({
      images: analysis.images.map((i) => i.repoTags),
      setAside: analysis.setAside,
      layerTypes: analysis.images[0]?.layers.map((l) => [l.mediaType, l.compression]),
      topAdded: analysis.images[0]?.layers[1]?.added,
    }).toEqual({
      images: [['synthetic/odd:1']],
      setAside: [
        {
          digest: a.unknown,
          reason: expect.stringMatching(/unknown media type "application\/vnd\.example\.something\+json"/),
        },
      ],
      layerTypes: [
        ['application/vnd.example.layer.v9+tar', 'none'],
        ['application/vnd.example.layer.v9+tar', 'none'],
      ],
      topAdded: TOP_CHANGES.added,
    });
  });

  it('v1 archive (repositories + <id>/json parent chain, no manifest.json): layers in chain order, diffIDs computed', async () => {
    const a = v1Only();
    const { analysis } = await analyze(mode, 'v1.tar', a.bytes, { verify: true });
    const img = analysis.images[0]!;
    expect({
      images: analysis.images.length,
      tags: img.repoTags,
      diffIds: img.layers.map((l) => l.diffId),
      top: img.layers[1]?.removed,
      warned: img.warnings.some((w) => /v1/.test(w)),
    }).toEqual({
      images: 1,
      tags: ['synthetic/v1:old'],
      diffIds: a.layers.map((l) => l.diffId),
      top: TOP_CHANGES.removed,
      warned: true,
    });
  });

  it('hostile names: outer `../` members ignored; `..` entries in a layer refused with a warning, never placed outside the root', async () => {
    const a = hostileNames();
    const { analysis, trees } = await analyze(mode, 'hostile.tar', a.bytes, { verify: true });
    const img = analysis.images[0]!;
    const tree = trees.get(img.id)!;
    const names = (p: string): string[] => tree.children(p).map((e) => e.name);
    expect({
      blobs: img.layers.every((l) => !l.blobPath.includes('..')),
      verified: img.layers.map((l) => l.diffIdMatches),
      root: names(''),
      etc: names('etc'),
      abs: names('abs'),
      noDotDot: tree.stat('..') === null && tree.stat('../../etc/evil') === null && tree.stat('b') === null,
      warned: img.warnings.some((w) => /could not be merged/.test(w)),
    }).toEqual({
      blobs: true,
      verified: [true, true],
      root: ['abs', 'bin', 'etc'],
      etc: expect.arrayContaining(['ok', 'passwd-link', 'hello']),
      abs: ['file'],
      noDotDot: true,
      warned: true,
    });
    // The hardlink to ../../etc/shadow is kept as written (for display) but never resolved: no bytes, a warning.
    expect({
      shadowLinkSize: tree.stat('etc/shadow-link')?.size,
      mergeWarnings: tree.warnings.map((w) => [w.code, w.path]),
    }).toEqual({
      shadowLinkSize: 0,
      mergeWarnings: [
        ['dot-dot', '../../etc/evil'],
        ['dot-dot', 'a/../../b'],
        ['hardlink-outside-root', 'etc/shadow-link'],
      ],
    });
  });

  it('a manifest.json layer path that leaves the archive (`../escape/layer.tar`) is a missing layer', async () => {
    await expectArchiveError(
      analyze(mode, 'escape.tar', hostileLayerPath()),
      nameIn(mode, 'escape.tar'),
      'CORRUPT',
      /1 of its 1 layers are missing/,
    );
  });

  it('missing layer blob (OCI)', async () => {
    await expectArchiveError(
      analyze(mode, 'noblob.tar', ociMissingLayer()),
      nameIn(mode, 'noblob.tar'),
      'CORRUPT',
      /1 of its 2 layer blobs are missing/,
    );
  });

  it('missing layer.tar (docker-archive)', async () => {
    await expectArchiveError(
      analyze(mode, 'nolayer.tar', legacyMissingLayer()),
      nameIn(mode, 'nolayer.tar'),
      'CORRUPT',
      /1 of its 2 layers are missing/,
    );
  });

  it('layer count differs from the config diff_ids', async () => {
    await expectArchiveError(
      analyze(mode, 'count.tar', layerCountMismatch()),
      nameIn(mode, 'count.tar'),
      'CORRUPT',
      /manifest\.json lists 2 layers but the config has 3 diff_ids/,
    );
  });

  it('manifest.json is not JSON', async () => {
    await expectArchiveError(
      analyze(mode, 'badjson.tar', badManifestJson()),
      nameIn(mode, 'badjson.tar'),
      'CORRUPT',
      /manifest\.json is not valid JSON/,
    );
  });

  it('the image config is not JSON', async () => {
    await expectArchiveError(
      analyze(mode, 'badcfg.tar', badConfigJson()),
      nameIn(mode, 'badcfg.tar'),
      'CORRUPT',
      /[0-9a-f]{64}\.json is not valid JSON/,
    );
  });

  it('podman docker-dir (manifest.json one object) is not an image archive', async () => {
    await expectArchiveError(
      analyze(mode, 'dir.tar', podmanDockerDir()),
      nameIn(mode, 'dir.tar'),
      'NOT_AN_IMAGE',
      /manifest\.json is one object/,
    );
  });

  it('truncated inside a layer', async () => {
    await expectArchiveError(
      analyze(mode, 'cut.tar', truncated()),
      nameIn(mode, 'cut.tar'),
      'CORRUPT',
      /truncated|cut short/,
    );
  });

  it('truncated at its tail (inside manifest.json)', async () => {
    await expectArchiveError(
      analyze(mode, 'cut2.tar', truncatedAtEnd()),
      nameIn(mode, 'cut2.tar'),
      'CORRUPT',
      /truncated|cut short/,
    );
  });

  it('decompression bomb: a small gzip layer inflating past maxInflatedBytes is refused as TOO_LARGE', async () => {
    const a = gzipBomb(16 * 1024 * 1024);
    expect(a.blobBytes).toBeLessThan(64 * 1024);
    const err = await analyze(mode, 'bomb.tar', a.bytes, { maxInflatedBytes: 1024 * 1024 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ArchiveError);
    // Layer-level errors currently carry `<file>: <blob>` in `file` (reported): check the message.
    const file = nameIn(mode, 'bomb.tar').replace(/\./g, '\\.');
    expect({ code: (err as ArchiveError).code, message: (err as ArchiveError).message }).toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(new RegExp(`^${file}: blobs/sha256/[0-9a-f]{64}: .*1048576-byte limit`)),
    });
  });
});

describe('the whole-archive cap', () => {
  it('a gzip archive inflating past maxInflatedBytes is refused as TOO_LARGE, naming the file', async () => {
    const path = join(tmp, 'big.tar.gz');
    writeFileSync(path, gzipSync(bigPlainLayer(8 * 1024 * 1024)));
    await expectArchiveError(
      analyzeArchive(path, { maxInflatedBytes: 1024 * 1024 }),
      'big.tar.gz',
      'TOO_LARGE',
      /limit/,
    );
  });
});

describe('inputs that are not archives at all', () => {
  it('an empty file', async () => {
    const path = join(tmp, 'empty.tar');
    writeFileSync(path, '');
    await expectArchiveError(analyzeArchive(path), 'empty.tar', 'NOT_AN_IMAGE', /empty/);
  });

  it('random bytes', async () => {
    const path = join(tmp, 'noise.bin');
    writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff)));
    await expectArchiveError(analyzeArchive(path), 'noise.bin', 'NOT_AN_IMAGE', /not an image archive/);
  });

  it('a file that does not exist', async () => {
    await expectArchiveError(
      analyzeArchive(join(tmp, 'nope.tar')),
      'nope.tar',
      'NOT_AN_IMAGE',
      /ENOENT|cannot be read/,
    );
  });
});

describe('progress', () => {
  it('a big layer scanned in this thread reports the bytes done within it, in order, up to the total', async () => {
    for (const compression of ['none', 'gzip'] as const) {
      // Random bodies, so that a gzip layer stays big (it is read compressed).
      const files = Array.from({ length: 5 }, (_, i) => ({
        name: `f${i}`,
        body: randomBytes(4 * 1024 * 1024),
      }));
      const archive = legacyDockerArchive([
        { repoTags: ['synthetic/progress:1'], layers: [makeLayer(files, compression)] },
      ]);
      const path = join(tmp, `progress-${compression}.tar`);
      writeFileSync(path, archive.bytes);
      const seen: ReadProgress[] = [];
      await readImageArchive(path, { onProgress: (p) => void seen.push(p) });
      const done = seen.filter((p) => p.phase === 'layers').map((p) => p.bytesDone);
      const total = seen.at(-1)!.bytesTotal;
      expect(total).toBeGreaterThan(20 * 1024 * 1024);
      expect(done, compression).toEqual([...done].sort((a, b) => a - b));
      expect(done.at(-1)).toBe(total);
      expect(done.filter((d) => d > 0 && d < total).length, compression).toBeGreaterThanOrEqual(2);
    }
  });
});
