/**
 * Tiny synthetic image archives, byte by byte (through tar-builder.ts), for the layouts and
 * defects real tools rarely produce on demand: Docker 25 bugs, containerd-style ordering,
 * multi-platform indexes with absent platforms, attestation manifests, nested indexes, v1
 * archives, hostile names, truncations, decompression bombs.
 *
 * Every case is a whole outer archive (a Buffer) plus what the test needs to know about it
 * (its layers' diffIDs, the blob names). Nothing here touches the disk or a tool.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { tar, type BuildEntry } from './tar-builder';

export const MT = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  inToto: 'application/vnd.in-toto+json',
} as const;

export const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const hex = (digest: string): string => digest.slice('sha256:'.length);
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));

/** One layer: its uncompressed tar (diffID) and the blob as stored (maybe gzip). */
export interface SynthLayer {
  tar: Buffer;
  diffId: string;
  blob: Buffer;
  /** Digest of the stored blob (== diffId when uncompressed). */
  digest: string;
  mediaType: string;
}

export function makeLayer(entries: BuildEntry[], compression: 'none' | 'gzip' = 'none'): SynthLayer {
  const t = tar(entries);
  const blob = compression === 'gzip' ? gzipSync(t) : t;
  return {
    tar: t,
    diffId: sha256(t),
    blob,
    digest: sha256(blob),
    mediaType: compression === 'gzip' ? MT.ociLayerGzip : MT.ociLayer,
  };
}

/**
 * The two layers most cases use. BASE: bin/sh (100 B), etc/hello (6 B), etc/remove-me/x (10 B).
 * TOP: removes the directory etc/remove-me (a whiteout), rewrites etc/hello (12 B), adds etc/new (20 B).
 */
export const BASE_ENTRIES: BuildEntry[] = [
  { name: './', type: 'dir' },
  { name: './bin/', type: 'dir' },
  { name: './bin/sh', size: 100, mode: 0o755 },
  { name: './etc/', type: 'dir' },
  { name: './etc/hello', body: 'hello\n' },
  { name: './etc/remove-me/', type: 'dir' },
  { name: './etc/remove-me/x', size: 10 },
];
export const TOP_ENTRIES: BuildEntry[] = [
  { name: 'etc/', type: 'dir' },
  { name: 'etc/.wh.remove-me', size: 0 },
  { name: 'etc/hello', body: 'hello again\n' },
  { name: 'etc/new', size: 20 },
];
/** What TOP does to BASE, as the analyzer should count it. */
export const TOP_CHANGES = { added: 1, modified: 2, removed: 1, removedBytes: 10, sizeBytes: 32 } as const;
export const BASE_SIZE = 116;

export interface ConfigOptions {
  os?: string;
  architecture?: string;
  variant?: string;
  /** Override the diff_ids the config states. */
  diffIds?: string[];
  history?: { created_by: string; empty_layer?: boolean }[];
}

export function makeConfig(layers: SynthLayer[], o: ConfigOptions = {}): Buffer {
  return json({
    architecture: o.architecture ?? 'amd64',
    os: o.os ?? 'linux',
    ...(o.variant ? { variant: o.variant } : {}),
    created: '2024-01-02T03:04:05Z',
    config: { Cmd: ['/bin/sh'], Env: ['PATH=/bin'], Labels: { 'strata.synthetic': 'yes' } },
    rootfs: { type: 'layers', diff_ids: o.diffIds ?? layers.map((l) => l.diffId) },
    history:
      o.history ?? layers.map((_, k) => ({ created_by: k === 0 ? 'ADD base /' : `/bin/sh -c change ${k}` })),
  });
}

export const file = (
  name: string,
  body: Uint8Array | string,
  extra: Partial<BuildEntry> = {},
): BuildEntry => ({
  name,
  body: typeof body === 'string' ? Buffer.from(body) : body,
  ...extra,
});
export const dir = (name: string): BuildEntry => ({
  name: name.endsWith('/') ? name : `${name}/`,
  type: 'dir',
});
export const symlink = (name: string, target: string): BuildEntry => ({
  name,
  type: 'symlink',
  linkname: target,
});

