import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';

const node = (id: string) => `[data-node="${id}"]`;
const edge = (from: string, to: string) => `[data-edge="${from}->${to}"]`;

test('the Graph tab draws tags -> image -> the base image it is built on, and exports DOT', async ({
  app,
  testbed,
}) => {
  const { base, layers, layersLatest, ids } = testbed.images;
  const layersId = ids[layers]!;
  const baseId = ids[base]!;
  expect(ids[layersLatest]).toBe(layersId);

  await app.getByTestId('nav-graph').click();
  const svg = app.locator('svg.graph-svg');
  await expect(svg.locator(node(layers))).toBeVisible();

  // Both tags point at one image node, which is built on busybox:base's image node.
  await expect(svg.locator(node(layersLatest))).toHaveCount(1);
  await expect(svg.locator(node(layersId))).toHaveCount(1);
  await expect(svg.locator(edge(layers, layersId))).toHaveCount(1);
  await expect(svg.locator(edge(layersLatest, layersId))).toHaveCount(1);
  await expect(svg.locator(edge(base, baseId))).toHaveCount(1);
  await expect(svg.locator(edge(layersId, baseId))).toHaveCount(1);
  await expect(svg.locator(edge(layersId, baseId))).toHaveClass(/gedge-base/);

  // Tags sit left of their image, images left of what they are built on.
  const box = async (id: string) => (await svg.locator(node(id)).boundingBox())!;
  expect((await box(layers)).x).toBeLessThan((await box(layersId)).x);
  expect((await box(layersId)).x).toBeLessThan((await box(baseId)).x);

  // Hover lights the path down to the base and dims the rest.
  await svg.locator(node(layers)).hover();
  await expect(svg).toHaveClass(/has-lit/);
  await expect(svg.locator(node(baseId))).toHaveClass(/lit/);
  await expect(svg.locator(edge(layersId, baseId))).toHaveClass(/lit/);
  await expect(svg.locator(node(testbed.images.committed))).not.toHaveClass(/lit/);

  // Selecting shows the detail with the chain down to the base; keyboard works too.
  await svg.locator(node(layers)).click();
  const detail = app.getByTestId('graph-detail');
  await expect(detail.getByTestId('graph-detail-id')).toHaveText(layersId.slice(7, 19));
  await expect(detail.getByTestId('graph-chain').locator('li')).toHaveCount(2);
  await expect(detail.getByTestId('graph-chain')).toContainText(base);
  await svg.locator(node(layers)).focus();
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('Enter');
  await expect(svg.locator(node(layersId))).toHaveAttribute('aria-pressed', 'true');

  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'DOT' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('strata-graph.dot');
  const dot = await readFile((await download.path())!, 'utf8');
  expect(dot).toContain(`"${layers}" -> "${layersId}";`);
  expect(dot).toContain(`"${layersLatest}" -> "${layersId}";`);
  expect(dot).toContain(`"${layersId}" -> "${baseId}" [label="built on"`);

  const [svgDownload] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'SVG' }).click(),
  ]);
  const svgText = await readFile((await svgDownload.path())!, 'utf8');
  expect(svgText.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svgText).toContain(`>${layers}</text>`);

  const [pngDownload] = await Promise.all([
    app.waitForEvent('download'),
    app.getByRole('button', { name: 'PNG' }).click(),
  ]);
  const png = await readFile((await pngDownload.path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(2000);

  await svg.locator(node(layers)).hover();
  await app.screenshot({ path: resolve(__dirname, '../../test-results/ui-graph.png') });
});
