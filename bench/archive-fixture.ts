// The benchmark's image archives, built once and cached outside the repository.
//
// Recipe: a debootstrap minbase bookworm rootfs imported into a private dockerd, then the legacy builder
// (DOCKER_BUILDKIT=0) adds 8 layers of content generated on the host into the build context:
// tens of thousands of small files per layer across deep directories, big incompressible files,
// overwrites of earlier files, and a RUN that deletes files and directories (whiteouts) and recreates
// removed directories (opaque directories). The same recipe is built at three scales (25 %, 50 %,
// 100 % of the generated content: the first quarter / half of every layer's files and big files at a
// quarter / half of their size; the debootstrap base is the same in all three), each `docker save`d to a
// legacy uncompressed archive (A). The whole image is also copied with skopeo to an OCI archive with
// gzip layers (B). A tiny one-layer archive gives the CLI's baseline memory.
//
// Cache: <cache>/fixture-<key>/, key = hash of the recipe (version string, layer spec, Dockerfile, base
// key), so any change to the recipe rebuilds; the debootstrap rootfs is cached separately under
// <cache>/base-<key>/.
import { createCipheriv, createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { startDockerd, type Dockerd } from '../test/testbed/dockerd';
import { ensureDebianPackages } from '../test/testbed/ensure-packages';
import { exec, fmtBytes, pipeline, say } from './archive-proc';

/** Bump when the generator code changes in a way the spec below does not show. */
export const RECIPE_VERSION = 'strata-archive-bench/1';
const BASE_VERSION = 'strata-archive-bench-base/1';

export const CACHE_ROOT = process.env['STRATA_BENCH_CACHE'] ?? '/var/tmp/strata-bench';
const DOCKER = '/usr/bin/docker'; // docker.io's 20.10 CLI, matching the daemon
const MiB = 1024 * 1024;

type Level = readonly [prefix: string, fanout: number];
type LayerSpec =
  | { kind: 'small'; ctx: string; dest: string; files: number; levels: readonly Level[]; seed: number }
  | { kind: 'big'; ctx: string; dest: string; files: readonly (readonly [name: string, mib: number])[] }
  | { kind: 'overwrite'; ctx: string; dest: string; of: string; every: number; seed: number }
  | { kind: 'run'; script: readonly string[] };

/** Files are spread round-robin over the leaf directories, so every directory exists at every scale. */
const LAYERS: readonly LayerSpec[] = [
  { kind: 'small', ctx: 'app', dest: '/srv/app/', files: 32_000, levels: [['pkg', 8], ['src', 8], ['mod', 8]], seed: 11 },
  { kind: 'small', ctx: 'data', dest: '/srv/data/', files: 32_000, levels: [['part', 6], ['shard', 6], ['bucket', 6], ['set', 4]], seed: 12 },
  { kind: 'big', ctx: 'blobs', dest: '/opt/blobs/', files: [['big-0.bin', 48], ['big-1.bin', 48], ['big-2.bin', 48]] },
  { kind: 'small', ctx: 'share', dest: '/usr/share/gen/', files: 28_000, levels: [['doc', 10], ['lang', 10], ['topic', 5]], seed: 13 },
  // Every 8th file of /srv/app again, new content and size: "modified" entries.
  { kind: 'overwrite', ctx: 'app-v2', dest: '/srv/app/', of: 'app', every: 8, seed: 14 },
  {
    kind: 'run',
    script: [
      'rm -rf /srv/data/part1/shard2 /srv/data/part4', // directory whiteouts
      "find /srv/app/pkg1 -type f -name 'f*3.*' -delete", // ~400 file whiteouts
      'rm -f /opt/blobs/big-1.bin', // a big file removed
      'rm -rf /usr/share/gen/doc2 && mkdir /usr/share/gen/doc2 && echo replaced > /usr/share/gen/doc2/README', // opaque
      'rm -rf /srv/app/pkg5/src5 && mkdir /srv/app/pkg5/src5 && echo keep > /srv/app/pkg5/src5/.keep', // opaque
    ],
  },
  { kind: 'small', ctx: 'lib', dest: '/var/lib/gen/', files: 20_000, levels: [['a', 4], ['b', 4], ['c', 4], ['d', 4], ['e', 4]], seed: 15 },
  // New big files, and a big file of layer 3 overwritten.
  { kind: 'big', ctx: 'late', dest: '/opt/', files: [['blobs2/big-a.bin', 32], ['blobs2/big-b.bin', 32], ['blobs/big-2.bin', 48]] },
]; // prettier-ignore

export const SCALES = [
  { name: 'quarter', scale: 0.25, tag: 'strata-bench/img:s25' },
  { name: 'half', scale: 0.5, tag: 'strata-bench/img:s50' },
  { name: 'whole', scale: 1, tag: 'strata-bench/img:s100' },
] as const;
export type ScaleName = (typeof SCALES)[number]['name'];

const BASE_TAG = 'strata-bench/base:latest';
const TINY_TAG = 'strata-bench/tiny:latest';

function dockerfile(): string {
  const lines = [
    `FROM ${BASE_TAG}`,
    'LABEL org.opencontainers.image.title="strata archive benchmark"',
    'ENV STRATA_BENCH=1',
  ];
  for (const l of LAYERS) {
    if (l.kind === 'run') lines.push(`RUN set -e; ${l.script.join('; ')}`);
    else lines.push(`COPY ${l.ctx}/ ${l.dest}`);
  }
  lines.push('CMD ["/bin/bash"]');
  return `${lines.join('\n')}\n`;
}

export interface ArchiveInfo {
  file: string;
  bytes: number;
  layers: number;
  /** Entries over all layers, as GNU tar lists them. */
  entries: number;
  /** Sum of the layers' uncompressed tar sizes. */
  layerTarBytes: number;
}

export interface Fixture {
  key: string;
  dir: string;
  recipe: string;
  /** Legacy `docker save` archives (uncompressed layers), by scale. */
  a: Record<ScaleName, ArchiveInfo & { scale: number }>;
  /** skopeo OCI archive of the whole image, gzip layers. */
  b: ArchiveInfo;
  /** One layer, one file: the CLI's baseline memory. */
  tiny: ArchiveInfo;
  builtAt: string;
  buildSeconds: number;
}

// ---------------------------------------------------------------------------------------------
// Content generation (deterministic: names, sizes and bytes depend only on the recipe)

/** mulberry32 */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic incompressible bytes: AES-128-CTR keystream keyed by a name. */
function keystream(name: string): (n: number) => Buffer {
  const key = createHash('sha256').update(name).digest();
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32));
  return (n) => cipher.update(Buffer.alloc(n));
}

