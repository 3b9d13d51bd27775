/**
 * Real image archives for the archive analyzer's integration tests, written by the tools users
 * have (fixtures only: the product never runs a CLI):
 *
 * - `docker save` of four tags (three images, two tags on one, shared base layer written once and
 *   linked as a `layer.tar` symlink), plus the same tar compressed by gzip, bzip2, xz and zstd;
 * - skopeo from the engine: oci-archive (gzip layers), oci-archive with zstd layers, docker-archive;
 * - podman (vfs storage in a temp dir, loading the docker save): oci-archive, docker-archive, and
 *   `--uncompressed` oci-archive (plain tar blobs labelled `tar+gzip`);
 * - `docker export` of the committed container: a plain rootfs tar, not an image.
 *
 * Built once per test bed: the folder is keyed by the test images' IDs (which change with every
 * test bed) and published with an atomic rename, so later test files (and concurrent workers)
 * reuse it. A missing tool fails the build naming the tool and the Debian package.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CompressionName } from '../../src-shared/archive-analysis';
import { CommandError, formatCommand, isExecutable, run, tail } from '../testbed/exec';
import type { TestbedEnv } from './testbed-env';

/** Bump when the set of fixtures or the way they are written changes: old caches are then ignored. */
const FIXTURES_VERSION = 6;
const CACHE_PREFIX = 'strata-archive-fixtures-';

/** Tools the fixtures need, with the Debian package that provides each. */
export const FIXTURE_TOOLS = {
  docker: { bin: '/usr/bin/docker', pkg: 'docker.io' },
  gzip: { bin: 'gzip', pkg: 'gzip' },
  bzip2: { bin: 'bzip2', pkg: 'bzip2' },
  xz: { bin: 'xz', pkg: 'xz-utils' },
  zstd: { bin: 'zstd', pkg: 'zstd' },
  skopeo: { bin: 'skopeo', pkg: 'skopeo' },
  podman: { bin: 'podman', pkg: 'podman' },
} as const;
type Tool = keyof typeof FIXTURE_TOOLS;

/** Every real archive the builder writes (the tests enumerate them before the build runs). */
export const REAL_ARCHIVE_NAMES = [
  'docker-save.tar',
  'docker-save.tar.gz',
  'docker-save.tar.bz2',
  'docker-save.tar.xz',
  'docker-save.tar.zst',
  'skopeo-oci.tar',
  'skopeo-oci-zstd.tar',
  'skopeo-docker.tar',
  'podman-oci.tar',
  'podman-docker.tar',
  'podman-oci-uncompressed.tar',
] as const;

export interface RealArchive {
  /** File name, also the test's label: `docker-save.tar.gz`, `skopeo-oci-zstd.tar`, ... */
  name: string;
  path: string;
  tool: 'docker' | 'skopeo' | 'podman';
  format: 'docker-archive' | 'oci-archive';
  /** Compression of the whole file. */
  compression: CompressionName;
  /** Compression every layer blob is stored with. */
  layerCompression: CompressionName;
  /** What the file's OCI media types claim when they lie (podman --uncompressed), else null. */
  layerMediaTypeClaims: string | null;
  /** The images it holds: the tag they were saved from, and the repoTags the archive names them by. */
  images: { ref: string; repoTags: string[] }[];
}

export interface ArchiveFixtures {
  dir: string;
  archives: RealArchive[];
  /** The archive of that name; throws for an unknown name. */
  byName(name: string): RealArchive;
  /** `docker export` of the committed container: a plain rootfs tar. */
  rootfsTar: string;
  /** The testbed's image refs by role, as in TestbedEnv. */
  refs: TestbedEnv['images'];
}

interface Manifest {
  version: number;
  key: string;
  /** The engine they were saved from: once its socket is gone, the cache is dead weight. */
  dockerHost: string;
  archives: Omit<RealArchive, 'path'>[];
  rootfsTar: string;
  seconds: number;
}

function toolPath(tool: Tool): string {
  return FIXTURE_TOOLS[tool].bin;
}

