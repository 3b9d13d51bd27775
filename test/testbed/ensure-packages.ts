// Makes sure the Debian packages the test bed needs are installed; installs only the missing ones.
import { CommandError, elapsed, firstExecutable, log, run } from './exec';

/** docker.io: dockerd + docker CLI 20.10; docker-registry: distribution 2.8; busybox-static: /bin/busybox for
 *  the test images; chromium: the browser for the e2e tests. */
export const TESTBED_PACKAGES = [
  'docker.io',
  'docker-registry',
  'busybox-static',
  'chromium',
  // Other tools' archive formats and whole-archive compressions, for the analyzer's fixtures.
  'skopeo',
  'podman',
  'zstd',
  'xz-utils',
  'bzip2',
  // A CJK font, so the Chinese UI's screenshots show characters rather than empty boxes.
  'fonts-wqy-microhei',
] as const;

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
let aptUpdated = false;

async function isInstalled(dpkg: string, pkg: string): Promise<boolean> {
  try {
    const { stdout } = await run(dpkg, ['-s', pkg]);
    return /^Status: install ok installed$/m.test(stdout);
  } catch (error) {
    if (error instanceof CommandError && error.code === 'ENOENT') throw error;
    return false; // "package 'x' is not installed and no information is available"
  }
}

async function missingOf(dpkg: string, pkgs: readonly string[]): Promise<string[]> {
  const states = await Promise.all(pkgs.map((p) => isInstalled(dpkg, p)));
  return pkgs.filter((_, i) => !states[i]);
}

export async function ensureDebianPackages(pkgs: readonly string[]): Promise<void> {
  const started = performance.now();
  const installCommand = (names: readonly string[]): string =>
    `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${names.join(' ')}`;

  const dpkg = await firstExecutable(['/usr/bin/dpkg', '/bin/dpkg']);
  if (!dpkg) {
    throw new Error(
      `The test bed needs the Debian packages ${pkgs.join(', ')}, but the command dpkg is missing: ` +
        `this is not a Debian/Ubuntu machine. Run the tests on Debian 12 (or in a debian:12 container).`,
    );
  }
  const missing = await missingOf(dpkg, pkgs);
  if (missing.length === 0) {
    log(`packages: all present (${pkgs.join(', ')}) [${elapsed(started)}]`);
    return;
  }
  log(`packages: missing ${missing.join(', ')}`);

  const uid = process.getuid?.();
  if (uid !== 0) {
    throw new Error(
      `Missing Debian packages: ${missing.join(', ')}. The test bed installs them only when running as root ` +
        `(uid is ${uid ?? 'unknown'}). Install them yourself: sudo sh -c '${installCommand(missing)}'`,
    );
  }
  const apt = await firstExecutable(['/usr/bin/apt-get', '/bin/apt-get']);
  if (!apt) {
    throw new Error(
      `Missing Debian packages: ${missing.join(', ')}, and the command apt-get is missing, so they cannot be ` +
        `installed automatically. Install them with your package manager, or run on Debian 12 with apt.`,
    );
  }

  if (!aptUpdated) {
    const t = performance.now();
    log('packages: apt-get update');
    await run(apt, ['update'], { env: APT_ENV, timeoutMs: 10 * 60_000 });
    aptUpdated = true;
    log(`packages: apt-get update done [${elapsed(t)}]`);
  }
  const t = performance.now();
  log(`packages: apt-get install ${missing.join(' ')}`);
  await run(apt, ['install', '-y', '--no-install-recommends', ...missing], {
    env: APT_ENV,
    timeoutMs: 20 * 60_000,
  });
  log(`packages: installed ${missing.join(', ')} [${elapsed(t)}]`);

  const still = await missingOf(dpkg, missing);
  if (still.length) {
    throw new Error(
      `apt-get install finished but these packages are still not installed: ${still.join(', ')}`,
    );
  }
}
