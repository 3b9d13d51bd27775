import { basename, resolve } from 'node:path';
import { archiveFixtures } from '../support/archive-fixtures';
import { registerFilePath } from './bridge';
import { expect, test } from './fixtures';

test.setTimeout(180_000);

test('an opened archive: its images as a graph (built on), from the analysis', async ({ app, testbed }) => {
  const fixtures = await archiveFixtures(testbed);
  const tar = fixtures.byName('docker-save.tar').path;
  const { base, layers, ids } = testbed.images;

  await app.getByTestId('nav-archive').click();
  await registerFilePath(app, basename(tar), tar);
  await app.getByTestId('archive-input').setInputFiles(tar);
  await expect(app.getByTestId('archive-name')).toHaveText(basename(tar), { timeout: 60_000 });

  await app.getByTestId('nav-graph').click();
  const archiveMode = app.getByRole('radio', { name: 'Opened archive' });
  await expect(archiveMode).toBeEnabled({ timeout: 60_000 });
  await archiveMode.click();
  const svg = app.locator('svg.graph-svg');
  await expect(svg.locator(`[data-edge="${layers}->${ids[layers]}"]`)).toHaveCount(1);
  await expect(svg.locator(`[data-edge="${ids[layers]}->${ids[base]}"]`)).toHaveCount(1);
});

test('the treemap of an analyzed image: sizes, hover tooltip, zoom in and out', async ({ app, testbed }) => {
  const { layers } = testbed.images;
  await app.getByTestId('nav-graph').click();
  await app.locator(`[data-node="${layers}"]`).click();
  await app.getByRole('button', { name: 'Analyze layers' }).click();

  const analysis = app.getByTestId('graph-analysis');
  await expect(analysis).toBeVisible({ timeout: 60_000 });
  await expect(analysis.getByTestId('layer-size-bars').getByRole('row')).not.toHaveCount(0);
  const treemap = analysis.getByTestId('treemap');
  await expect(treemap).not.toHaveAttribute('data-loading', 'true', { timeout: 30_000 });
  const largest = treemap.getByRole('list');
  await expect(largest.getByRole('button', { name: 'bin/' })).toBeVisible();

  // Hover: the tooltip names a path, its size and share of the image.
  const canvas = treemap.locator('canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.hover({ position: { x: box.width * 0.3, y: box.height * 0.5 } });
  const tip = treemap.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('% of the image');
  await expect(tip.locator('.tm-tip-path')).toHaveText(/^\/\S+/);
  await analysis.scrollIntoViewIfNeeded();
  await canvas.hover({ position: { x: box.width * 0.3, y: box.height * 0.5 } });
  await app.screenshot({ path: resolve(__dirname, '../../test-results/ui-treemap.png') });

  // Zoom into bin/ (lazily loaded), then back out with the breadcrumbs.
  await largest.getByRole('button', { name: 'bin/' }).click();
  await expect(treemap).toHaveAttribute('data-focus', 'bin');
  await expect(treemap.getByTestId('treemap-crumb')).toHaveText(['/', 'bin']);
  await expect(largest.locator('li')).not.toHaveCount(0);
  await treemap.getByTestId('treemap-crumb').first().click();
  await expect(treemap).toHaveAttribute('data-focus', '');

  // A click on the canvas zooms into the folder under the pointer.
  await canvas.click({ position: { x: box.width * 0.3, y: box.height * 0.5 } });
  await expect(treemap).not.toHaveAttribute('data-focus', '');
  for (let i = 0; i < 4; i++) await canvas.press('Escape');
  await expect(treemap).toHaveAttribute('data-focus', '');
});