async function which(bin: string): Promise<string | null> {
  if (bin.startsWith('/')) return (await isExecutable(bin)) ? bin : null;
  for (const dir of (process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const p = path.join(dir, bin);
    if (dir && (await isExecutable(p))) return p;
  }
  return null;
}

/** Fails naming every missing tool and the package to install. */
export async function requireFixtureTools(): Promise<void> {
  const missing: { name: string; bin: string; pkg: string }[] = [];
  for (const [name, t] of Object.entries(FIXTURE_TOOLS)) {
    if (!(await which(t.bin))) missing.push({ name, ...t });
  }
  if (missing.length > 0) {
    throw new Error(
      `The archive fixtures need tools that are missing: ${missing.map((m) => `${m.name} (${m.bin}, Debian package ${m.pkg})`).join(', ')}. ` +
        `Install them: apt-get install -y --no-install-recommends ${[...new Set(missing.map((m) => m.pkg))].join(' ')}`,
    );
  }
}

/** `tool [args] < src > dst`, atomically (dst appears only when the tool succeeded). */
function filter(bin: string, args: string[], src: string, dst: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const tmp = `${dst}.part`;
    const input = openSync(src, 'r');
    const output = openSync(tmp, 'w');
    const child = spawn(bin, args, { stdio: [input, output, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const cleanup = (): void => {
      closeSync(input);
      closeSync(output);
    };
    child.on('error', (err) => {
      cleanup();
      reject(new CommandError(`${formatCommand(bin, args)} failed: ${err.message}`, null, '', stderr));
    });
    child.on('close', (code, signal) => {
      cleanup();
      if (code !== 0) {
        reject(
          new CommandError(
            `${formatCommand(bin, args)} < ${src} failed: exit ${code ?? signal}\n${tail(stderr)}`,
            code,
            '',
            stderr,
          ),
        );
        return;
      }
      rename(tmp, dst).then(resolve, reject);
    });
  });
}

/** A private environment for the CLIs: no user contexts, credentials or registries config. */
function cliEnv(work: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('DOCKER_') && !k.startsWith('CONTAINERS_')),
  );
  return {
    ...env,
    DOCKER_CONFIG: path.join(work, 'docker-config'),
    DOCKER_CLI_HINTS: 'false',
    // podman/skopeo read these: keep them away from the user's files.
    XDG_CONFIG_HOME: path.join(work, 'xdg-config'),
    XDG_DATA_HOME: path.join(work, 'xdg-data'),
    XDG_RUNTIME_DIR: path.join(work, 'xdg-run'),
    TMPDIR: path.join(work, 'tmp'),
  };
}