const v1id = (seed: string): string => hex(sha256(Buffer.from(`v1:${seed}`)));

// ---------------------------------------------------------------------------------------------
// Legacy docker-archive (docker save <= 24, podman/skopeo docker-archive)

export interface LegacyImage {
  repoTags: string[] | null;
  layers: SynthLayer[];
  config?: Buffer;
}

export interface LegacyOptions {
  /** Layers already written for an earlier image are `../<id>/layer.tar` symlinks, listed BEFORE the folders they point at. */
  symlinksFirst?: boolean;
  /** Edit the manifest.json entries before they are written. */
  manifest?: (entries: Record<string, unknown>[]) => unknown;
  /** Layer tars (by diffID) to leave out of the archive. */
  omitLayers?: string[];
  /** Raw bytes for manifest.json instead of JSON. */
  manifestBytes?: Buffer;
  /** Raw bytes for the config of image 0. */
  configBytes?: Buffer;
  /** Extra entries, written first. */
  prepend?: BuildEntry[];
}

export interface LegacyArchive {
  bytes: Buffer;
  /** Config member name (== image ID hex + .json) per image. */
  configs: string[];
  ids: string[];
}

export function legacyDockerArchive(images: LegacyImage[], o: LegacyOptions = {}): LegacyArchive {
  const entries: BuildEntry[] = [...(o.prepend ?? [])];
  const written = new Map<string, string>(); // diffId -> folder holding the real layer.tar
  const symlinks: BuildEntry[] = [];
  const folders: BuildEntry[] = [];
  const manifest: Record<string, unknown>[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  const configs: string[] = [];
  const ids: string[] = [];
  images.forEach((img, i) => {
    const config = i === 0 && o.configBytes ? o.configBytes : (img.config ?? makeConfig(img.layers));
    const configName = `${hex(sha256(config))}.json`;
    configs.push(configName);
    ids.push(sha256(config));
    entries.push(file(configName, config));
    let parent = '';
    const layerPaths: string[] = [];
    img.layers.forEach((l, k) => {
      const id = v1id(`${i}/${k}/${l.diffId}/${parent}`);
      layerPaths.push(`${id}/layer.tar`);
      const v1json = {
        id,
        ...(parent ? { parent } : {}),
        created: '2024-01-02T03:04:05Z',
        container_config: { Cmd: null },
      };
      folders.push(dir(id), file(`${id}/VERSION`, '1.0'), file(`${id}/json`, JSON.stringify(v1json)));
      const target = written.get(l.diffId);
      if (target) {
        (o.symlinksFirst ? symlinks : folders).push(symlink(`${id}/layer.tar`, `../${target}/layer.tar`));
      } else if (!o.omitLayers?.includes(l.diffId)) {
        folders.push(file(`${id}/layer.tar`, l.blob));
        written.set(l.diffId, id);
      }
      parent = id;
    });
    manifest.push({ Config: configName, RepoTags: img.repoTags, Layers: layerPaths });
    for (const t of img.repoTags ?? []) {
      const [repo, tag] = [t.slice(0, t.lastIndexOf(':')), t.slice(t.lastIndexOf(':') + 1)];
      (repositories[repo] ??= {})[tag] = parent;
    }
  });
  entries.push(...symlinks, ...folders);
  entries.push(file('manifest.json', o.manifestBytes ?? json(o.manifest ? o.manifest(manifest) : manifest)));
  entries.push(file('repositories', JSON.stringify(repositories)));
  return { bytes: tar(entries), configs, ids };
}

// ---------------------------------------------------------------------------------------------
// OCI image layouts

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

/** Content-addressed blobs for an OCI layout. */
export class BlobStore {
  readonly blobs = new Map<string, Buffer>();

  add(bytes: Buffer, mediaType: string, extra: Partial<Descriptor> = {}): Descriptor {
    const digest = sha256(bytes);
    this.blobs.set(digest, bytes);
    return { mediaType, digest, size: bytes.length, ...extra };
  }

  json(v: unknown, mediaType: string, extra: Partial<Descriptor> = {}): Descriptor {
    return this.add(json(v), mediaType, extra);
  }

  /** Stores the layers and config, returns the manifest's descriptor. */
  image(
    layers: SynthLayer[],
    extra: Partial<Descriptor> = {},
    o: ConfigOptions & { layerOrder?: number[]; layerMediaType?: string } = {},
  ): Descriptor {
    const config = this.add(makeConfig(layers, o), MT.ociConfig);
    const descs = layers.map((l) => this.add(l.blob, o.layerMediaType ?? l.mediaType));
    const order = o.layerOrder ?? descs.map((_, k) => k);
    return this.json(
      { schemaVersion: 2, mediaType: MT.ociManifest, config, layers: order.map((k) => descs[k]!) },
      MT.ociManifest,
      extra,
    );
  }

  configDigestOf(manifest: Descriptor): string {
    const m = JSON.parse(this.blobs.get(manifest.digest)!.toString()) as { config: { digest: string } };
    return m.config.digest;
  }
}

export interface OciOptions {
  /** 'blobs-first': every blob before index.json (containerd exports, sorted by name). */
  order?: 'index-first' | 'blobs-first';
  /** Blobs to leave out (platforms not stored locally, missing layers). */
  omit?: string[];
  /** Docker 25+/containerd compat manifest.json (already built). */
  manifestJson?: unknown;
  /** No `oci-layout` file. */
  noLayoutFile?: boolean;
}

export function ociArchive(store: BlobStore, manifests: Descriptor[], o: OciOptions = {}): Buffer {
  const index = { schemaVersion: 2, mediaType: MT.ociIndex, manifests };
  const head: BuildEntry[] = [
    ...(o.noLayoutFile ? [] : [file('oci-layout', '{"imageLayoutVersion":"1.0.0"}')]),
    file('index.json', JSON.stringify(index)),
    ...(o.manifestJson !== undefined ? [file('manifest.json', JSON.stringify(o.manifestJson))] : []),
  ];
  const blobs: BuildEntry[] = [dir('blobs'), dir('blobs/sha256')];
  for (const [digest, bytes] of store.blobs) {
    if (!o.omit?.includes(digest)) blobs.push(file(`blobs/sha256/${hex(digest)}`, bytes));
  }
  return tar(o.order === 'blobs-first' ? [...blobs, ...head] : [...head, ...blobs]);
}

// ---------------------------------------------------------------------------------------------
// The cases

export const base = (): SynthLayer => makeLayer(BASE_ENTRIES);
export const top = (): SynthLayer => makeLayer(TOP_ENTRIES);

/** docker save <= 24: two images sharing the base layer (a symlink written before its target). */
export function legacyTwoImages(): LegacyArchive & { layers: SynthLayer[] } {
  const b = base();
  const t = top();
  const a = legacyDockerArchive(
    [
      { repoTags: ['synthetic/base:1'], layers: [b] },
      { repoTags: ['synthetic/app:1', 'synthetic/app:latest'], layers: [b, t] },
    ],
    { symlinksFirst: true },
  );
  return { ...a, layers: [b, t] };
}

/**
 * An index (containerd / buildx) with linux/amd64 stored, linux/arm64 listed but without blobs,
 * and an attestation manifest (platform unknown/unknown) for amd64.
 */
export function ociTwoPlatforms(): {
  bytes: Buffer;
  amd64Config: string;
  attestation: string;
  arm64: string;
} {
  const s = new BlobStore();
  const amd = s.image([base(), top()], { platform: { os: 'linux', architecture: 'amd64' } });
  const armLayers = [makeLayer([file('arm-only', 'arm\n')], 'gzip')];
  const arm = s.image(
    armLayers,
    { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    { architecture: 'arm64', variant: 'v8' },
  );
  const armBlobs = [arm.digest, s.configDigestOf(arm), armLayers[0]!.digest];
  const statement = s.add(Buffer.from('{"_type":"https://in-toto.io/Statement/v0.1"}'), MT.inToto);
  const attConfig = s.json(
    { architecture: 'unknown', os: 'unknown', rootfs: { type: 'layers', diff_ids: [statement.digest] } },
    MT.ociConfig,
  );
  const att = s.json(
    { schemaVersion: 2, mediaType: MT.ociManifest, config: attConfig, layers: [statement] },
    MT.ociManifest,
    {
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': amd.digest,
      },
    },
  );
  const idx = s.json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: [amd, arm, att] }, MT.ociIndex, {
    annotations: {
      'io.containerd.image.name': 'docker.io/synthetic/multi:1',
      'org.opencontainers.image.ref.name': '1',
    },
  });
  return {
    bytes: ociArchive(s, [idx], { order: 'blobs-first', omit: armBlobs }),
    amd64Config: s.configDigestOf(amd),
    attestation: att.digest,
    arm64: arm.digest,
  };
}

