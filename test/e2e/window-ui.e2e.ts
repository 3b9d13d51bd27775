/**
 * The window's cross-cutting parts on the real test bed: the UI language (switch to Simplified
 * Chinese, kept after a reload), "Load into engine" from an opened archive, Images > Analyze
 * opening the full image detail, and Delete asking before it removes anything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { detailMsg } from '../../src-renderer/features/archives/messages';
import { registerFilePath } from './bridge';
import { expect, test } from './fixtures';

const exactly = (s: string): RegExp => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const rowWithTag = (app: Page, ref: string): Locator =>
  app
    .getByTestId('image-row')
    .filter({ has: app.getByTestId('image-tag').filter({ hasText: exactly(ref) }) });
const shot = (name: string): string => resolve(__dirname, `../../test-results/${name}.png`);

/** Unwraps a main API answer, failing the test on an error envelope. */
function ok<T>(r: { result?: T; error?: { message: string } }): T {
  if (r.error) throw new Error(r.error.message);
  return r.result as T;
}

test('switch the UI to Simplified Chinese: navigation, engine bar and Images; a reload keeps it', async ({
  app,
  testbed,
}) => {
  await expect(app.getByTestId('nav-images')).toHaveText('Images');
  await expect(app.getByTestId('engine-state')).toHaveText('Connected');
  await expect(rowWithTag(app, testbed.images.base)).toHaveCount(1);

  await app.getByTestId('language-switch').selectOption('zh');
  const checkChinese = async (): Promise<void> => {
    await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(app.getByTestId('nav-images')).toHaveText('镜像');
    await expect(app.getByTestId('nav-containers')).toHaveText('容器');
    await expect(app.getByTestId('engine-state')).toHaveText('已连接');
    await expect(app.getByText('存储驱动：')).toBeVisible();
    await expect(app.getByRole('heading', { name: '镜像', exact: true })).toBeVisible();
    await expect(app.getByRole('columnheader', { name: '标签', exact: true })).toBeVisible();
    // Column headings never wrap (创建时间 read 创建 over 时间 when the column was as narrow as 刚刚).
    await expect(app.getByRole('columnheader', { name: '创建时间', exact: true })).toHaveCSS(
      'white-space',
      'nowrap',
    );
    await expect(app.locator('.images .count')).toHaveText(/^\d+ 个镜像$/);
    await expect(rowWithTag(app, testbed.images.base).getByTestId('action-analyze')).toHaveText('分析');
  };
  await checkChinese();
  await app.screenshot({ path: shot('ui-images-zh') });

  await app.reload();
  await expect(app.getByTestId('language-switch')).toHaveValue('zh');
  await checkChinese();

  // The views' own words too: the graph's export group and a container's state.
  await app.getByTestId('nav-graph').click();
  await expect(app.getByTestId('graph-exports')).toContainText('导出');
  await app.getByTestId('nav-containers').click();
  const stopped = app.locator(`[data-testid="ct-row"][data-name="${testbed.images.commitContainer}"]`);
  await expect(stopped.getByTestId('ct-state')).toHaveText('已退出');
  // On one line, not 已退 over 出 (a badge of two lines is about twice this tall).
  expect((await stopped.getByTestId('ct-state').boundingBox())!.height).toBeLessThan(24);
  await app.getByTestId('nav-images').click();

  await app.getByTestId('language-switch').selectOption('en');
  await expect(app.getByTestId('nav-images')).toHaveText('Images');
});

