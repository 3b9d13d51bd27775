/**
 * What the test command's test bed tells the integration and e2e tests, through the
 * environment (test/run-all.ts starts it once and sets these).
 */
export interface TestbedEnv {
  dockerHost: string;
  registry: string;
  images: {
    base: string;
    layers: string;
    layersLatest: string;
    committed: string;
    commitContainer: string;
    ids: Record<string, string>;
  };
}

export function testbedFromEnv(): TestbedEnv {
  const dockerHost = process.env['STRATA_TEST_DOCKER_HOST'];
  const registry = process.env['STRATA_TEST_REGISTRY'];
  const images = process.env['STRATA_TEST_IMAGES'];
  if (!dockerHost || !registry || !images) {
    throw new Error(
      'The test bed is not running: STRATA_TEST_DOCKER_HOST, STRATA_TEST_REGISTRY and STRATA_TEST_IMAGES are unset. ' +
        'Run `npm test`, or start it with `npx tsx test/testbed/cli.ts up --env-file /tmp/strata-testbed.env` and source that file.',
    );
  }
  return { dockerHost, registry, images: JSON.parse(images) as TestbedEnv['images'] };
}