/** index.json -> index -> index -> manifest. */
export function ociNestedIndex(): { bytes: Buffer; config: string } {
  const s = new BlobStore();
  const m = s.image([base(), top()], { platform: { os: 'linux', architecture: 'amd64' } });
  const inner = s.json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: [m] }, MT.ociIndex);
  const outer = s.json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: [inner] }, MT.ociIndex, {
    annotations: { 'org.opencontainers.image.ref.name': 'synthetic/nested:1' },
  });
  return { bytes: ociArchive(s, [outer]), config: s.configDigestOf(m) };
}

/**
 * Docker 25 with its bugs: layers uncompressed and named by diffID, the OCI manifest lists them in
 * a shuffled order (25.0.0), and the compat manifest.json entry has no layers (a v25 regression).
 * `manifestJsonLayers: 'correct'` keeps manifest.json right (only the OCI side shuffled).
 */
export function docker25(manifestJsonLayers: 'none' | 'correct'): {
  bytes: Buffer;
  layers: SynthLayer[];
  id: string;
} {
  const layers = [base(), top(), makeLayer([file('third', 'three\n')])];
  const s = new BlobStore();
  const m = s.image(
    layers,
    {
      annotations: {
        'io.containerd.image.name': 'docker.io/synthetic/d25:1',
        'org.opencontainers.image.ref.name': '1',
      },
    },
    { layerOrder: [2, 0, 1] },
  );
  const config = s.configDigestOf(m);
  const manifestJson = [
    {
      Config: `blobs/sha256/${hex(config)}`,
      RepoTags: ['synthetic/d25:1'],
      Layers: manifestJsonLayers === 'none' ? [] : layers.map((l) => `blobs/sha256/${hex(l.diffId)}`),
    },
  ];
  return { bytes: ociArchive(s, [m], { order: 'blobs-first', manifestJson }), layers, id: config };
}

