// The whole test bed: packages, a private dockerd, a private registry, the test images.
import { startDockerd, type Dockerd } from './dockerd';
import { ensureDebianPackages, TESTBED_PACKAGES } from './ensure-packages';
import { elapsed, log } from './exec';
import { buildTestImages, type TestImages } from './images';
import { startRegistry, type Registry } from './registry';

export { ensureDebianPackages, TESTBED_PACKAGES } from './ensure-packages';
export { startDockerd, pingDocker, type Dockerd } from './dockerd';
export { startRegistry, type Registry } from './registry';
export { buildTestImages, LAYER_FEATURES, type TestImages } from './images';

export interface Testbed {
  /** `unix:///tmp/strata-dockerd-XXXX/docker.sock` */
  dockerHost: string;
  socketPath: string;
  dockerd: Dockerd;
  registry: Registry;
  images: TestImages;
  /** Stops registry and dockerd, removes their dirs. Idempotent, never throws (logs). */
  stop(): Promise<void>;
  /** The same, synchronously, for process 'exit' paths. */
  stopSync(): void;
}

/** Plain-JSON view of a Testbed (what `cli.ts up --state FILE` writes). */
export interface TestbedState {
  dockerHost: string;
  socketPath: string;
  dockerd: { dir: string; pid: number };
  registry: { address: string; dir: string; pid: number };
  images: TestImages;
  pid: number;
}

/** The environment variables the integration tests read (a type alias, so it fits `Record<string, string>`). */
export type TestbedEnv = {
  STRATA_TEST_DOCKER_HOST: string;
  STRATA_TEST_REGISTRY: string;
  STRATA_TEST_IMAGES: string;
};

export function testbedState(tb: Testbed): TestbedState {
  return {
    dockerHost: tb.dockerHost,
    socketPath: tb.socketPath,
    dockerd: { dir: tb.dockerd.dir, pid: tb.dockerd.pid },
    registry: { address: tb.registry.address, dir: tb.registry.dir, pid: tb.registry.pid },
    images: tb.images,
    pid: process.pid,
  };
}

export function testbedEnv(tb: Pick<Testbed, 'dockerHost' | 'registry' | 'images'>): TestbedEnv {
  return {
    STRATA_TEST_DOCKER_HOST: tb.dockerHost,
    STRATA_TEST_REGISTRY: tb.registry.address,
    STRATA_TEST_IMAGES: JSON.stringify(tb.images),
  };
}

export async function startTestbed(): Promise<Testbed> {
  const started = performance.now();
  await ensureDebianPackages(TESTBED_PACKAGES);

  const [d, r] = await Promise.allSettled([startDockerd(), startRegistry()]);
  if (d.status === 'rejected' || r.status === 'rejected') {
    if (d.status === 'fulfilled') await d.value.stop();
    if (r.status === 'fulfilled') await r.value.stop();
    throw d.status === 'rejected' ? d.reason : (r as PromiseRejectedResult).reason;
  }
  const dockerd = d.value;
  const registry = r.value;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const t = performance.now();
      const results = await Promise.allSettled([registry.stop(), dockerd.stop()]);
      for (const res of results) if (res.status === 'rejected') log(`stop: ${String(res.reason)}`);
      log(`testbed: stopped [${elapsed(t)}]`);
    })());
  const stopSync = (): void => {
    registry.stopSync();
    dockerd.stopSync();
  };

  let images: TestImages;
  try {
    images = await buildTestImages({ dockerHost: dockerd.dockerHost });
  } catch (error) {
    await stop();
    throw error;
  }
  log(`testbed: up [${elapsed(started)}]`);
  return {
    dockerHost: dockerd.dockerHost,
    socketPath: dockerd.socketPath,
    dockerd,
    registry,
    images,
    stop,
    stopSync,
  };
}
