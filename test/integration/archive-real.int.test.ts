/**
 * The archive analyzer on real archives written by docker, skopeo and podman from the test
 * bed's images (test/support/archive-fixtures.ts), checked against the engine itself
 * (`docker image inspect`'s RootFS.Layers) and against what the Dockerfile of
 * strata-test/layers:1.0 (test/testbed/images.ts) must produce layer by layer.
 */
import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageAnalysis } from '../../src-shared/archive-analysis';
import { analyzeArchive, analyzeArchiveStream, type AnalyzeResult } from '../../src-main/archive/analyze';
import type { ReadProgress } from '../../src-main/archive/read/read-archive';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { BUSYBOX, BUSYBOX_APPLETS } from '../testbed/images';
import {
  archiveFixtures,
  REAL_ARCHIVE_NAMES,
  type ArchiveFixtures,
  type RealArchive,
} from '../support/archive-fixtures';
import { testbedFromEnv } from '../support/testbed-env';

const tb = testbedFromEnv();
const engine = createEngineClient(tb.dockerHost);
const REF = tb.images;

let fx: ArchiveFixtures;
/** RootFS.Layers and ID per ref, from the engine. */
const inspected = new Map<string, { id: string; layers: string[] }>();

beforeAll(async () => {
  fx = await archiveFixtures(tb);
  for (const ref of [REF.base, REF.layers, REF.committed]) {
    const info = await engine.getImage(ref).inspect();
    inspected.set(ref, { id: info.Id, layers: info.RootFS.Layers ?? [] });
  }
}, 180_000);

/** Each archive analyzed once, with verify (every layer hashed), shared by the tests. */
const analyses = new Map<string, Promise<AnalyzeResult>>();
function analyzed(name: string): Promise<AnalyzeResult> {
  let p = analyses.get(name);
  if (!p) {
    p = analyzeArchive(fx.byName(name).path, { verify: true });
    analyses.set(name, p);
  }
  return p;
}

const imageFor = (analysis: AnalyzeResult['analysis'], tag: string): ImageAnalysis => {
  const img = analysis.images.find((i) => i.repoTags.some((t) => t === tag || t.endsWith(`/${tag}`)));
  if (!img)
    throw new Error(
      `no image tagged ${tag} in ${analysis.file} (have ${analysis.images.map((i) => i.repoTags.join(',')).join(' | ')})`,
    );
  return img;
};

/** What must not depend on the tool or the compression. Roles depend on the other images in the archive. */
const comparable = (img: ImageAnalysis) => ({
  sizeBytes: img.sizeBytes,
  userSizeBytes: img.userSizeBytes,
  efficiency: img.efficiency,
  wastedBytes: img.wastedBytes,
  wastedUserPercent: img.wastedUserPercent,
  reclaimableBytes: img.reclaimableBytes,
  inefficientFiles: img.inefficientFiles,
  files: img.files,
  finalBytes: img.finalBytes,
  config: img.config,
  layers: img.layers.map((l) => ({
    diffId: l.diffId,
    diffIdComputed: l.diffIdComputed,
    tarBytes: l.tarBytes,
    sizeBytes: l.sizeBytes,
    entries: l.entries,
    added: l.added,
    addedBytes: l.addedBytes,
    modified: l.modified,
    modifiedBytes: l.modifiedBytes,
    removed: l.removed,
    removedBytes: l.removedBytes,
    command: l.command,
  })),
});

