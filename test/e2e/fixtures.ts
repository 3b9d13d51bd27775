/** Playwright fixtures: the built renderer served locally, bridged to the real main API on the test bed's engine. */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createEngineClient } from '../../src-main/docker/engine-client';
import type { FileDialogs } from '../../src-main/ipc/context';
import { createMainApi, EventHub, type MainApi } from '../../src-main/ipc/main-api';
import { testbedFromEnv, type TestbedEnv } from '../support/testbed-env';
import { bridgeMainApi } from './bridge';
import { serveDirectory } from './static-server';

/**
 * The OS file dialogs' stand-in (the one thing e2e cannot drive is a native window): a test
 * queues the next answers; each call takes one and records the options the window asked with.
 * An empty queue answers "cancelled".
 */
export class ScriptedDialogs implements FileDialogs {
  readonly saveAnswers: (string | null)[] = [];
  readonly openAnswers: string[][] = [];
  readonly asked: { kind: 'save' | 'open'; opts: unknown }[] = [];
  async save(opts: Parameters<FileDialogs['save']>[0]): Promise<string | null> {
    this.asked.push({ kind: 'save', opts });
    return this.saveAnswers.shift() ?? null;
  }
  async open(opts: Parameters<FileDialogs['open']>[0]): Promise<string[]> {
    this.asked.push({ kind: 'open', opts });
    return this.openAnswers.shift() ?? [];
  }
}

interface WorkerFixtures {
  testbed: TestbedEnv;
  rendererUrl: string;
}
interface TestFixtures {
  /** Point main at a socket nothing listens on, so the window starts with no engine (`test.use({ noEngine: true })`). */
  noEngine: boolean;
  events: EventHub;
  /** The file dialogs main shows: queue answers with `saveAnswers.push(path)` / `openAnswers.push([path])`. */
  scriptedDialogs: ScriptedDialogs;
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
  noEngine: [false, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  events: async ({}, use) => {
    await use(new EventHub());
  },
  // eslint-disable-next-line no-empty-pattern
  scriptedDialogs: async ({}, use) => {
    await use(new ScriptedDialogs());
  },
  mainApi: async ({ testbed, events, scriptedDialogs, noEngine }, use) => {
    const engine = createEngineClient(
      noEngine ? `unix://${join(tmpdir(), `strata-e2e-no-engine-${process.pid}.sock`)}` : testbed.dockerHost,
    );
    await use(createMainApi({ engine: () => engine, events, dialogs: scriptedDialogs, checkResults: true }));
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
