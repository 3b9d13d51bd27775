import { resolve } from 'node:path';
import { expect, test } from './fixtures';

const NAME = 'strata-e2e-ticker';
const COMMITTED = 'strata-e2e/committed:v1';
const LOOP = 'while true; do echo tick; sleep 1; done';

test('run, follow logs, exec, see the writable layer, commit and remove a container', async ({
  app,
  testbed,
  mainApi,
}) => {
  try {
    await app.getByTestId('nav-containers').click();
    await app.getByRole('button', { name: 'Run…' }).click();
    const run = app.getByTestId('run-dialog');
    // The engine's refusal shows, and goes once the form is changed (it would name the old image).
    await run.getByLabel('Image').fill('strata-e2e/no-such:1');
    await run.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(run.getByTestId('run-error')).toContainText('strata-e2e/no-such:1');
    await expect(run.getByTestId('run-not-local')).toContainText('Images › Pull…');
    await run.getByLabel('Image').fill(testbed.images.base);
    await expect(run.getByTestId('run-error')).toHaveCount(0);
    await run.getByLabel('Name').fill(NAME);
    await run.getByLabel('Command').fill(`sh -c '${LOOP}'`);
    // A new row takes the focus; removing the only one gives it back to its add button.
    await run.getByRole('button', { name: '+ variable' }).click();
    await expect(run.getByLabel('Environment entry 1', { exact: true })).toBeFocused();
    await run.getByRole('button', { name: 'Remove environment entry 1' }).click();
    await expect(run.getByRole('button', { name: '+ variable' })).toBeFocused();
    await run.getByRole('button', { name: '+ variable' }).click();
    await run.getByLabel('Environment entry 1', { exact: true }).fill('GREETING=hello');
    await run.getByRole('button', { name: '+ port' }).click();
    await expect(run.getByLabel('Port 1 host IP', { exact: true })).toBeFocused();
    await run.getByLabel('Port 1 host port').fill('8001');
    await run.getByLabel('Port 1 container port').fill('80');
    await expect(run.getByTestId('run-cmdline')).toHaveText(
      `docker run -d --name ${NAME} -e GREETING=hello -p 8001:80 ${testbed.images.base} sh -c '${LOOP}'`,
    );
    await app.screenshot({ path: resolve(__dirname, '../../test-results/ui-containers-run.png') });
    await run.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(run).toBeHidden();

    // Listed running, with its full command and the port asked for (the test bed's daemon has no bridge).
    const row = app.locator(`[data-testid="ct-row"][data-name="${NAME}"]`);
    await expect(row.getByTestId('ct-state')).toHaveText('running');
    await expect(row.getByTestId('ct-command')).toHaveText(`sh -c '${LOOP}'`);
    await expect(row.getByTestId('ct-port')).toContainText('8001 → 80/tcp');
    await expect(row.getByTestId('ct-port')).toContainText('configured, not published');
    await app.getByRole('button', { name: 'why foreground?' }).click();
    await expect(app.getByTestId('ct-foreground-note')).toContainText('main process');

    // The run selected it: logs follow live.
    const detail = app.getByTestId('ct-detail');
    await expect(detail).toBeVisible();
    // The environment the process got: the run's variable (the imported base image sets none).
    await detail.getByTestId('ct-env').locator('summary').click();
    await expect(detail.getByTestId('ct-env').getByRole('listitem')).toHaveText(['GREETING=hello']);
    const ticks = detail.getByTestId('logs').locator('[data-stream="stdout"]', { hasText: /^tick$/ });
    await expect.poll(() => ticks.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const seen = await ticks.count();
    await expect.poll(() => ticks.count(), { timeout: 15_000 }).toBeGreaterThan(seen);
    await expect(detail.getByTestId('logs-status')).toHaveText('following');

    // Exec.
    await detail.getByTestId('exec-input').fill('echo hello');
    await detail.getByTestId('exec-input').press('Enter');
    await expect(detail.getByTestId('exec-output')).toHaveText('hello\n');
    await expect(detail.getByTestId('exec-exit')).toHaveText('exit code 0');

    // A file written by exec shows as added in the writable layer.
    await detail.getByTestId('exec-input').fill(`sh -c 'echo from-e2e > /e2e-file.txt'`);
    await detail.getByTestId('exec-input').press('Enter');
    await expect(detail.getByTestId('exec-exit')).toHaveText('exit code 0');
    await expect(
      detail.getByTestId('changes').locator('li[data-kind="added"]', { hasText: '/e2e-file.txt' }),
    ).toHaveCount(1);
    await expect(detail.getByTestId('stack-container').locator('li[data-kind="rw"]')).toContainText(
      'writable layer',
    );
    // Each read-only layer with its size.
    await expect(detail.getByTestId('stack-container').locator('li[data-kind="ro"]').first()).toContainText(
      /· \d+(\.\d)? (B|KiB|MiB)$/,
    );

    // Sizes: the writable layer measured on demand.
    await app.getByTestId('ct-sizes').check();
    await expect(row.getByTestId('ct-size')).toHaveText(/\d+(\.\d)? (B|KiB)/);

    // Commit with a CMD change: the new image's ID, one layer more than its base.
    await detail.getByRole('button', { name: 'Commit to image…' }).click();
    const commit = app.getByTestId('commit-dialog');
    await commit.getByLabel('Repository:tag').fill(COMMITTED);
    await commit.getByRole('button', { name: '+ change (-c)' }).click();
    await expect(commit.getByLabel('Change 1 instruction')).toBeFocused();
    await commit.getByLabel('Change 1 instruction').selectOption('CMD');
    await commit.getByLabel('Change 1 value').fill('["httpd","-f","-h","/var/www/"]');
    await expect(commit.getByTestId('commit-cmdline')).toHaveText(
      `docker commit -p -c 'CMD ["httpd","-f","-h","/var/www/"]' ${NAME} ${COMMITTED}`,
    );
    await commit.getByRole('button', { name: 'Commit', exact: true }).click();
    const idText = commit.getByTestId('commit-image-id');
    await expect(idText).toHaveText(/^sha256:[0-9a-f]{64}$/);
    const imageId = (await idText.textContent())!;
    await app.screenshot({ path: resolve(__dirname, '../../test-results/ui-containers-commit.png') });
    const committed = await mainApi.invoke('inspectImage', { ref: COMMITTED });
    const base = await mainApi.invoke('inspectImage', { ref: testbed.images.base });
    const c = (committed as { result: { id: string; layers: string[]; config: { cmd: string[] | null } } })
      .result;
    const b = (base as { result: { layers: string[] } }).result;
    expect(c.id).toBe(imageId);
    expect(c.layers.length).toBe(b.layers.length + 1);
    expect(c.config.cmd).toEqual(['httpd', '-f', '-h', '/var/www/']);
    await expect(commit.getByTestId('commit-result')).toContainText(
      `${c.layers.length} layers: the writable layer is now its top`,
    );
    await commit.getByRole('button', { name: 'Close', exact: true }).first().click();
    const newStack = detail.getByTestId('stack-committed');
    await expect(newStack.locator('li[data-kind="new"]')).toHaveCount(1);
    await expect(newStack.locator('li')).toHaveCount(c.layers.length + 1); // + the kernel row

    await app.screenshot({
      path: resolve(__dirname, '../../test-results/ui-containers.png'),
      fullPage: true,
    });

    // Remove, confirmed.
    await row.getByRole('button', { name: `Remove ${NAME}` }).click();
    const confirm = app.getByTestId('ct-remove-dialog');
    await expect(confirm).toContainText('writable layer goes with it');
    await confirm.getByRole('button', { name: 'Remove container' }).click();
    await expect(row).toHaveCount(0);
    await expect(detail).toHaveCount(0);
  } finally {
    await mainApi.invoke('removeContainer', { id: NAME, force: true }).catch(() => undefined);
    const viaWindow = await app
      .evaluate((ref) => window.api.removeImage({ ref, force: true }), COMMITTED)
      .catch(() => null);
    if (!viaWindow)
      await mainApi.invoke('removeImage', { ref: COMMITTED, force: true }).catch(() => undefined);
  }
});

test('a container started elsewhere appears when the engine reports it, and start/stop follow', async ({
  app,
  testbed,
  mainApi,
  events,
}) => {
  const name = 'strata-e2e-outside';
  try {
    await app.getByTestId('nav-containers').click();
    await expect(app.getByRole('button', { name: 'Run…' })).toBeVisible();
    await expect(app.getByText(/\d+ containers?$/)).toBeVisible();
    const run = await mainApi.invoke('runContainer', {
      image: testbed.images.base,
      name,
      command: ['sleep', '300'],
    });
    const id = (run as { result: { id: string } }).result.id;
    const row = app.locator(`[data-testid="ct-row"][data-name="${name}"]`);
    // Nothing asked the window to refresh: the engine event does.
    events.emit('engineEvent', {
      engineId: 'testbed',
      events: [{ type: 'container', action: 'start', id, name, time: Date.now() }],
    });
    await expect(row.getByTestId('ct-state')).toHaveText('running');
    await expect(row.getByTestId('ct-command')).toHaveText('sleep 300');

    // Its detail's × gives the focus back to the row.
    await row.getByTestId('ct-command').click();
    await app.getByRole('button', { name: 'Close details' }).click();
    await expect(app.getByTestId('ct-detail')).toHaveCount(0);
    await expect(row).toBeFocused();

    await row.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(row.getByTestId('ct-state')).toHaveText('exited', { timeout: 20_000 });
    // The button kept the focus through "Stopping…" and is now Start.
    await expect(row.getByRole('button', { name: 'Start', exact: true })).toBeFocused();
    await row.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(row.getByTestId('ct-state')).toHaveText('running');
  } finally {
    await mainApi.invoke('removeContainer', { id: name, force: true }).catch(() => undefined);
  }
});

test("a container's Created time and its status move on between list refreshes", async ({
  app,
  testbed,
  mainApi,
}) => {
  const name = 'strata-e2e-clock';
  try {
    const run = await mainApi.runContainer({
      image: testbed.images.base,
      name,
      command: ['sleep', '300'],
      networkMode: 'none',
      detach: true,
    });
    expect(run.error).toBeUndefined();
    // The page's clock, jumped ahead by Playwright: nothing else makes the list refresh meanwhile.
    await app.clock.install();
    await app.getByTestId('nav-containers').click();
    const row = app.locator(`[data-testid="ct-row"][data-name="${name}"]`);
    const created = row.locator('.ct-created');
    await expect(created).toHaveText(/^\d+s ago$/);
    // The detail's status too, in the UI's words (the engine's "Up 2 seconds" is the tooltip).
    await row.getByTestId('ct-command').click();
    const status = app.getByTestId('ct-detail').getByTestId('ct-status');
    await expect(status).toHaveText(/^up \d+ s$/);
    await app.clock.fastForward('01:10');
    await expect(created).toHaveText('1 min ago');
    await expect(status).toHaveText('up 1 min');
  } finally {
    await mainApi.invoke('removeContainer', { id: name, force: true }).catch(() => undefined);
  }
});