describe.each(REAL_ARCHIVE_NAMES)('real archive %s', (name) => {
  const fixture = (): RealArchive => fx.byName(name);

  it('format, sniffed compression, images and their tags', async () => {
    const { analysis } = await analyzed(name);
    const a = fixture();
    expect({
      format: analysis.format,
      compression: analysis.compression,
      images: analysis.images.map((i) => [...i.repoTags].sort()).sort(),
      warnings: [analysis.warnings, ...analysis.images.map((i) => i.warnings)].flat(),
    }).toEqual({
      format: a.format,
      compression: a.compression,
      images: a.images.map((i) => [...i.repoTags].sort()).sort(),
      warnings: [],
    });
  });

  it("layers equal the engine's RootFS.Layers, each diffID verified against the bytes", async () => {
    const { analysis } = await analyzed(name);
    const a = fixture();
    for (const want of a.images) {
      const img = imageFor(analysis, want.repoTags[0]!);
      const engineView = inspected.get(want.ref)!;
      expect({
        ref: want.ref,
        // docker-archive keeps the engine's config bytes (ID == engine ID); OCI tools rewrite the config.
        id: a.format === 'docker-archive' ? img.id : engineView.id,
        diffIds: img.layers.map((l) => l.diffId),
        computed: img.layers.map((l) => l.diffIdComputed),
        matches: img.layers.map((l) => l.diffIdMatches),
        compression: img.layers.map((l) => l.compression),
      }).toEqual({
        ref: want.ref,
        id: engineView.id,
        diffIds: engineView.layers,
        computed: engineView.layers,
        matches: engineView.layers.map(() => true),
        compression: engineView.layers.map(() => a.layerCompression),
      });
      if (a.layerMediaTypeClaims) {
        // podman --uncompressed: the media type says gzip, the bytes are a plain tar.
        expect(img.layers.map((l) => l.mediaType)).toEqual(
          engineView.layers.map(() => a.layerMediaTypeClaims),
        );
      }
    }
  });

  it('same diffIDs, sizes, changes and metrics as the plain docker save', async () => {
    const { analysis } = await analyzed(name);
    const { analysis: reference } = await analyzed('docker-save.tar');
    for (const want of fixture().images) {
      expect(comparable(imageFor(analysis, want.repoTags[0]!))).toEqual(
        comparable(imageFor(reference, want.ref)),
      );
    }
  });
});

