// Test images built from Debian's busybox-static with the docker CLI (legacy builder), no network needed.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CommandError, elapsed, firstExecutable, log, pipe, run } from './exec';

export const DOCKER_CLI_CANDIDATES = ['/usr/bin/docker'] as const; // docker.io's 20.10 CLI, matching the daemon
export const BUSYBOX = '/bin/busybox';

export const BUSYBOX_APPLETS = [
  'sh', 'ls', 'cat', 'echo', 'mkdir', 'rm', 'ln', 'mkfifo', 'chmod', 'touch', 'sleep', 'date', 'ps', 'httpd',
  'true', 'false', 'env', 'id', 'wc', 'head', 'tail', 'sed', 'grep', 'printf',
] as const; // prettier-ignore

export interface TestImages {
  /** Imported busybox rootfs, one layer, CMD ["/bin/sh"]. */
  base: 'strata-test/busybox:base';
  /** Built FROM base: COPY, whiteouts, opaque dir, symlink, hardlink, fifo, chmod, ENV, LABEL, WORKDIR, CMD. */
  layers: 'strata-test/layers:1.0';
  /** Second tag of the same image as `layers`. */
  layersLatest: 'strata-test/layers:latest';
  /** `docker commit` of `commitContainer`: /var/www/index.html, CMD httpd. */
  committed: 'strata-test/httpd:v1';
  /** Stopped container (exit 0) the committed image was made from; kept. */
  commitContainer: 'strata-test-commit';
  /** tag -> full image id (`sha256:...`). */
  ids: Record<string, string>;
}

/** Paths inside the layers of strata-test/layers:1.0 that the build must produce (verified after building). */
export const LAYER_FEATURES = {
  whiteoutFile: { type: '-', name: 'data/.wh.remove-me' },
  whiteoutDir: { type: '-', name: '.wh.gone' },
  opaque: { type: '-', name: 'opq/.wh..wh..opq' },
  symlink: { type: 'l', name: 'data/link-to-a' },
  hardlink: { type: 'h', name: 'data/hard-to-b' },
  fifo: { type: 'p', name: 'data/fifo' },
} as const;

const DOCKERFILE = `FROM strata-test/busybox:base
LABEL org.opencontainers.image.title="strata layers fixture" strata.test="layers"
ENV STRATA_FIXTURE=layers STRATA_VERSION=1.0
WORKDIR /data
COPY a.txt b.txt big.bin /data/
COPY nested /data/nested/
RUN mkdir -p /gone/sub /opq && echo x > /gone/sub/f && echo old > /opq/old && echo bye > /data/remove-me
RUN rm /data/remove-me && rm -rf /gone && rm -rf /opq && mkdir /opq && echo new > /opq/new
RUN ln -s /data/a.txt /data/link-to-a && ln /data/b.txt /data/hard-to-b && mkfifo /data/fifo
RUN chmod 0600 /data/big.bin
CMD ["/bin/sh", "-c", "ls -la /data"]
`;

/** 64 KiB of deterministic, incompressible bytes. */
function bigFile(): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; i < 2048; i++) chunks.push(createHash('sha256').update(`strata-${i}`).digest());
  return Buffer.concat(chunks);
}

export interface TarEntry {
  type: string;
  name: string;
  /** symlink or hardlink target */
  target?: string;
}