async function build(tb: TestbedEnv, out: string, key: string): Promise<Manifest> {
  const started = performance.now();
  const work = path.join(out, '.work');
  await Promise.all(
    ['docker-config', 'xdg-config', 'xdg-data', 'xdg-run', 'tmp'].map((d) =>
      mkdir(path.join(work, d), { recursive: true, mode: 0o700 }),
    ),
  );
  const env = cliEnv(work);
  const opt = { env, timeoutMs: 180_000 };
  const host = tb.dockerHost;
  const img = tb.images;
  const docker = (args: string[]): Promise<unknown> => run(toolPath('docker'), ['-H', host, ...args], opt);
  const skopeo = (args: string[]): Promise<unknown> =>
    run(
      toolPath('skopeo'),
      ['--insecure-policy', 'copy', '--quiet', '--src-daemon-host', host, ...args],
      opt,
    );
  const p = (name: string): string => path.join(out, name);

  const multi = [
    { ref: img.layers, repoTags: [img.layers, img.layersLatest] },
    { ref: img.base, repoTags: [img.base] },
    { ref: img.committed, repoTags: [img.committed] },
  ];
  const layersOnly = (repoTag: string): RealArchive['images'] => [{ ref: img.layers, repoTags: [repoTag] }];
  const archives: Omit<RealArchive, 'path'>[] = [];
  const add = (a: Omit<RealArchive, 'path'>): void => void archives.push(a);

  // 1. docker save (several images, shared layers) and the engine-side fixtures, in parallel with skopeo.
  const dockerSide = (async () => {
    await docker(['save', '-o', p('docker-save.tar'), img.layers, img.layersLatest, img.base, img.committed]);
    add({
      name: 'docker-save.tar',
      tool: 'docker',
      format: 'docker-archive',
      compression: 'none',
      layerCompression: 'none',
      layerMediaTypeClaims: null,
      images: multi,
    });
    // 2. The same tar, compressed whole by the four CLIs (in parallel: they are small).
    const compressors: [string, CompressionName, string, string[]][] = [
      ['docker-save.tar.gz', 'gzip', toolPath('gzip'), ['-c', '-n', '-6']],
      ['docker-save.tar.bz2', 'bzip2', toolPath('bzip2'), ['-c', '-9']],
      ['docker-save.tar.xz', 'xz', toolPath('xz'), ['-c', '-3', '-T2']],
      ['docker-save.tar.zst', 'zstd', toolPath('zstd'), ['-c', '-q', '-3']],
    ];
    const compressed = await Promise.allSettled(
      compressors.map(async ([name, compression, bin, args]) => {
        await filter(bin, args, p('docker-save.tar'), p(name));
        add({
          name,
          tool: 'docker',
          format: 'docker-archive',
          compression,
          layerCompression: 'none',
          layerMediaTypeClaims: null,
          images: multi,
        });
      }),
    );
    const bad = compressed.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (bad) throw bad.reason;
  })();
  const exportSide = docker(['export', '-o', p('rootfs-export.tar'), img.commitContainer]);
  const skopeoSide = (async () => {
    const src = `docker-daemon:${img.layers}`;
    await skopeo([src, `oci-archive:${p('skopeo-oci.tar')}:${img.layers}`]);
    add({
      name: 'skopeo-oci.tar',
      tool: 'skopeo',
      format: 'oci-archive',
      compression: 'none',
      layerCompression: 'gzip',
      layerMediaTypeClaims: null,
      images: layersOnly(img.layers),
    });
    await skopeo([
      '--dest-compress-format',
      'zstd',
      src,
      `oci-archive:${p('skopeo-oci-zstd.tar')}:${img.layers}`,
    ]);
    add({
      name: 'skopeo-oci-zstd.tar',
      tool: 'skopeo',
      format: 'oci-archive',
      compression: 'none',
      layerCompression: 'zstd',
      layerMediaTypeClaims: null,
      images: layersOnly(img.layers),
    });
    await skopeo([src, `docker-archive:${p('skopeo-docker.tar')}:${img.layers}`]);
    // containers/image writes fully qualified names in docker-archive manifests.
    add({
      name: 'skopeo-docker.tar',
      tool: 'skopeo',
      format: 'docker-archive',
      compression: 'none',
      layerCompression: 'none',
      layerMediaTypeClaims: null,
      images: layersOnly(`docker.io/${img.layers}`),
    });
  })();
  // Wait for all three before failing: nothing may still write into the folder being removed.
  const settled = await Promise.allSettled([dockerSide, exportSide, skopeoSide]);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;

  // 3. podman: its own vfs storage, loaded from the docker save.
  await podmanSaves(p, img.layers, opt, add);
  await rm(work, { recursive: true, force: true });

  const order: readonly string[] = REAL_ARCHIVE_NAMES;
  archives.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const written = archives.map((a) => a.name).join(', ');
  if (written !== REAL_ARCHIVE_NAMES.join(', '))
    throw new Error(`archive fixtures: wrote ${written}, expected ${REAL_ARCHIVE_NAMES.join(', ')}`);
  return {
    version: FIXTURES_VERSION,
    dockerHost: tb.dockerHost,
    key,
    archives,
    rootfsTar: 'rootfs-export.tar',
    seconds: (performance.now() - started) / 1000,
  };
}

/** podman's three saves of the layers image, from a private vfs store loaded with the docker save. */
async function podmanSaves(
  p: (name: string) => string,
  ref: string,
  opt: { env: NodeJS.ProcessEnv; timeoutMs: number },
  add: (a: Omit<RealArchive, 'path'>) => void,
): Promise<void> {
  // podman refuses a runroot path longer than 50 characters: a short folder of its own.
  const pm = await mkdtemp(path.join(os.tmpdir(), 'strata-pm-'));
  const podmanArgs = [
    '--root', path.join(pm, 'root'),
    '--runroot', path.join(pm, 'run'),
    '--storage-driver', 'vfs',
    '--events-backend', 'none',
    '--cgroup-manager', 'cgroupfs',
    '--log-level', 'error',
  ]; // prettier-ignore
  const podman = (args: string[]): Promise<unknown> => run(toolPath('podman'), [...podmanArgs, ...args], opt);
  try {
    try {
      await podman(['load', '-q', '-i', p('docker-save.tar')]);
    } catch (err) {
      throw new Error(
        `podman cannot read the docker save archive, so its fixtures cannot be written: ${(err as Error).message}`,
        { cause: err },
      );
    }
    // podman names images loaded from a docker archive without a registry `localhost/...`.
    const podmanRef = `localhost/${ref}`;
    const images = [{ ref, repoTags: [podmanRef] }];
    await podman(['save', '-q', '--format', 'oci-archive', '-o', p('podman-oci.tar'), podmanRef]);
    add({
      name: 'podman-oci.tar',
      tool: 'podman',
      format: 'oci-archive',
      compression: 'none',
      layerCompression: 'gzip',
      layerMediaTypeClaims: null,
      images,
    });
    await podman(['save', '-q', '--format', 'docker-archive', '-o', p('podman-docker.tar'), podmanRef]);
    add({
      name: 'podman-docker.tar',
      tool: 'podman',
      format: 'docker-archive',
      compression: 'none',
      layerCompression: 'none',
      layerMediaTypeClaims: null,
      images,
    });
    await podman([
      'save',
      '-q',
      '--uncompressed',
      '--format',
      'oci-archive',
      '-o',
      p('podman-oci-uncompressed.tar'),
      podmanRef,
    ]);
    add({
      name: 'podman-oci-uncompressed.tar',
      tool: 'podman',
      format: 'oci-archive',
      compression: 'none',
      layerCompression: 'none',
      layerMediaTypeClaims: 'application/vnd.oci.image.layer.v1.tar+gzip',
      images,
    });
  } finally {
    // vfs layer copies may be read-only.
    await run('chmod', ['-R', 'u+w', pm]).catch(() => undefined);
    await rm(pm, { recursive: true, force: true });
  }
}