describe('strata-test/layers:1.0, layer by layer (docker save of several images)', () => {
  let result: AnalyzeResult;
  let img: ImageAnalysis;
  const layerOf = (command: string): number => {
    const k = img.layers.findIndex((l) => l.command.includes(command));
    if (k < 0)
      throw new Error(`no layer made by "${command}": ${img.layers.map((l) => l.command).join(' | ')}`);
    return k;
  };
  /** Bytes of the imported base layer: the host's busybox plus /etc/passwd and /etc/group (images.ts). */
  const baseBytes = (): number =>
    statSync(BUSYBOX).size + 'root:x:0:0:root:/root:/bin/sh\n'.length + 'root:x:0:\n'.length;

  beforeAll(async () => {
    result = await analyzed('docker-save.tar');
    img = imageFor(result.analysis, REF.layers);
  });

  it('per-layer added / modified / removed counts and sizes follow the Dockerfile', () => {
    const row = (k: number) => {
      const l = img.layers[k]!;
      return [l.added, l.modified, l.removed, l.removedBytes, l.sizeBytes];
    };
    expect(img.layers.map((_, k) => row(k))).toEqual([
      // imported rootfs: bin, bin/busybox, the applet symlinks, etc, etc/passwd, etc/group, tmp
      [6 + BUSYBOX_APPLETS.length, 0, 0, 0, baseBytes()],
      [1, 0, 0, 0, 0], // WORKDIR /data
      [3, 1, 0, 0, 7 + 25 + 65536], // COPY a.txt b.txt big.bin (data modified)
      [4, 1, 0, 0, 9 + 9], // COPY nested: nested, n1.txt, deeper, n2.txt
      [6, 1, 0, 0, 2 + 4 + 4], // mkdir: remove-me, gone, gone/sub, gone/sub/f, opq, opq/old
      // rm: adds opq/new; modifies data and opq; removes remove-me (whiteout, 4 B), gone (whiteout of a
      // directory, 2 B below it) and opq/old (hidden by the opaque marker, 4 B)
      [1, 2, 3, 4 + 2 + 4, 4],
      [3, 2, 0, 0, 25], // ln -s, ln (b.txt copied up: modified), mkfifo
      [0, 2, 0, 0, 65536], // chmod big.bin: copied up whole
    ]);
    expect([layerOf('WORKDIR'), layerOf('rm /data/remove-me'), layerOf('ln -s'), layerOf('chmod')]).toEqual([
      1, 5, 6, 7,
    ]);
  });

  it('the whiteout: data/remove-me present below its removal, absent from the merged view from that layer on', () => {
    const tree = result.trees.get(img.id)!;
    const rm = layerOf('rm /data/remove-me');
    const names = (path: string, asOfLayer?: number): string[] =>
      tree.children(path, asOfLayer === undefined ? {} : { asOfLayer }).map((e) => e.name);
    expect({
      before: names('data', rm - 1).includes('remove-me'),
      at: names('data', rm).includes('remove-me'),
      top: names('data').includes('remove-me'),
      layerOnly: tree.children('data', { asOfLayer: rm, view: 'layer-only' }).map((e) => [e.name, e.change]),
      goneBefore: names('', rm - 1).includes('gone'),
      goneTop: names('').includes('gone'),
    }).toEqual({
      before: true,
      at: false,
      top: false,
      layerOnly: [['remove-me', 'removed']],
      goneBefore: true,
      goneTop: false,
    });
  });

  it('the opaque directory: opq holds old below, only new from the rm layer on', () => {
    const tree = result.trees.get(img.id)!;
    const rm = layerOf('rm /data/remove-me');
    expect({
      below: tree.children('opq', { asOfLayer: rm - 1 }).map((e) => e.name),
      merged: tree.children('opq').map((e) => e.name),
      layerOnly: tree.children('opq', { asOfLayer: rm, view: 'layer-only' }).map((e) => [e.name, e.change]),
    }).toEqual({
      below: ['old'],
      merged: ['new'],
      layerOnly: [
        ['new', 'added'],
        ['old', 'removed'],
      ],
    });
  });

  it('symlink, hardlink and fifo; the hardlinked bytes count once', () => {
    const tree = result.trees.get(img.id)!;
    const data = tree.children('data');
    const byName = new Map(data.map((e) => [e.name, e]));
    const childBytes = data.reduce((n, e) => n + e.size, 0);
    expect({
      link: [byName.get('link-to-a')?.type, byName.get('link-to-a')?.linkname],
      hard: [byName.get('hard-to-b')?.type, byName.get('hard-to-b')?.size],
      fifo: byName.get('fifo')?.type,
      // data: a.txt + b.txt + big.bin + nested/*; hard-to-b shows b.txt's 25 bytes but they are not counted twice
      dirSize: tree.stat('data')?.size,
      childBytesMinusHardlink: childBytes - 25,
      finalBytes: [img.finalBytes, tree.fileCountAndBytes().bytes],
    }).toEqual({
      link: ['symlink', '/data/a.txt'],
      hard: ['hardlink', 25],
      fifo: 'fifo',
      dirSize: 7 + 25 + 65536 + 18,
      childBytesMinusHardlink: 7 + 25 + 65536 + 18,
      finalBytes: [baseBytes() + 7 + 25 + 65536 + 18 + 4, baseBytes() + 7 + 25 + 65536 + 18 + 4],
    });
  });

  it("dive's figures, derived by hand from the Dockerfile", () => {
    const user = 65568 + 18 + 10 + 4 + 25 + 65536;
    const total = baseBytes() + user;
    // dive: every leaf path per layer; a whiteout weighs what it removes only for a directory (/gone: 2 B).
    // Minimum per path: big.bin 65536 of 131072, b.txt 25 of 50, remove-me 0 of 4 (file whiteout weighs 0).
    const discovered = total + 2;
    expect({
      sizeBytes: img.sizeBytes,
      userSizeBytes: img.userSizeBytes,
      efficiency: img.efficiency,
      wastedBytes: img.wastedBytes,
      wastedUserPercent: img.wastedUserPercent,
      inefficientFiles: img.inefficientFiles,
    }).toEqual({
      sizeBytes: total,
      userSizeBytes: user,
      efficiency: (discovered - 65536 - 25 - 4) / discovered,
      wastedBytes: 131072 + 50 + 4,
      wastedUserPercent: (131072 + 50 + 4) / user,
      inefficientFiles: [
        { path: '/data/big.bin', count: 2, sizeBytes: 131072 },
        { path: '/data/b.txt', count: 2, sizeBytes: 50 },
        { path: '/data/remove-me', count: 2, sizeBytes: 4 },
      ],
    });
  });

  it("roles: busybox:base's layer is 'base' in the images built on it, which name it as their base", () => {
    const { analysis } = result;
    const base = imageFor(analysis, REF.base);
    const httpd = imageFor(analysis, REF.committed);
    expect({
      layersRoles: img.layers.map((l) => l.role),
      layersBase: img.baseImageId,
      httpdRoles: httpd.layers.map((l) => l.role),
      httpdBase: httpd.baseImageId,
      baseRoles: base.layers.map((l) => l.role),
      baseOfBase: base.baseImageId,
    }).toEqual({
      layersRoles: ['base', ...img.layers.slice(1).map(() => 'own')],
      layersBase: inspected.get(REF.base)!.id,
      httpdRoles: ['base', 'own'],
      httpdBase: inspected.get(REF.base)!.id,
      baseRoles: ['own'],
      baseOfBase: null,
    });
  });

  it("analyzeArchiveStream over the engine's save stream equals the file", async () => {
    const stream = await engine.getImage(REF.layers).get();
    const { analysis } = await analyzeArchiveStream(stream as AsyncIterable<Buffer>, REF.layers, {
      verify: true,
    });
    expect(analysis.images).toHaveLength(1);
    const streamed = analysis.images[0]!;
    expect({ id: streamed.id, tags: streamed.repoTags, ...comparable(streamed) }).toEqual({
      id: img.id,
      tags: [REF.layers],
      ...comparable(img),
    });
  });
});

