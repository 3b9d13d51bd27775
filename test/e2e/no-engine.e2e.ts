/**
 * The window with no reachable daemon (the real main API pointed at a socket nobody listens on):
 * the engine bar says so and offers archive mode, Images explains instead of failing, and an
 * archive still opens, with "Load into engine" disabled and the reason shown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { archiveFixtures } from '../support/archive-fixtures';
import { bridgeMainApi, registerFilePath } from './bridge';
import { expect, test } from './fixtures';

test('no daemon: archive mode is offered, and an archive opens without an engine', async ({
  page,
  rendererUrl,
  testbed,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-e2e-noengine-'));
  const events = new EventHub();
  const engine = createEngineClient(`unix://${join(dir, 'nobody-listens.sock')}`);
  const api = createMainApi({ engine: () => engine, events, checkResults: true });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const stop = await bridgeMainApi(page, api, (l) => events.subscribe(l));
  try {
    const tar = (await archiveFixtures(testbed)).byName('docker-save.tar').path;
    await page.goto(rendererUrl);
    await expect(page.getByTestId('engine-state')).toHaveText('No engine');
    await expect(page.getByTestId('archive-mode')).toBeVisible();
    // With no engine the window opens on Learn (its lessons run on the sample archive); Images explains.
    await expect(page.getByTestId('nav-learn')).toHaveAttribute('aria-current', 'page');
    await page.getByTestId('nav-images').click();
    await expect(page.getByTestId('images-no-engine')).toContainText('No Docker engine is reachable');
    // What needs an engine says so instead of failing when used.
    for (const id of ['pull-open', 'load-open']) {
      await expect(page.getByTestId(id)).toBeDisabled();
      await expect(page.getByTestId(id)).toHaveAttribute('title', /Needs a Docker engine/);
    }
    await page.getByTestId('nav-containers').click();
    await expect(page.getByRole('button', { name: 'Run…' })).toBeDisabled();
    // Containers and Graph explain too, instead of the socket error.
    await expect(page.getByTestId('containers-no-engine')).toContainText('No Docker engine is reachable');
    await page.getByTestId('nav-graph').click();
    await expect(page.getByTestId('graph-no-engine')).toContainText('Opened archive');
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Archive mode: the Archive view, where the file opens with the analyzer alone.
    await page.getByTestId('nav-archive').click();
    await registerFilePath(page, basename(tar), tar);
    await page.getByTestId('archive-input').setInputFiles(tar);
    await expect(page.getByTestId('layer-count')).toHaveText(/^\d+$/, { timeout: 60_000 });
    await expect(page.getByTestId('load-into-engine')).toBeDisabled();
    await expect(page.getByTestId('load-into-engine-reason')).toContainText('No engine is connected');
    expect(errors, 'uncaught errors in the page').toEqual([]);
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