/** Docker 25.0.0-25.0.2 saving an image by ID: manifest.json has it, index.json does not list it. */
export function docker25NotInIndex(): { bytes: Buffer; layers: SynthLayer[]; id: string } {
  const layers = [base(), top()];
  const s = new BlobStore();
  const m = s.image(layers);
  const config = s.configDigestOf(m);
  const manifestJson = [
    {
      Config: `blobs/sha256/${hex(config)}`,
      RepoTags: null,
      Layers: layers.map((l) => `blobs/sha256/${hex(l.diffId)}`),
    },
  ];
  return { bytes: ociArchive(s, [], { order: 'blobs-first', manifestJson }), layers, id: config };
}

/** containerd export: gzip layers (digest != diffID), every blob before index.json and manifest.json. */
export function containerdBlobsFirst(): { bytes: Buffer; layers: SynthLayer[]; id: string } {
  const layers = [makeLayer(BASE_ENTRIES, 'gzip'), makeLayer(TOP_ENTRIES, 'gzip')];
  const s = new BlobStore();
  const m = s.image(layers, {
    platform: { os: 'linux', architecture: 'amd64' },
    annotations: { 'io.containerd.image.name': 'docker.io/synthetic/ctr:1' },
  });
  const config = s.configDigestOf(m);
  const manifestJson = [
    {
      Config: `blobs/sha256/${hex(config)}`,
      RepoTags: ['synthetic/ctr:1'],
      Layers: layers.map((l) => `blobs/sha256/${hex(l.digest)}`),
    },
  ];
  return { bytes: ociArchive(s, [m], { order: 'blobs-first', manifestJson }), layers, id: config };
}

