/** Playwright fixtures: the built renderer served locally, bridged to the real main API on the test bed's engine. */
import { resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub, type MainApi } from '../../src-main/ipc/main-api';
import { testbedFromEnv, type TestbedEnv } from '../support/testbed-env';
import { bridgeMainApi } from './bridge';
import { serveDirectory } from './static-server';

interface WorkerFixtures {
  testbed: TestbedEnv;
  rendererUrl: string;
}
interface TestFixtures {
  events: EventHub;
  mainApi: MainApi;
  /** The page with the app loaded and bridged. */
  app: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  testbed: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(testbedFromEnv());
    },
    { scope: 'worker' },
  ],
  rendererUrl: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveDirectory(resolve(__dirname, '../../out/renderer'));
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  events: async ({}, use) => {
    await use(new EventHub());
  },
  mainApi: async ({ testbed, events }, use) => {
    const engine = createEngineClient(testbed.dockerHost);
    await use(createMainApi({ engine: () => engine, events, checkResults: true }));
  },
  app: async ({ page, mainApi, events, rendererUrl }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const stop = await bridgeMainApi(page, mainApi, (l) => events.subscribe(l));
    await page.goto(rendererUrl);
    await use(page);
    stop();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
