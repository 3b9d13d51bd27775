import { resolve } from 'node:path';
import { CHANNEL_NAMES } from '../../src-shared/channel-names';
import { expect, test } from './fixtures';

test('the window shows the real engine and its images through the bridged main API', async ({
  app,
  testbed,
  mainApi,
}) => {
  const info = await mainApi.getEngineInfo();
  if (!info.result) throw new Error(`engine info failed: ${info.error?.message}`);

  await expect(app.getByTestId('engine-state')).toHaveText('Connected');
  await expect(app.getByTestId('storage-driver')).toHaveText(info.result.storageDriver);
  expect(info.result.storageDriver).not.toBe('');
  // Its details (docker info's Backing Filesystem, d_type, ...) open from the keyboard; Escape closes them.
  const details = app.getByTestId('engine-details');
  const [firstKey, firstValue] = info.result.driverStatus[0] ?? [
    'Docker root dir',
    info.result.dockerRootDir,
  ];
  await details.locator('summary').focus();
  await app.keyboard.press('Enter');
  await expect(details.getByRole('term').filter({ hasText: firstKey })).toBeVisible();
  await expect(details.getByRole('definition').filter({ hasText: firstValue }).first()).toBeVisible();
  await expect(details).toContainText(info.result.dockerRootDir);
  await app.keyboard.press('Escape');
  await expect(details.getByRole('term').first()).toBeHidden();
  await expect(details.locator('summary')).toBeFocused();

  const tags = app.getByTestId('image-tag');
  for (const ref of [
    testbed.images.base,
    testbed.images.layers,
    testbed.images.layersLatest,
    testbed.images.committed,
  ]) {
    await expect(
      tags.filter({ hasText: new RegExp(`^${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    ).toHaveCount(1);
  }
  // The image with two tags is one row holding both.
  const twoTagRow = app.getByTestId('image-row').filter({ hasText: testbed.images.layers });
  await expect(twoTagRow).toHaveCount(1);
  await expect(twoTagRow.getByTestId('image-tag')).toHaveText(
    [testbed.images.layers, testbed.images.layersLatest].sort(),
  );

  await app.screenshot({
    path: resolve(__dirname, '../../test-results/e2e-engine-images.png'),
    fullPage: true,
  });
});

test('the page sees exactly the preload shape and a wrong argument comes back as a typed error', async ({
  app,
}) => {
  const keys = await app.evaluate(() => Object.keys(window.api).sort());
  expect(keys).toEqual([...CHANNEL_NAMES, 'getPathForFile', 'on'].sort());
  const response = await app.evaluate(() =>
    (window.api.inspectImage as (a: unknown) => Promise<unknown>)({ ref: 42 }),
  );
  expect(response).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
});

test('a push event from main reaches the window, which refreshes', async ({ app, events }) => {
  await expect(app.getByTestId('engine-state')).toHaveText('Connected');
  const calls: string[] = [];
  app.on('console', (m) => calls.push(m.text()));
  await app.evaluate(() => {
    window.api.on('engineStatus', (p) => console.log(`event:${p.state}`));
  });
  events.emit('engineStatus', { state: 'connected' });
  await expect.poll(() => calls).toContain('event:connected');
});

test("an image's age moves on between list refreshes", async ({ app, testbed }) => {
  // The page's clock, jumped ahead by Playwright: nothing else makes the list refresh meanwhile.
  // Installed, then the view shown again, so its timer is one of the clock's.
  await app.clock.install();
  await app.getByTestId('nav-graph').click();
  await app.getByTestId('nav-images').click();
  const cell = app.getByTestId('image-row').filter({ hasText: testbed.images.base }).locator('.created-cell');
  await expect(cell).toHaveText(/ago$|^just now$/);
  const before = (await cell.textContent())!;
  await app.clock.fastForward('02:00:00');
  await expect(cell).not.toHaveText(before);
});