/** An index listing, next to a real image, a descriptor of a media type nobody knows, and a layer with an odd media type. */
export function ociUnknownMediaType(): { bytes: Buffer; unknown: string } {
  const s = new BlobStore();
  const m = s.image(
    [base(), top()],
    { annotations: { 'org.opencontainers.image.ref.name': 'synthetic/odd:1' } },
    { layerMediaType: 'application/vnd.example.layer.v9+tar' },
  );
  const odd = s.json({ hello: 'world' }, 'application/vnd.example.something+json');
  return { bytes: ociArchive(s, [odd, m]), unknown: odd.digest };
}

/** An OCI manifest whose second layer blob is not in the archive. */
export function ociMissingLayer(): Buffer {
  const s = new BlobStore();
  const t = top();
  const m = s.image([base(), t]);
  return ociArchive(s, [m], { omit: [t.digest] });
}

/** A docker-archive whose manifest.json names a layer.tar that is not there. */
export function legacyMissingLayer(): Buffer {
  const t = top();
  return legacyDockerArchive([{ repoTags: ['synthetic/missing:1'], layers: [base(), t] }], {
    omitLayers: [t.diffId],
  }).bytes;
}

/** manifest.json lists two layers, the config three diff_ids. */
export function layerCountMismatch(): Buffer {
  const layers = [base(), top()];
  const config = makeConfig(layers, {
    diffIds: [...layers.map((l) => l.diffId), sha256(Buffer.from('extra'))],
  });
  return legacyDockerArchive([{ repoTags: ['synthetic/mismatch:1'], layers, config }]).bytes;
}

/** manifest.json is not JSON. */
export function badManifestJson(): Buffer {
  return legacyDockerArchive([{ repoTags: ['synthetic/bad:1'], layers: [base()] }], {
    manifestBytes: Buffer.from('[{"Config": "x.json", "Layers": ['),
  }).bytes;
}

/** The image config is not JSON. */
export function badConfigJson(): Buffer {
  return legacyDockerArchive([{ repoTags: ['synthetic/bad:1'], layers: [base()] }], {
    configBytes: Buffer.from('{"rootfs": {"diff_ids": ['),
  }).bytes;
}

/** podman `save --format docker-dir` put in a tar: manifest.json is one object (a registry manifest). */
export function podmanDockerDir(): Buffer {
  const b = base();
  const config = makeConfig([b]);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: config.length,
      digest: sha256(config),
    },
    layers: [
      { mediaType: 'application/vnd.docker.image.rootfs.diff.tar', size: b.blob.length, digest: b.digest },
    ],
  };
  return tar([
    file('manifest.json', JSON.stringify(manifest)),
    file(hex(sha256(config)), config),
    file(hex(b.digest), b.blob),
    file('version', 'Directory Transport Version: 1.1\n'),
  ]);
}

/** A pre-1.10 docker save: `repositories` and `<id>/json` with a parent chain; folders listed top first. */
export function v1Only(): { bytes: Buffer; layers: SynthLayer[]; topId: string } {
  const layers = [base(), top()];
  const ids = [v1id('old-base'), v1id('old-top')];
  const jsons = [
    {
      id: ids[0],
      created: '2015-01-01T00:00:00Z',
      container_config: { Cmd: ['/bin/sh', '-c', '#(nop) ADD base'] },
      config: {},
      os: 'linux',
      architecture: 'amd64',
    },
    {
      id: ids[1],
      parent: ids[0],
      created: '2015-01-02T00:00:00Z',
      container_config: { Cmd: ['/bin/sh', '-c', 'change'] },
      config: { Cmd: ['/bin/sh'], Env: ['PATH=/bin'] },
      os: 'linux',
      architecture: 'amd64',
    },
  ];
  const entries: BuildEntry[] = [];
  for (const k of [1, 0]) {
    entries.push(
      dir(ids[k]!),
      file(`${ids[k]}/VERSION`, '1.0'),
      file(`${ids[k]}/json`, JSON.stringify(jsons[k])),
      file(`${ids[k]}/layer.tar`, layers[k]!.blob),
    );
  }
  entries.push(file('repositories', JSON.stringify({ 'synthetic/v1': { old: ids[1] } })));
  return { bytes: tar(entries), layers, topId: ids[1]! };
}