describe('progress and cancellation', () => {
  function checkProgress(events: ReadProgress[]): void {
    expect(events.length).toBeGreaterThan(1);
    // 'index' events (positioned reads only) all come before the first 'layers' event.
    const phases = events.map((e) => e.phase);
    const firstLayers = phases.indexOf('layers');
    expect(firstLayers).toBeGreaterThanOrEqual(0);
    expect(phases.slice(firstLayers)).not.toContain('index');
    for (const phase of ['index', 'layers'] as const) {
      const list = events.filter((e) => e.phase === phase);
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.bytesDone, `${phase} event ${i} went backwards`).toBeGreaterThanOrEqual(
          list[i - 1]!.bytesDone,
        );
        expect(list[i]!.bytesTotal, `${phase} total changed`).toBe(list[0]!.bytesTotal);
      }
      for (const e of list) expect(e.bytesDone).toBeLessThanOrEqual(e.bytesTotal);
    }
    const last = events[events.length - 1]!;
    expect({ phase: last.phase, done: last.bytesDone }).toEqual({ phase: 'layers', done: last.bytesTotal });
    expect(last.bytesTotal).toBeGreaterThan(0);
  }

  it.each(['docker-save.tar', 'docker-save.tar.gz'])(
    'progress of %s is monotonic and ends at the total',
    async (name) => {
      const events: ReadProgress[] = [];
      await analyzeArchive(fx.byName(name).path, { onProgress: (p) => events.push({ ...p }) });
      checkProgress(events);
    },
  );

  it.each(['docker-save.tar', 'docker-save.tar.gz', 'skopeo-oci.tar'])(
    'aborting %s mid-way rejects with CANCELLED',
    async (name) => {
      const ac = new AbortController();
      let layerEvents = 0;
      const run = analyzeArchive(fx.byName(name).path, {
        verify: true,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.phase === 'layers' && ++layerEvents === 1) ac.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ name: 'ArchiveError', code: 'CANCELLED', file: name });
      expect(layerEvents).toBeGreaterThan(0);
    },
  );

  it('an already aborted signal rejects with CANCELLED', async () => {
    await expect(
      analyzeArchive(fx.byName('docker-save.tar').path, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('not an image', () => {
  it('docker export of a container (a plain rootfs tar) is rejected, saying so', async () => {
    await expect(analyzeArchive(fx.rootfsTar)).rejects.toMatchObject({
      name: 'ArchiveError',
      code: 'NOT_AN_IMAGE',
      file: 'rootfs-export.tar',
      reason: expect.stringMatching(/not an image archive.*plain filesystem tar/),
    });
  });
});