/** Parses GNU `tar -tvf` lines. */
export function parseTarListing(listing: string): TarEntry[] {
  const entries: TarEntry[] = [];
  for (const line of listing.split('\n')) {
    const m = /^(\S)\S{9}\s+\S+\s+\d+(?:,\s*\d+)?\s+\d{4}-\d\d-\d\d\s+\d\d:\d\d(?::\d\d)?\s(.*)$/.exec(line);
    if (!m) continue;
    const type = m[1] ?? '?';
    let name = m[2] ?? '';
    let target: string | undefined;
    const sep = type === 'l' ? ' -> ' : type === 'h' ? ' link to ' : undefined;
    if (sep && name.includes(sep))
      [name, target] = [name.slice(0, name.indexOf(sep)), name.slice(name.indexOf(sep) + sep.length)];
    entries.push({ type, name: name.replace(/^\.\//, '').replace(/\/$/, ''), ...(target ? { target } : {}) });
  }
  return entries;
}

export async function buildTestImages(env: { dockerHost: string }): Promise<TestImages> {
  const started = performance.now();
  const docker = await firstExecutable(DOCKER_CLI_CANDIDATES);
  if (!docker)
    throw new Error(`docker CLI not found (${DOCKER_CLI_CANDIDATES.join(', ')}): install docker.io`);
  if (!(await firstExecutable([BUSYBOX]))) throw new Error(`${BUSYBOX} not found: install busybox-static`);

  const work = await mkdtemp(path.join(os.tmpdir(), 'strata-images-'));
  const removeWorkSync = (): void => rmSync(work, { recursive: true, force: true });
  process.on('exit', removeWorkSync); // a signal handler may exit while we build
  const cliEnv: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('DOCKER_')),
  );
  Object.assign(cliEnv, {
    DOCKER_HOST: env.dockerHost,
    DOCKER_BUILDKIT: '0',
    DOCKER_CONFIG: path.join(work, 'docker-config'), // ignore the user's contexts and credentials
    DOCKER_CLI_HINTS: 'false',
  });
  const dockerRun = (args: string[], cwd?: string) =>
    run(docker, ['-H', env.dockerHost, ...args], { env: cliEnv, ...(cwd ? { cwd } : {}) });

  const images: TestImages = {
    base: 'strata-test/busybox:base',
    layers: 'strata-test/layers:1.0',
    layersLatest: 'strata-test/layers:latest',
    committed: 'strata-test/httpd:v1',
    commitContainer: 'strata-test-commit',
    ids: {},
  };

  try {
    // 1. base: imported busybox rootfs
    let t = performance.now();
    const rootfs = path.join(work, 'rootfs');
    await Promise.all(['bin', 'etc', 'tmp'].map((d) => mkdir(path.join(rootfs, d), { recursive: true })));
    await copyFile(BUSYBOX, path.join(rootfs, 'bin/busybox'));
    await Promise.all(BUSYBOX_APPLETS.map((a) => symlink('busybox', path.join(rootfs, 'bin', a))));
    await writeFile(path.join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    await writeFile(path.join(rootfs, 'etc/group'), 'root:x:0:\n');
    await pipe(
      { file: 'tar', args: ['-C', rootfs, '--numeric-owner', '-c', '.'] },
      {
        file: docker,
        args: ['-H', env.dockerHost, 'import', '-c', 'CMD ["/bin/sh"]', '-', images.base],
        env: cliEnv,
      },
    );
    log(`images: imported ${images.base} [${elapsed(t)}]`);

    // 2. layers: legacy builder, two tags
    t = performance.now();
    const context = path.join(work, 'context');
    await mkdir(path.join(context, 'nested/deeper'), { recursive: true });
    await Promise.all([
      writeFile(path.join(context, 'Dockerfile'), DOCKERFILE),
      writeFile(path.join(context, 'a.txt'), 'file a\n'),
      writeFile(path.join(context, 'b.txt'), 'file b, hardlinked later\n'),
      writeFile(path.join(context, 'big.bin'), bigFile()),
      writeFile(path.join(context, 'nested/n1.txt'), 'nested 1\n'),
      writeFile(path.join(context, 'nested/deeper/n2.txt'), 'nested 2\n'),
    ]);
    await dockerRun(['build', '--force-rm', '-t', images.layers, '-t', images.layersLatest, context]);
    log(`images: built ${images.layers} + ${images.layersLatest} [${elapsed(t)}]`);

    t = performance.now();
    await verifyLayers(dockerRun, work, images.layers);
    log(
      `images: verified whiteout, opaque, symlink, hardlink, fifo entries in ${images.layers} [${elapsed(t)}]`,
    );

    // 3. committed container (kept, stopped)
    t = performance.now();
    await dockerRun(['rm', '-f', images.commitContainer]).catch(() => undefined); // a daemon reused, not fresh
    await dockerRun([
      'create', '--name', images.commitContainer, images.base,
      'sh', '-c', 'mkdir -p /var/www && echo hello > /var/www/index.html',
    ]); // prettier-ignore
    await dockerRun(['start', '-a', images.commitContainer]);
    await dockerRun([
      'commit', '-c', 'CMD ["httpd","-f","-h","/var/www/"]', '-m', 'add index',
      images.commitContainer, images.committed,
    ]); // prettier-ignore
    log(`images: committed ${images.commitContainer} as ${images.committed} [${elapsed(t)}]`);

    const tags = [images.base, images.layers, images.layersLatest, images.committed];
    const { stdout } = await dockerRun(['image', 'inspect', '--format', '{{.Id}}', ...tags]);
    const ids = stdout.trim().split('\n');
    tags.forEach((tag, i) => (images.ids[tag] = ids[i] ?? ''));
    if (images.ids[images.layers] !== images.ids[images.layersLatest]) {
      throw new Error(`${images.layers} and ${images.layersLatest} should be one image: ${ids.join(', ')}`);
    }
    log(`images: all built [${elapsed(started)}]`);
    return images;
  } catch (error) {
    if (error instanceof CommandError)
      throw new Error(`building the test images failed: ${error.message}`, { cause: error });
    throw error;
  } finally {
    process.off('exit', removeWorkSync);
    await rm(work, { recursive: true, force: true });
  }
}

/** `docker save` the image and check its layer tars contain every LAYER_FEATURES entry. */
async function verifyLayers(
  dockerRun: (args: string[]) => Promise<{ stdout: string }>,
  work: string,
  image: string,
): Promise<void> {
  const archive = path.join(work, 'layers.tar');
  const saved = path.join(work, 'saved');
  await mkdir(saved);
  await dockerRun(['save', '-o', archive, image]);
  await run('tar', ['-C', saved, '-xf', archive]);
  const manifest = JSON.parse(await readFile(path.join(saved, 'manifest.json'), 'utf8')) as {
    Layers?: string[];
  }[];
  const layers = manifest[0]?.Layers ?? [];
  if (layers.length < 2)
    throw new Error(`docker save of ${image}: expected several layers, manifest lists ${layers.length}`);
  const listings = await Promise.all(layers.map((l) => run('tar', ['-tvf', path.join(saved, l)])));
  const entries = listings.flatMap((l) => parseTarListing(l.stdout));
  const missing = Object.entries(LAYER_FEATURES)
    .filter(([, want]) => !entries.some((e) => e.type === want.type && e.name === want.name))
    .map(([feature, want]) => `${feature} (${want.type} ${want.name})`);
  if (missing.length) {
    const listing = layers.map((l, i) => `== ${l}\n${listings[i]?.stdout.trimEnd() ?? ''}`).join('\n');
    throw new Error(`${image} lacks layer entries: ${missing.join(', ')}\n${listing}`);
  }
}