const POOL_BYTES = 4 * MiB;
let pools: { random: Buffer; text: Buffer } | undefined;
function contentPools(): { random: Buffer; text: Buffer } {
  if (pools) return pools;
  const random = keystream('strata-bench-pool')(POOL_BYTES);
  const r = rng(7);
  const letters = 'etaoinshrdlcumwfgypbvkjxqz';
  const words = Array.from({ length: 3000 }, () => {
    const n = 2 + Math.floor(r() * 9);
    let w = '';
    for (let i = 0; i < n; i++) w += letters[Math.floor(Math.pow(r(), 1.6) * letters.length)];
    return w;
  });
  const parts: string[] = [];
  let len = 0;
  while (len < POOL_BYTES) {
    const n = 4 + Math.floor(r() * 12);
    let line = '';
    for (let i = 0; i < n; i++) line += `${words[Math.floor(Math.pow(r(), 2) * words.length)]} `;
    line = `${line.trimEnd()}\n`;
    parts.push(line);
    len += line.length;
  }
  pools = { random, text: Buffer.from(parts.join('')).subarray(0, POOL_BYTES) };
  return pools;
}

const TEXT_EXT = ['txt', 'md', 'json', 'js', 'py', 'c', 'h', 'yaml', 'html', 'css'];
const BIN_EXT = ['png', 'so', 'gz', 'bin', 'woff2', 'jpg'];

interface SmallFile {
  rel: string;
  size: number;
  binary: boolean;
  offset: number;
}

