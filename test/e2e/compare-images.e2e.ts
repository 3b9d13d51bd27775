/**
 * Compare two images in the real renderer against the real main-process analyzer: two images of
 * an opened `docker save` archive, then two local engine images; the keyboard shortcuts; and the
 * light theme.
 */
import { basename, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { archiveFixtures } from '../support/archive-fixtures';
import { registerFilePath } from './bridge';
import { expect, test } from './fixtures';

test.setTimeout(180_000);
const shot = (name: string): string => resolve(__dirname, `../../test-results/${name}`);
const diffRow = (page: Page, p: string) => page.locator(`[data-testid="diff-row"][data-path="${p}"]`);

test.describe('dark theme (the default)', () => {
  test.use({ colorScheme: 'dark' });
  test('compare two images of an opened archive: the shared base, B’s own layers, /data added', async ({
    app,
    testbed,
  }) => {
    const tar = (await archiveFixtures(testbed)).byName('docker-save.tar').path;
    const { base, layers } = testbed.images;

    await app.getByTestId('nav-archive').click();
    await registerFilePath(app, basename(tar), tar);
    await app.getByTestId('archive-input').setInputFiles(tar);
    await expect(app.getByTestId('archive-name')).toHaveText(basename(tar), { timeout: 60_000 });
    const layerCount = Number(await app.getByTestId('layer-count').textContent());

    await app.getByTestId('nav-compare').click();
    await app.getByLabel('Image A').selectOption({ label: `${base} (archive)` });
    await app.getByLabel('Image B').selectOption({ label: `${layers} (archive)` });
    const result = app.getByTestId('compare-result');
    await expect(result).toBeVisible();
    await expect(app.getByTestId('common-layers')).toHaveText('1');
    await expect(app.getByTestId('only-a-layers')).toHaveText('0');
    const onlyB = Number(await app.getByTestId('only-b-layers').textContent());
    expect(onlyB).toBeGreaterThan(0);
    await expect(app.getByTestId('layer-row')).toHaveCount(1 + onlyB);
    await expect(app.locator('[data-testid="layer-row"][data-kind="common"]')).toHaveCount(1);
    // The archive opened on its first image (layers:1.0 here): its stack has the base plus B's own.
    if (layerCount > 0) expect(1 + onlyB).toBeGreaterThanOrEqual(2);

    await expect(diffRow(app, '/data')).toHaveAttribute('data-status', 'added');
    await expect(app.getByTestId('files-added')).not.toHaveText(/^\+ 0 /);
    await expect(app.getByTestId('files-removed')).toHaveText(/^− 0 removed/);
    await expect(app.getByTestId('size-delta-content')).toHaveText(/^\+/);
    await app.screenshot({ path: shot('ui-compare.png'), fullPage: true });

    // Swapping makes B the base: /data is now removed, and the layers only in A.
    await app.getByRole('button', { name: 'Swap A and B' }).click();
    await expect(app.getByTestId('only-a-layers')).toHaveText(String(onlyB));
    await expect(diffRow(app, '/data')).toHaveAttribute('data-status', 'removed');
  });
});

test('compare two local engine images (each analyzed when picked)', async ({ app, testbed }) => {
  const { base, layers } = testbed.images;
  await app.getByTestId('nav-compare').click();
  await expect(app.getByLabel('Image A').locator('option', { hasText: base })).toHaveCount(1, {
    timeout: 30_000,
  });
  await expect(app.getByLabel('Image B').locator('option', { hasText: layers })).toHaveCount(1);
  await app.getByLabel('Image A').selectOption({ label: base });
  await app.getByLabel('Image B').selectOption({ label: layers });
  await expect(app.getByTestId('compare-result')).toBeVisible({ timeout: 60_000 });
  await expect(app.getByTestId('common-layers')).toHaveText('1');
  await expect(diffRow(app, '/data')).toHaveAttribute('data-status', 'added');
  // Same image on both sides: nothing differs.
  await app.getByLabel('Image A').selectOption({ label: layers });
  await expect(app.getByTestId('only-b-layers')).toHaveText('0', { timeout: 60_000 });
  await expect(app.getByTestId('no-file-diff')).toBeVisible();
});

test('keyboard shortcuts: Ctrl+F focuses the filter, Ctrl+O opens an archive', async ({ app, testbed }) => {
  await expect(app.getByLabel('Filter images')).toBeVisible();
  await app.locator('body').click();
  await app.keyboard.press('Control+f');
  await expect(app.getByLabel('Filter images')).toBeFocused();

  const tar = (await archiveFixtures(testbed)).byName('docker-save.tar').path;
  await registerFilePath(app, basename(tar), tar);
  await app.locator('body').click();
  const chooser = app.waitForEvent('filechooser');
  await app.keyboard.press('Control+o');
  await (await chooser).setFiles(tar);
  await expect(app.getByTestId('archive-name')).toHaveText(basename(tar), { timeout: 60_000 });
  await expect(app.getByTestId('nav-archive')).toHaveAttribute('aria-current', 'page');
});

test.describe('light theme', () => {
  test.use({ colorScheme: 'light' });
  test('the Images view follows prefers-color-scheme: light', async ({ app, testbed }) => {
    await expect(app.getByRole('cell', { name: testbed.images.base }).first()).toBeVisible({
      timeout: 30_000,
    });
    const bg = await app.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(246, 248, 250)');
    await app.screenshot({ path: shot('ui-images-light.png') });
  });
});
