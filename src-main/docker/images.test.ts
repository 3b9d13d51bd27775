import { describe, expect, it } from 'vitest';
import { ImageDetailSchema, ImageSummarySchema } from '../../src-shared/dto';
import { mapImageDetail, mapImageSummary, type RawImageInspect, type RawImageSummary } from './images';

const ID = 'sha256:' + 'a'.repeat(64);
const PARENT = 'sha256:' + 'b'.repeat(64);
const none = new Set<string>();

const summary = (over: Partial<RawImageSummary> = {}): RawImageSummary => ({
  Id: ID,
  ParentId: '',
  RepoTags: ['alpine:3.20'],
  RepoDigests: ['alpine@sha256:' + 'c'.repeat(64)],
  Created: 1_717_000_000,
  Size: 7_800_000,
  SharedSize: -1,
  Containers: -1,
  Labels: null,
  ...over,
});

describe('mapImageSummary', () => {
  it('maps a typical engine entry to the DTO', () => {
    const img = mapImageSummary(summary({ Labels: { a: 'b' } }), none);
    expect(img).toEqual({
      id: ID,
      repoTags: ['alpine:3.20'],
      repoDigests: ['alpine@sha256:' + 'c'.repeat(64)],
      created: 1_717_000_000_000,
      size: 7_800_000,
      sharedSize: null,
      uniqueSize: null,
      containers: null,
      containerNames: [],
      dangling: false,
      parentId: null,
      labels: { a: 'b' },
    });
    expect(ImageSummarySchema.parse(img)).toEqual(img);
  });

  it('converts Created from seconds to milliseconds', () => {
    expect(mapImageSummary(summary({ Created: 1 }), none).created).toBe(1000);
    expect(new Date(mapImageSummary(summary({ Created: 1_700_000_000 }), none).created).toISOString()).toBe(
      '2023-11-14T22:13:20.000Z',
    );
  });

  it('a missing Created becomes 0', () => {
    const raw = summary();
    delete raw.Created;
    expect(mapImageSummary(raw, none).created).toBe(0);
  });

  it('SharedSize -1 (not computed) becomes null, 0 and positive values are kept', () => {
    expect(mapImageSummary(summary({ SharedSize: -1 }), none).sharedSize).toBeNull();
    expect(mapImageSummary(summary({ SharedSize: 0 }), none).sharedSize).toBe(0);
    expect(mapImageSummary(summary({ SharedSize: 4096 }), none).sharedSize).toBe(4096);
    const raw = summary();
    delete raw.SharedSize;
    expect(mapImageSummary(raw, none).sharedSize).toBeNull();
  });

  it('Containers -1 (not counted) becomes null, counts are kept', () => {
    expect(mapImageSummary(summary({ Containers: -1 }), none).containers).toBeNull();
    expect(mapImageSummary(summary({ Containers: 0 }), none).containers).toBe(0);
    expect(mapImageSummary(summary({ Containers: 3 }), none).containers).toBe(3);
  });

  it('a negative or missing Size becomes 0', () => {
    expect(mapImageSummary(summary({ Size: -5 }), none).size).toBe(0);
    const raw = summary();
    delete raw.Size;
    expect(mapImageSummary(raw, none).size).toBe(0);
  });

  it('drops the <none>:<none> pseudo tag and <none>@<none> pseudo digest of older engines', () => {
    const img = mapImageSummary(
      summary({ RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'] }),
      none,
    );
    expect(img.repoTags).toEqual([]);
    expect(img.repoDigests).toEqual([]);
    expect(img.dangling).toBe(true);
  });

  it('drops repo:<none> tags but keeps real ones alongside', () => {
    const img = mapImageSummary(summary({ RepoTags: ['myrepo:<none>', 'myrepo:v1', '<none>:<none>'] }), none);
    expect(img.repoTags).toEqual(['myrepo:v1']);
    expect(img.dangling).toBe(false);
  });

  it('keeps tags that merely contain "none"', () => {
    expect(mapImageSummary(summary({ RepoTags: ['none:none', 'x/none:latest'] }), none).repoTags).toEqual([
      'none:none',
      'x/none:latest',
    ]);
  });

  it('null or missing RepoTags, RepoDigests and Labels become empty', () => {
    const img = mapImageSummary(summary({ RepoTags: null, RepoDigests: null, Labels: null }), none);
    expect(img.repoTags).toEqual([]);
    expect(img.repoDigests).toEqual([]);
    expect(img.labels).toEqual({});
    const raw: RawImageSummary = { Id: ID };
    expect(ImageSummarySchema.safeParse(mapImageSummary(raw, none)).success).toBe(true);
  });

  describe('dangling rule (untagged and not a parent)', () => {
    it('tagged: not dangling', () => {
      expect(mapImageSummary(summary(), none).dangling).toBe(false);
    });
    it('tagged and a parent: not dangling', () => {
      expect(mapImageSummary(summary(), new Set([ID])).dangling).toBe(false);
    });
    it('untagged and nobody’s parent: dangling', () => {
      expect(mapImageSummary(summary({ RepoTags: [] }), new Set([PARENT])).dangling).toBe(true);
    });
    it('untagged but the parent of another image: not dangling', () => {
      expect(mapImageSummary(summary({ RepoTags: ['<none>:<none>'] }), new Set([ID])).dangling).toBe(false);
    });
    it('untagged with only a digest (pulled by digest, then re-tagged elsewhere): still dangling', () => {
      const img = mapImageSummary(
        summary({ RepoTags: [], RepoDigests: ['alpine@sha256:' + 'c'.repeat(64)] }),
        none,
      );
      expect(img.dangling).toBe(true);
      expect(img.repoDigests).toHaveLength(1);
    });
  });

  it('ParentId: empty string or missing becomes null, an ID is kept', () => {
    expect(mapImageSummary(summary({ ParentId: '' }), none).parentId).toBeNull();
    expect(mapImageSummary({ Id: ID }, none).parentId).toBeNull();
    expect(mapImageSummary(summary({ ParentId: PARENT }), none).parentId).toBe(PARENT);
  });
});

const inspect = (over: Partial<RawImageInspect> = {}): RawImageInspect => ({
  Id: ID,
  RepoTags: ['node:22-slim'],
  RepoDigests: ['node@sha256:' + 'e'.repeat(64)],
  Parent: '',
  Comment: '',
  Author: '',
  Created: '2024-06-01T12:34:56.789012345Z',
  Os: 'linux',
  Architecture: 'arm64',
  Size: 75_000_000,
  Config: {
    Cmd: ['node'],
    Entrypoint: ['docker-entrypoint.sh'],
    Env: ['PATH=/usr/local/sbin:/usr/local/bin', 'NODE_VERSION=22.1.0'],
    WorkingDir: '',
    User: '',
    ExposedPorts: { '80/tcp': {}, '443/tcp': {} },
    Volumes: { '/data': {} },
    Labels: { maintainer: 'someone' },
  },
  RootFS: { Layers: ['sha256:' + '1'.repeat(64), 'sha256:' + '2'.repeat(64), 'sha256:' + '3'.repeat(64)] },
  ...over,
});

describe('mapImageDetail', () => {
  it('maps a full inspect answer to the DTO', () => {
    const d = mapImageDetail(inspect());
    expect(d).toEqual({
      id: ID,
      repoTags: ['node:22-slim'],
      repoDigests: ['node@sha256:' + 'e'.repeat(64)],
      parentId: null,
      comment: '',
      author: '',
      created: Date.parse('2024-06-01T12:34:56.789Z'),
      os: 'linux',
      architecture: 'arm64',
      size: 75_000_000,
      config: {
        cmd: ['node'],
        entrypoint: ['docker-entrypoint.sh'],
        env: ['PATH=/usr/local/sbin:/usr/local/bin', 'NODE_VERSION=22.1.0'],
        workingDir: '',
        user: '',
        exposedPorts: ['80/tcp', '443/tcp'],
        volumes: ['/data'],
        labels: { maintainer: 'someone' },
      },
      extraConfig: { stopSignal: null, shell: null, onBuild: [], healthcheck: null },
      dockerVersion: '',
      variant: '',
      layers: ['sha256:' + '1'.repeat(64), 'sha256:' + '2'.repeat(64), 'sha256:' + '3'.repeat(64)],
    });
    expect(ImageDetailSchema.parse(d)).toEqual(d);
  });

  it('keeps the layer order (bottom first)', () => {
    const layers = ['sha256:3', 'sha256:1', 'sha256:2'];
    expect(mapImageDetail(inspect({ RootFS: { Layers: layers } })).layers).toEqual(layers);
  });

  it('parses the RFC 3339 Created (nanoseconds) to ms; a missing, empty or bad one becomes 0', () => {
    expect(mapImageDetail(inspect({ Created: '1970-01-01T00:00:01Z' })).created).toBe(1000);
    expect(mapImageDetail(inspect({ Created: '' })).created).toBe(0);
    expect(mapImageDetail(inspect({ Created: 'yesterday' })).created).toBe(0);
    const raw = inspect();
    delete raw.Created;
    expect(mapImageDetail(raw).created).toBe(0);
  });

  it('Parent: an ID is kept, empty becomes null', () => {
    expect(mapImageDetail(inspect({ Parent: PARENT })).parentId).toBe(PARENT);
    expect(mapImageDetail(inspect({ Parent: '' })).parentId).toBeNull();
  });

  it('filters the <none> pseudo tags and digests', () => {
    const d = mapImageDetail(inspect({ RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'] }));
    expect(d.repoTags).toEqual([]);
    expect(d.repoDigests).toEqual([]);
  });

  it('maps the rest of the config: stop signal, shell, onbuild, healthcheck, engine version', () => {
    const d = mapImageDetail(
      inspect({
        DockerVersion: '20.10.24',
        Variant: 'v8',
        Config: {
          StopSignal: 'SIGQUIT',
          Shell: ['/bin/bash', '-c'],
          OnBuild: ['RUN make'],
          Healthcheck: { Test: ['CMD', 'true'], Interval: 30e9, Retries: 3 },
        },
      }),
    );
    expect(d.extraConfig).toEqual({
      stopSignal: 'SIGQUIT',
      shell: ['/bin/bash', '-c'],
      onBuild: ['RUN make'],
      healthcheck: { test: ['CMD', 'true'], interval: 30e9, timeout: 0, startPeriod: 0, retries: 3 },
    });
    expect([d.dockerVersion, d.variant]).toEqual(['20.10.24', 'v8']);
    expect(ImageDetailSchema.parse(d)).toEqual(d);
  });

  it('a null Config yields an empty config (cmd and entrypoint null)', () => {
    const d = mapImageDetail(inspect({ Config: null }));
    expect(d.config).toEqual({
      cmd: null,
      entrypoint: null,
      env: [],
      workingDir: '',
      user: '',
      exposedPorts: [],
      volumes: [],
      labels: {},
    });
    expect(ImageDetailSchema.safeParse(d).success).toBe(true);
  });

  it('null Config fields (as the engine sends them) become empty values', () => {
    const d = mapImageDetail(
      inspect({
        Config: { Cmd: null, Entrypoint: null, Env: null, ExposedPorts: null, Volumes: null, Labels: null },
      }),
    );
    expect(d.config).toEqual({
      cmd: null,
      entrypoint: null,
      env: [],
      workingDir: '',
      user: '',
      exposedPorts: [],
      volumes: [],
      labels: {},
    });
  });

  it('a minimal answer (Id only) still satisfies the contract', () => {
    const d = mapImageDetail({ Id: ID });
    expect(d.layers).toEqual([]);
    expect(d.size).toBe(0);
    expect(ImageDetailSchema.safeParse(d).success).toBe(true);
  });

  it('a null RootFS or null Layers yields no layers', () => {
    expect(mapImageDetail(inspect({ RootFS: null })).layers).toEqual([]);
    expect(mapImageDetail(inspect({ RootFS: { Layers: null } })).layers).toEqual([]);
  });
});