test('Load into engine from the archive view: progress, the loaded tags, then the row in Images', async ({
  app,
  testbed,
  mainApi,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-e2e-loadinto-'));
  const repo = 'strata-e2e/loadinto';
  const ref = `${repo}:1`;
  const tar = join(dir, 'loadinto.tar');
  try {
    // An archive whose only tag the engine then forgets: loading it is what brings the tag back.
    ok(await mainApi.tagImage({ ref: testbed.images.base, repo, tag: '1' }));
    ok(await mainApi.saveImages({ refs: [ref], destPath: tar, gzip: false, jobId: 'e2e-loadinto-save' }));
    ok(await mainApi.untagImage({ ref }));
    const listed = ok(await mainApi.listImages({ includeDangling: true }));
    expect(listed.some((i) => i.repoTags.includes(ref))).toBe(false);

    await app.getByTestId('nav-archive').click();
    await registerFilePath(app, basename(tar), tar);
    await app.getByTestId('archive-input').setInputFiles(tar);
    await expect(app.getByTestId('archive-name')).toHaveText(basename(tar), { timeout: 60_000 });
    await expect(app.getByTestId('layer-count')).toHaveText(/^\d+$/, { timeout: 60_000 });
    // The background diffID check of the file, and the size breakdown of the archive's image.
    const layerCount = Number(await app.getByTestId('layer-count').textContent());
    const verify = app.getByTestId('verify-status');
    await expect(verify).toHaveAttribute('data-state', 'ok', { timeout: 60_000 });
    await expect(verify).toHaveText(detailMsg.en.verifyOk(layerCount));
    await app.getByRole('tab', { name: 'Sizes' }).click();
    await expect(app.getByTestId('layer-size-bars').getByRole('row')).toHaveCount(layerCount);
    await expect(app.getByTestId('treemap')).toBeVisible();

    const button = app.getByTestId('load-into-engine');
    await expect(button).toBeEnabled();
    await button.click();
    const dialog = app.getByTestId('load-dialog');
    await expect(dialog.getByTestId('load-path')).toHaveValue(tar);
    await expect(dialog.getByTestId('loaded-ref')).toHaveText([ref], { timeout: 60_000 });
    await dialog.getByTestId('load-close').click();
    await expect(dialog).toHaveCount(0);

    await app.getByTestId('nav-images').click();
    const row = rowWithTag(app, ref);
    await expect(row).toHaveCount(1);
    await expect(row).toHaveClass(/highlight/);
    await expect(row).toHaveAttribute('data-image-id', testbed.images.ids[testbed.images.base] ?? '');
  } finally {
    await mainApi.untagImage({ ref });
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Analyze on an Images row opens the full image detail of that local image', async ({
  app,
  testbed,
  mainApi,
}) => {
  const { layers } = testbed.images;
  const inspected = ok(await mainApi.inspectImage({ ref: layers }));
  await rowWithTag(app, layers).getByTestId('action-analyze').click();

  const detail = app.getByTestId('image-detail');
  await expect(detail).toBeVisible({ timeout: 60_000 });
  await expect(app.getByTestId('analyze-dialog')).toHaveCount(0);
  await expect(app.getByTestId('nav-archive')).toHaveAttribute('aria-current', 'page');
  await expect(app.getByTestId('archive-name')).toHaveText(layers);
  await expect(app.getByTestId('archive-source')).toContainText('streamed out of the engine');
  await expect(detail.getByTestId('layer-count')).toHaveText(String(inspected.layers.length));
  await expect(detail.getByTestId('layer')).toHaveCount(inspected.layers.length);
  // Alone in its save stream, yet its bottom layer is busybox:base's: roles come from the engine's images.
  await expect(detail.locator('[data-layer-index="0"] .role-badge')).toHaveText('base');
  const top = detail.locator(`[data-layer-index="${inspected.layers.length - 1}"]`);
  await expect(top.locator('.role-badge')).toHaveText('own');
  // The selected (top) layer is in sight, though the bottom-up list starts at its bottom.
  await expect(top).toHaveAttribute('aria-selected', 'true');
  await expect(top).toBeInViewport({ ratio: 1 });
  // From the engine: nothing to load back.
  await expect(app.getByTestId('load-into-engine')).toHaveCount(0);

  // The same detail an archive gets: the file tree, then the size breakdown with its treemap.
  await expect(detail.getByTestId('tree-row').first()).toBeVisible();
  await detail.getByRole('tab', { name: 'Sizes' }).click();
  await expect(detail.getByTestId('layer-size-bars').getByRole('row')).toHaveCount(inspected.layers.length);
  const treemap = detail.getByTestId('treemap');
  await expect(treemap).not.toHaveAttribute('data-loading', 'true', { timeout: 30_000 });
  await expect(treemap.getByRole('list').getByRole('button', { name: 'bin/' })).toBeVisible();
  await app.screenshot({ path: shot('ui-images-analyze') });
});

test('Delete on a selected image asks first; Escape keeps it, confirming removes only the chosen name', async ({
  app,
  testbed,
  mainApi,
}) => {
  const repo = 'strata-e2e/delete';
  const ref = `${repo}:1`;
  // An image no container uses (the engine refuses to untag one that a container uses).
  const { layers: base, layersLatest } = testbed.images;
  try {
    ok(await mainApi.tagImage({ ref: base, repo, tag: '1' }));
    const row = rowWithTag(app, ref);
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await row.getByTestId('image-check').click();
    await expect(app.getByTestId('selection-bar')).toContainText('1 selected');

    // Delete opens the confirmation; nothing is removed by the key itself.
    await app.keyboard.press('Delete');
    const dialog = app.getByTestId('remove-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(row.getByTestId('image-tag')).toHaveCount(3);

    // Again, and confirm, keeping the base name: only the new name goes.
    await expect(row.getByTestId('image-check')).toBeFocused();
    await app.keyboard.press('Delete');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('checkbox', { name: base }).uncheck();
    await dialog.getByRole('checkbox', { name: layersLatest }).uncheck();
    await expect(dialog.getByTestId('remove-summary')).toContainText('Only names go');
    await dialog.getByTestId('remove-submit').click();
    await expect(dialog.getByTestId('remove-result')).toContainText(ref);
    await dialog.getByTestId('remove-close').click();
    await expect(rowWithTag(app, ref)).toHaveCount(0);
    await expect(rowWithTag(app, base)).toHaveCount(1);
  } finally {
    await mainApi.removeImage({ ref, force: false });
  }
});

test('Delete on the selected container asks first, then removes it', async ({ app, testbed, mainApi }) => {
  const name = 'strata-e2e-delete-key';
  try {
    ok(
      (await mainApi.invoke('runContainer', {
        image: testbed.images.base,
        name,
        command: ['sleep', '300'],
      })) as { result?: unknown; error?: { message: string } },
    );
    await app.getByTestId('nav-containers').click();
    const row = app.locator(`[data-testid="ct-row"][data-name="${name}"]`);
    await expect(row.getByTestId('ct-state')).toHaveText('running');
    await row.getByTestId('ct-command').click();
    await expect(row).toHaveAttribute('aria-selected', 'true');

    await app.keyboard.press('Delete');
    const dialog = app.getByTestId('ct-remove-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveCount(1);

    await row.getByTestId('ct-command').click();
    await app.keyboard.press('Delete');
    await dialog.getByRole('button', { name: 'Remove container' }).click();
    await expect(row).toHaveCount(0, { timeout: 20_000 });
    // The focus does not fall to the page: the row now in its place has it.
    await expect(app.locator('[data-testid="ct-row"]').first()).toBeFocused();
  } finally {
    await mainApi.invoke('removeContainer', { id: name, force: true }).catch(() => undefined);
  }
});