/** The first `scale` fraction of a small-file layer's files: the same prefix of one generator stream. */
function smallFiles(l: Extract<LayerSpec, { kind: 'small' }>, scale: number): SmallFile[] {
  const r = rng(l.seed);
  const leaves = l.levels.reduce((n, [, f]) => n * f, 1);
  const count = Math.round(l.files * scale);
  const files: SmallFile[] = [];
  for (let i = 0; i < count; i++) {
    // Four draws per file, always, so a file's attributes do not depend on the scale.
    const band = r();
    const within = r();
    const pick = r();
    const where = r();
    // ~65 % 64 B-4 KiB, ~30 % 4-20 KiB, ~5 % 20-80 KiB: about 7.4 KiB on average.
    const size =
      band < 0.65
        ? 64 + Math.floor(within * 4032)
        : band < 0.95
          ? 4096 + Math.floor(within * 16384)
          : 20480 + Math.floor(within * 61440);
    const binary = pick < 0.5;
    const exts = binary ? BIN_EXT : TEXT_EXT;
    const ext = exts[Math.floor(((pick % 0.5) / 0.5) * exts.length)]!;
    let leaf = i % leaves;
    const dirs: string[] = [];
    for (let k = l.levels.length - 1; k >= 0; k--) {
      const [prefix, fanout] = l.levels[k]!;
      dirs.unshift(`${prefix}${leaf % fanout}`);
      leaf = Math.floor(leaf / fanout);
    }
    files.push({
      rel: `${dirs.join('/')}/f${String(i).padStart(6, '0')}.${ext}`,
      size,
      binary,
      offset: Math.floor(where * (POOL_BYTES - size)),
    });
  }
  return files;
}

function writeSmall(root: string, files: readonly SmallFile[]): number {
  const { random, text } = contentPools();
  const made = new Set<string>();
  let bytes = 0;
  for (const f of files) {
    const full = path.join(root, f.rel);
    const dir = path.dirname(full);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(full, (f.binary ? random : text).subarray(f.offset, f.offset + f.size));
    bytes += f.size;
  }
  return bytes;
}

