/**
 * Makes `resources/samples/strata-samples.tar.gz`: the images the Learn lessons use when the engine
 * has none, and what the window shows on a first start with no engine at all. It is real
 * `docker save` output (gzip), made without a registry or network, following the tutorial itself:
 *
 *   1. strata-sample/busybox:latest  a busybox-static rootfs imported as one layer, CMD ["sh"], ENV PATH
 *   2. strata-sample/web:latest, :v1  a container of (1) writes /var/www/index.html, then
 *      `docker commit -c 'CMD ["httpd","-f","-v","-h","/var/www/"]'`: one more layer, two tags
 *
 * Usage (needs a dockerd, e.g. the test bed's, and Debian's busybox-static):
 *   npx tsx test/testbed/cli.ts up --state /tmp/tb.json > /tmp/tb.env &   # then: source /tmp/tb.env
 *   npx tsx scripts/make-samples.ts [--out resources/samples]
 * The images are removed from the engine afterwards. The file is written whole or not at all.
 */
import { copyFile, mkdir, mkdtemp, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { spawn } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { BUSYBOX, DOCKER_CLI_CANDIDATES } from '../test/testbed/images';
import { firstExecutable, pipe, run } from '../test/testbed/exec';
import { SAMPLE_ARCHIVE, SAMPLE_IMAGES } from '../src-shared/learn-samples';

const BUILD_CONTAINER = 'strata-sample-build';
/** The official busybox image's PATH, so `docker image inspect` shows an Env as it would there. */
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const INDEX_HTML = '<h1>Hello world. Busybox httpd.</h1>';

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf('--out');
  const outDir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1]! : 'resources/samples');
  const dockerHost = process.env['DOCKER_HOST'] ?? process.env['STRATA_TEST_DOCKER_HOST'];
  if (!dockerHost) throw new Error('set DOCKER_HOST (or source the env file of the test bed)');
  const docker = await firstExecutable(DOCKER_CLI_CANDIDATES);
  if (!docker) throw new Error('docker CLI not found: install docker.io');
  if (!(await firstExecutable([BUSYBOX]))) throw new Error(`${BUSYBOX} not found: install busybox-static`);

  const work = await mkdtemp(path.join(os.tmpdir(), 'strata-samples-'));
  const env = { ...process.env, DOCKER_CONFIG: path.join(work, 'docker-config'), DOCKER_BUILDKIT: '0' };
  const dockerRun = (args: string[]) => run(docker, ['-H', dockerHost, ...args], { env });
  const { base, web, webV1 } = SAMPLE_IMAGES;
  try {
    // 1. The base: busybox with every applet it lists, like the official image.
    const rootfs = path.join(work, 'rootfs');
    for (const d of ['bin', 'etc', 'tmp', 'root', 'var/www'])
      await mkdir(path.join(rootfs, d), { recursive: true });
    await copyFile(BUSYBOX, path.join(rootfs, 'bin/busybox'));
    const applets = (await run(BUSYBOX, ['--list'])).stdout.split('\n').filter((a) => /^[\w.[-]+$/.test(a));
    for (const a of applets) if (a !== 'busybox') await symlink('busybox', path.join(rootfs, 'bin', a));
    await writeFile(path.join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    await writeFile(path.join(rootfs, 'etc/group'), 'root:x:0:\n');
    await pipe(
      { file: 'tar', args: ['-C', rootfs, '--numeric-owner', '--owner=0', '--group=0', '-c', '.'] },
      {
        file: docker,
        args: ['-H', dockerHost, 'import', '-c', `ENV PATH=${PATH}`, '-c', 'CMD ["sh"]', '-', base],
        env,
      },
    );

    // 2. The web server: the tutorial's commit, with its new CMD (foreground, -v logs each request).
    await dockerRun(['rm', '-f', BUILD_CONTAINER]).catch(() => undefined);
    await dockerRun([
      'run',
      '--name',
      BUILD_CONTAINER,
      '--network',
      'none',
      base,
      'sh',
      '-c',
      `echo '${INDEX_HTML}' > /var/www/index.html`,
    ]);
    await dockerRun([
      'commit',
      '-c',
      'CMD ["httpd","-f","-v","-h","/var/www/"]',
      '-c',
      'EXPOSE 80',
      BUILD_CONTAINER,
      web,
    ]);
    await dockerRun(['tag', web, webV1]);
    await dockerRun(['rm', '-f', BUILD_CONTAINER]);

    // 3. docker save | gzip, written beside the target and renamed into place.
    await mkdir(outDir, { recursive: true });
    const target = path.join(outDir, SAMPLE_ARCHIVE);
    const partial = `${target}.partial-${process.pid}`;
    const save = spawn(docker, ['-H', dockerHost, 'save', base, web, webV1], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => save.on('close', resolve));
    try {
      await pipeline(save.stdout, createGzip({ level: 9 }), createWriteStream(partial));
      const code = await exited;
      if (code !== 0) throw new Error(`docker save exited with ${String(code)}`);
      await rename(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
    console.log(`${target}: ${(await stat(target)).size} bytes (${base}, ${web}, ${webV1})`);
  } finally {
    await dockerRun(['rm', '-f', BUILD_CONTAINER]).catch(() => undefined);
    await dockerRun(['rmi', webV1, web, base]).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`make-samples: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