/**
 * Removes fixture caches of earlier test beds: those whose engine socket is gone (that test bed
 * stopped), and any older than a day. A concurrent run's cache has a live socket and is kept.
 */
async function pruneOldCaches(keep: string): Promise<void> {
  const tmp = os.tmpdir();
  const names = await readdir(tmp).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(CACHE_PREFIX) && !n.includes('.building-') && path.join(tmp, n) !== keep)
      .map(async (n) => {
        const full = path.join(tmp, n);
        const st = await stat(full).catch(() => null);
        if (!st) return;
        const host = await readFile(path.join(full, 'fixtures.json'), 'utf8')
          .then((t) => (JSON.parse(t) as Partial<Manifest>).dockerHost ?? '')
          .catch(() => '');
        const socketGone = host.startsWith('unix://') && !existsSync(host.slice('unix://'.length));
        if (socketGone || Date.now() - st.mtimeMs > 24 * 3600_000) {
          await rm(full, { recursive: true, force: true }).catch(() => undefined);
        }
      }),
  );
}

let memo: Promise<ArchiveFixtures> | undefined;

/**
 * The real archives for this test bed: built on first use (~2 s), then read from the cache.
 * Throws (never skips) when a tool is missing or a tool fails.
 */
export function archiveFixtures(tb: TestbedEnv): Promise<ArchiveFixtures> {
  memo ??= load(tb);
  return memo;
}

async function load(tb: TestbedEnv): Promise<ArchiveFixtures> {
  await requireFixtureTools();
  const ids = Object.entries(tb.images.ids).sort(([a], [b]) => a.localeCompare(b));
  const key = createHash('sha256')
    .update(JSON.stringify({ v: FIXTURES_VERSION, ids, host: tb.dockerHost }))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(os.tmpdir(), `${CACHE_PREFIX}${key}`);
  const manifestPath = path.join(dir, 'fixtures.json');

  if (!existsSync(manifestPath)) {
    await pruneOldCaches(dir);
    const staging = `${dir}.building-${process.pid}-${Date.now()}`;
    await mkdir(staging, { recursive: true });
    try {
      const manifest = await build(tb, staging, key);
      await writeFile(path.join(staging, 'fixtures.json'), JSON.stringify(manifest, null, 2));
      try {
        await rename(staging, dir);
      } catch (err) {
        // Another worker published the same fixtures first: use theirs.
        if (!existsSync(manifestPath)) throw err;
      }
    } finally {
      await run('chmod', ['-R', 'u+w', staging]).catch(() => undefined);
      await rm(staging, { recursive: true, force: true });
    }
  }
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  const archives = manifest.archives.map((a) => ({ ...a, path: path.join(dir, a.name) }));
  for (const a of [...archives.map((x) => x.path), path.join(dir, manifest.rootfsTar)]) {
    if (!existsSync(a))
      throw new Error(`archive fixture ${a} is missing from the cache ${dir}: remove the folder and rerun`);
  }
  return {
    dir,
    archives,
    rootfsTar: path.join(dir, manifest.rootfsTar),
    refs: tb.images,
    byName(name) {
      const a = archives.find((x) => x.name === name);
      if (!a)
        throw new Error(`no archive fixture named ${name} (have ${archives.map((x) => x.name).join(', ')})`);
      return a;
    },
  };
}