/** A legacy archive cut in the middle of its second layer (so before manifest.json). */
export function truncated(): Buffer {
  const whole = legacyDockerArchive([
    { repoTags: ['synthetic/cut:1'], layers: [base(), makeLayer([file('big', Buffer.alloc(64 * 1024, 7))])] },
  ]).bytes;
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

/** A complete archive whose tail (manifest.json, repositories, end blocks) is cut off mid-member. */
export function truncatedAtEnd(): Buffer {
  const whole = legacyDockerArchive([{ repoTags: ['synthetic/cut:1'], layers: [base()] }]).bytes;
  return whole.subarray(0, whole.length - 1024 - 700);
}

/**
 * Hostile names: the outer tar holds `../escape` and `/abs-outer` members (never to be resolved or
 * used), and the top layer holds `../../etc/evil`, `a/../../b`, an absolute `/abs/file`, a
 * hardlink to `../../etc/shadow` and an absolute symlink target.
 */
export function hostileNames(): { bytes: Buffer; layers: SynthLayer[] } {
  const b = base();
  const t = makeLayer([
    { name: '../../etc/evil', body: 'evil\n' },
    { name: 'a/../../b', body: 'dotdot\n' },
    { name: '/abs/file', body: 'absolute\n' },
    { name: 'etc/shadow-link', type: 'hardlink', linkname: '../../etc/shadow' },
    { name: 'etc/passwd-link', type: 'symlink', linkname: '/etc/passwd' },
    { name: 'etc/ok', body: 'ok\n' },
  ]);
  const a = legacyDockerArchive([{ repoTags: ['synthetic/hostile:1'], layers: [b, t] }], {
    prepend: [file('../escape/layer.tar', b.blob), file('/abs-outer.json', '{}')],
  });
  return { bytes: a.bytes, layers: [b, t] };
}

/** A docker-archive whose manifest.json points a layer at `../escape/layer.tar` (outside the archive). */
export function hostileLayerPath(): Buffer {
  const b = base();
  return legacyDockerArchive([{ repoTags: ['synthetic/hostile:2'], layers: [b] }], {
    prepend: [file('../escape/layer.tar', b.blob)],
    manifest: (entries) => entries.map((e) => ({ ...e, Layers: ['../escape/layer.tar'] })),
  }).bytes;
}

/**
 * A decompression bomb: a gzip layer of a few KiB holding one file of `inflatedBytes` zeros.
 * Analyze it with `maxInflatedBytes` below that.
 */
export function gzipBomb(inflatedBytes = 16 * 1024 * 1024): {
  bytes: Buffer;
  blobBytes: number;
  tarBytes: number;
} {
  const bomb = makeLayer([{ name: 'zeros', body: Buffer.alloc(inflatedBytes) }], 'gzip');
  const s = new BlobStore();
  const m = s.image([bomb], { annotations: { 'org.opencontainers.image.ref.name': 'synthetic/bomb:1' } });
  return { bytes: ociArchive(s, [m]), blobBytes: bomb.blob.length, tarBytes: bomb.tar.length };
}

/** An archive whose plain layer is `layerBytes` of zeros: gzip the whole archive for an outer bomb. */
export function bigPlainLayer(layerBytes = 8 * 1024 * 1024): Buffer {
  return legacyDockerArchive([
    {
      repoTags: ['synthetic/big:1'],
      layers: [makeLayer([{ name: 'zeros', body: Buffer.alloc(layerBytes) }])],
    },
  ]).bytes;
}