/** `name` (the path inside the context) keys the bytes: a smaller scale gets a prefix of the same file. */
function writeBig(file: string, name: string, bytes: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const next = keystream(name);
  const fd = openSync(file, 'w');
  try {
    for (let done = 0; done < bytes;) {
      const n = Math.min(8 * MiB, bytes - done);
      writeSync(fd, next(n));
      done += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes the build context for one scale; returns [files, bytes] written. */
function writeContext(ctx: string, scale: number): [number, number] {
  mkdirSync(ctx, { recursive: true });
  writeFileSync(path.join(ctx, 'Dockerfile'), dockerfile());
  let files = 0;
  let bytes = 0;
  for (const l of LAYERS) {
    if (l.kind === 'small') {
      const list = smallFiles(l, scale);
      bytes += writeSmall(path.join(ctx, l.ctx), list);
      files += list.length;
    } else if (l.kind === 'big') {
      for (const [name, mib] of l.files) {
        const n = Math.round(mib * MiB * scale);
        writeBig(path.join(ctx, l.ctx, name), `${l.ctx}/${name}`, n);
        files++;
        bytes += n;
      }
    } else if (l.kind === 'overwrite') {
      const of = LAYERS.find((x) => x.kind === 'small' && x.ctx === l.of);
      if (!of || of.kind !== 'small') throw new Error(`overwrite layer: no small layer "${l.of}"`);
      const r = rng(l.seed);
      const list = smallFiles(of, scale)
        .filter((_, i) => i % l.every === 0)
        .map((f) => {
          const size = 64 + Math.floor(r() * 12000);
          return { ...f, size, offset: Math.floor(r() * (POOL_BYTES - size)) };
        });
      bytes += writeSmall(path.join(ctx, l.ctx), list);
      files += list.length;
    }
  }
  return [files, bytes];
}

// ---------------------------------------------------------------------------------------------
// Cache keys

/** The Debian mirror apt uses for bookworm (deb822 sources first, then sources.list). */
export function debianMirror(): string {
  const d822 = '/etc/apt/sources.list.d/debian.sources';
  if (existsSync(d822)) {
    for (const stanza of readFileSync(d822, 'utf8').split(/\n\s*\n/)) {
      const field = (name: string): string[] =>
        (new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(stanza)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
      if (field('Types').includes('deb') && field('Suites').includes('bookworm')) {
        const uri = field('URIs')[0];
        if (uri) return uri;
      }
    }
  }
  const list = '/etc/apt/sources.list';
  if (existsSync(list)) {
    const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(readFileSync(list, 'utf8'));
    if (m?.[1]) return m[1];
  }
  return 'http://deb.debian.org/debian';
}

const hash = (v: unknown): string =>
  createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 12);

function baseKey(mirror: string): string {
  return hash({ BASE_VERSION, suite: 'bookworm', variant: 'minbase', mirror });
}

export function recipeKey(mirror: string): string {
  return hash({ RECIPE_VERSION, LAYERS, SCALES, dockerfile: dockerfile(), base: baseKey(mirror) });
}

export function recipeSummary(): string {
  const small = LAYERS.filter((l) => l.kind === 'small').reduce((n, l) => n + l.files, 0);
  const big = LAYERS.flatMap((l) => (l.kind === 'big' ? l.files.map(([, m]) => m) : [])).reduce(
    (a, b) => a + b,
    0,
  );
  return (
    `debootstrap --variant=minbase bookworm + ${LAYERS.length} layers (legacy builder): ` +
    `${small.toLocaleString('en-US')} generated small files in 4 layers over deep dirs, ${big} MiB of ` +
    `random big files in 2 layers, 1 layer of overwrites (every 8th file of /srv/app), 1 RUN of ` +
    `deletions (dir + file whiteouts, 2 opaque dirs)`
  );
}

// ---------------------------------------------------------------------------------------------
// Building

const DOCKER_ENV = (configDir: string, host: string): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DOCKER_'))),
  DOCKER_HOST: host,
  DOCKER_BUILDKIT: '0',
  DOCKER_CONFIG: configDir,
  DOCKER_CLI_HINTS: 'false',
});

async function ensureBaseRootfs(mirror: string): Promise<string> {
  const dir = path.join(CACHE_ROOT, `base-${baseKey(mirror)}`);
  const tar = path.join(dir, 'rootfs.tar');
  if (existsSync(tar)) return tar;
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const rootfs = path.join(dir, 'rootfs.partial');
  rmSync(rootfs, { recursive: true, force: true });
  say(`base: debootstrap --variant=minbase bookworm from ${mirror} (about a minute)`);
  const log = path.join(dir, 'debootstrap.log');
  await exec('debootstrap', ['--variant=minbase', 'bookworm', rootfs, mirror], {
    stdout: { log },
    stderr: { log },
    timeoutMs: 20 * 60_000,
  });
  // As `docker import` of a rootfs expects: numeric owners, no device nodes (the engine provides /dev).
  await exec('tar', ['-C', rootfs, '--numeric-owner', '--exclude=./dev/*', '--exclude=./proc/*', '--exclude=./sys/*', '-cf', `${tar}.partial`, '.']); // prettier-ignore
  renameSync(`${tar}.partial`, tar);
  rmSync(rootfs, { recursive: true, force: true });
  say(
    `base: ${fmtBytes(statSync(tar).size)} rootfs tar [${((performance.now() - started) / 1000).toFixed(0)} s]`,
  );
  return tar;
}

/** Layer paths of a legacy docker-archive, in order (from its manifest.json). */
export async function legacyLayers(archive: string): Promise<string[]> {
  const { stdout } = await exec('tar', ['-xOf', archive, 'manifest.json'], { stdout: 'capture' });
  const manifest = JSON.parse(stdout) as { Layers?: string[] }[];
  const layers = manifest[0]?.Layers;
  if (!layers?.length) throw new Error(`${archive}: manifest.json lists no layers`);
  return layers;
}

/** Entries and tar bytes of every layer of a legacy archive (`tar -xOf A layer | tar -tvf -`). */
async function countLegacy(archive: string): Promise<ArchiveInfo> {
  const layers = await legacyLayers(archive);
  let entries = 0;
  const sizes = new Map<string, number>();
  const listing = await exec('tar', ['-tvf', archive], { stdout: 'capture' });
  for (const line of listing.stdout.split('\n')) {
    const m = /^\S{10}\s+\S+\s+(\d+)\s+\S+\s+\S+\s(.*)$/.exec(line);
    if (m) sizes.set(m[2]!, Number(m[1]));
  }
  for (const l of layers) {
    const out = await pipeline(
      { file: 'tar', args: ['-xOf', archive, l] },
      { file: 'tar', args: ['-tf', '-'] },
    );
    entries += out.split('\n').filter(Boolean).length;
  }
  return {
    file: archive,
    bytes: statSync(archive).size,
    layers: layers.length,
    entries,
    layerTarBytes: layers.reduce((n, l) => n + (sizes.get(l) ?? 0), 0),
  };
}

/** Layer blob paths of an OCI archive's first image (index.json -> manifest), in order, with media types. */
export async function ociLayers(
  archive: string,
): Promise<{ blob: string; mediaType: string; size: number }[]> {
  const read = async (name: string): Promise<unknown> =>
    JSON.parse((await exec('tar', ['-xOf', archive, name], { stdout: 'capture' })).stdout);
  const blobPath = (digest: string): string => `blobs/${digest.replace(':', '/')}`;
  const index = (await read('index.json')) as { manifests: { digest: string }[] };
  const first = index.manifests[0];
  if (!first) throw new Error(`${archive}: index.json lists no manifest`);
  const manifest = (await read(blobPath(first.digest))) as {
    layers: { digest: string; mediaType: string; size: number }[];
  };
  return manifest.layers.map((l) => ({ blob: blobPath(l.digest), mediaType: l.mediaType, size: l.size }));
}

async function countOci(archive: string): Promise<ArchiveInfo> {
  const layers = await ociLayers(archive);
  let entries = 0;
  let tarBytes = 0;
  for (const l of layers) {
    const out = await pipeline(
      { file: 'tar', args: ['-xOf', archive, l.blob] },
      { file: 'tar', args: ['-tzf', '-'] },
    );
    entries += out.split('\n').filter(Boolean).length;
    const raw = await pipeline(
      { file: 'tar', args: ['-xOf', archive, l.blob] },
      { file: 'sh', args: ['-c', 'gzip -dc | wc -c'] },
    );
    tarBytes += Number(raw.trim());
  }
  return {
    file: archive,
    bytes: statSync(archive).size,
    layers: layers.length,
    entries,
    layerTarBytes: tarBytes,
  };
}

async function build(dir: string, key: string, mirror: string): Promise<Fixture> {
  const started = performance.now();
  await ensureDebianPackages(['docker.io', 'skopeo', 'debootstrap', 'tar', 'gzip']);
  const baseTar = await ensureBaseRootfs(mirror);
  const log = path.join(dir, 'build.log');
  const say2 = (m: string): void =>
    say(`build: ${m} [${((performance.now() - started) / 1000).toFixed(0)} s]`);

  let dockerd: Dockerd | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    say(`${sig}: stopping the private dockerd`);
    void (dockerd?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    dockerd = await startDockerd();
    const env = DOCKER_ENV(path.join(dir, 'docker-config'), dockerd.dockerHost);
    const docker = (args: string[], timeoutMs = 30 * 60_000) =>
      exec(DOCKER, ['-H', dockerd!.dockerHost, ...args], {
        env,
        stdout: { log },
        stderr: { log },
        timeoutMs,
      });

    await docker(['import', '-c', 'CMD ["/bin/bash"]', baseTar, BASE_TAG]);
    say2(`imported the debootstrap base as ${BASE_TAG}`);

    const a: Partial<Fixture['a']> = {};
    for (const s of SCALES) {
      const ctx = path.join(dir, `ctx-${s.name}`);
      rmSync(ctx, { recursive: true, force: true });
      const [files, bytes] = writeContext(ctx, s.scale);
      say2(
        `${s.name}: generated ${files.toLocaleString('en-US')} files, ${fmtBytes(bytes)} in the build context`,
      );
      await docker(['build', '--force-rm', '--network', 'none', '-t', s.tag, ctx]);
      rmSync(ctx, { recursive: true, force: true });
      say2(`${s.name}: built ${s.tag}`);
      const file = path.join(dir, `A-${s.name}.tar`);
      await docker(['save', '-o', `${file}.partial`, s.tag]);
      renameSync(`${file}.partial`, file);
      a[s.name] = { ...(await countLegacy(file)), scale: s.scale };
      say2(
        `${s.name}: saved ${fmtBytes(a[s.name]!.bytes)}, ${a[s.name]!.layers} layers, ${a[s.name]!.entries.toLocaleString('en-US')} entries`,
      );
    }

    const whole = SCALES[SCALES.length - 1]!.tag;
    const bFile = path.join(dir, 'B-whole-oci-gzip.tar');
    await exec('skopeo', ['--insecure-policy', 'copy', '--src-daemon-host', dockerd.dockerHost, `docker-daemon:${whole}`, `oci-archive:${bFile}.partial:${whole}`], {
      stdout: { log }, stderr: { log }, timeoutMs: 30 * 60_000,
      env: { ...process.env, TMPDIR: dir },
    }); // prettier-ignore
    renameSync(`${bFile}.partial`, bFile);
    const b = await countOci(bFile);
    say2(`B: skopeo OCI archive ${fmtBytes(b.bytes)}, ${b.layers} gzip layers`);

    const tinyRoot = path.join(dir, 'tiny-rootfs');
    mkdirSync(tinyRoot, { recursive: true });
    writeFileSync(path.join(tinyRoot, 'hello.txt'), 'hello\n');
    await exec('tar', ['-C', tinyRoot, '--numeric-owner', '-cf', `${tinyRoot}.tar`, '.']);
    await docker(['import', `${tinyRoot}.tar`, TINY_TAG]);
    const tinyFile = path.join(dir, 'tiny.tar');
    await docker(['save', '-o', tinyFile, TINY_TAG]);
    rmSync(tinyRoot, { recursive: true, force: true });
    rmSync(`${tinyRoot}.tar`, { force: true });
    const tiny = await countLegacy(tinyFile);

    return {
      key,
      dir,
      recipe: recipeSummary(),
      a: a as Fixture['a'],
      b,
      tiny,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await dockerd?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Checks the recipe produced what the benchmark promises. */
function checkFixture(f: Fixture): void {
  const w = f.a.whole;
  const problems: string[] = [];
  if (w.bytes < 1e9) problems.push(`archive A is ${fmtBytes(w.bytes)}, below 1 GB`);
  if (w.entries < 100_000) problems.push(`archive A has ${w.entries} entries, below 100,000`);
  if (w.layers < 8) problems.push(`archive A has ${w.layers} layers, below 8`);
  if (f.b.layers !== w.layers) problems.push(`archive B has ${f.b.layers} layers, A ${w.layers}`);
  if (problems.length) throw new Error(`the benchmark recipe is off: ${problems.join('; ')}`);
}

/** The cached fixture for the current recipe, built (and older fixtures removed) when missing. */
export async function ensureFixture(): Promise<Fixture> {
  const mirror = debianMirror();
  const key = recipeKey(mirror);
  const dir = path.join(CACHE_ROOT, `fixture-${key}`);
  const meta = path.join(dir, 'fixture.json');
  if (existsSync(meta)) {
    const f = JSON.parse(readFileSync(meta, 'utf8')) as Fixture;
    const missing = [...Object.values(f.a), f.b, f.tiny].filter((x) => !existsSync(x.file));
    if (missing.length === 0) {
      say(`fixture: cached in ${dir} (recipe key ${key})`);
      return f;
    }
    say(`fixture: ${missing.map((m) => m.file).join(', ')} missing: rebuilding`);
  }
  say(`fixture: building ${dir} (recipe key ${key}); several minutes, once`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const built = await build(partial, key, mirror);
  // Paths inside the metadata point at the final dir.
  const moved = JSON.parse(JSON.stringify(built).split(partial).join(dir)) as Fixture;
  checkFixture(moved);
  rmSync(path.join(partial, 'docker-config'), { recursive: true, force: true });
  writeFileSync(path.join(partial, 'fixture.json'), `${JSON.stringify(moved, null, 2)}\n`);
  renameSync(partial, dir);
  for (const old of readdirSync(CACHE_ROOT)) {
    if (old.startsWith('fixture-') && old !== `fixture-${key}`) {
      say(`fixture: removing stale ${path.join(CACHE_ROOT, old)}`);
      rmSync(path.join(CACHE_ROOT, old), { recursive: true, force: true });
    }
  }
  return moved;
}
