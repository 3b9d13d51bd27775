/**
 * The archive flow in the real renderer against the real main-process analyzer: drop an image
 * archive, follow the progress, read the layer stack and the efficiency, walk the file tree,
 * open a file, cancel a long open, and see why a plain rootfs tar is refused.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { archiveFixtures } from '../support/archive-fixtures';
import { testbedFromEnv } from '../support/testbed-env';
import { BIG_FILE_COUNT, bigArchive, cdpDropFile, syntheticDropFile } from './archive-support';
import { registerFilePath } from './bridge';
import { expect, test } from './fixtures';

/** dive's archive (../shared/fixtures/dive; dive-fixtures.ts uses import.meta, which Playwright's CJS transform rejects). */
function diveFixture(file: string): string {
  const p = resolve(__dirname, '../../../shared/fixtures/dive', file);
  if (!existsSync(p))
    throw new Error(`dive's test archive ${p} is missing: see test/support/dive-fixtures.ts`);
  return p;
}
const shot = (name: string): string => resolve(__dirname, `../../test-results/${name}`);
const row = (page: Page, p: string) => page.locator(`[data-testid="tree-row"][data-path="${p}"]`);

/** Records whether the progress bar ever showed (an open can finish between two polls). */
async function watchProgress(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const w = window as unknown as { __sawProgress: boolean };
    w.__sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="archive-progress"]')) w.__sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { __sawProgress: boolean }).__sawProgress);
}

test('drop docker save output: layers, efficiency, tree views, filter and a file', async ({
  app,
  scriptedDialogs,
}) => {
  const fx = await archiveFixtures(testbedFromEnv());
  const sawProgress = await watchProgress(app);
  await cdpDropFile(app, fx.byName('docker-save.tar.gz').path);

  await expect(app.getByTestId('archive-name')).toHaveText('docker-save.tar.gz');
  await expect(app.getByTestId('layer-count')).toHaveText('8');
  expect(await sawProgress()).toBe(true);
  // Three images in the archive: the picker names them by tag.
  await expect(app.getByTestId('image-choice')).toHaveCount(3);
  await expect(app.getByTestId('efficiency')).toHaveText('96.90 %');
  await expect(app.getByTestId('layer')).toHaveCount(8);

  // Merged view at the top layer: /data holds a.txt and the symlink, not the deleted file.
  await row(app, '/data').click();
  await expect(row(app, '/data/a.txt')).toBeVisible();
  await expect(row(app, '/data/link-to-a').getByTestId('link-target')).toHaveText('→ /data/a.txt');
  await expect(row(app, '/data/remove-me')).toHaveCount(0);

  // Filter by glob: only the .txt files stay.
  await app.getByLabel('Filter files by name or glob').fill('*.txt');
  await expect(row(app, '/data/b.txt')).toBeVisible();
  await expect(row(app, '/data/big.bin')).toHaveCount(0);
  await app.getByLabel('Filter files by name or glob').fill('');

  // A.txt's content.
  await row(app, '/data/a.txt').click();
  await expect(app.getByTestId('file-content')).toHaveText('file a');
  await app.screenshot({ path: shot('ui-file-tree.png') });

  // Save it out of the archive, the destination picked in the system's save dialog (scripted).
  const viewer = app.getByTestId('file-viewer');
  const out = mkdtempSync(join(tmpdir(), 'strata-e2e-save-'));
  try {
    const dest = join(out, 'a-copy.txt');
    const suggested = await viewer.getByLabel('Save to').inputValue();
    scriptedDialogs.saveAnswers.push(dest);
    await viewer.getByRole('button', { name: 'Choose…' }).click();
    await expect(viewer.getByLabel('Save to')).toHaveValue(dest);
    expect(scriptedDialogs.asked.at(-1)).toEqual({
      kind: 'save',
      opts: { title: 'Save a.txt as', defaultName: suggested },
    });
    await viewer.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(viewer.getByRole('status')).toHaveText(`Saved 7 B to ${dest}`);
    expect(readFileSync(dest, 'utf8')).toBe('file a\n');
    // Cancelling the dialog keeps the path.
    await viewer.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => scriptedDialogs.asked.length).toBeGreaterThan(1);
    await expect(viewer.getByLabel('Save to')).toHaveValue(dest);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  // The rm layer alone: remove-me is a whiteout, marked removed.
  const rmLayer = app.getByTestId('layer').filter({ hasText: 'rm /data/remove-me' });
  await rmLayer.click();
  await expect(rmLayer).toHaveAttribute('aria-selected', 'true');
  await app.getByRole('radio', { name: 'This layer only' }).click();
  await expect(row(app, '/data/remove-me')).toHaveAttribute('data-change', 'removed');
  // Keyboard: ArrowDown in the stack selects the layer below.
  await app.getByRole('listbox', { name: /Layers/ }).press('ArrowDown');
  const below = Number(await rmLayer.getAttribute('data-layer-index')) - 1;
  await expect(app.locator(`[data-testid="layer"][data-layer-index="${below}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(row(app, '/data/remove-me')).toHaveAttribute('data-change', 'added');

  await app.screenshot({ path: shot('ui-archive-detail.png') });
});

test("pick dive's test image with the Open button: 14 layers, 98.44 % efficient", async ({
  app,
  mainApi,
}) => {
  const file = diveFixture('test-docker-image.tar');
  const expected = await mainApi.openArchive({ path: file, jobId: 'e2e-dive-check' });
  if (!expected.result) throw new Error(expected.error.message);
  await app.getByTestId('nav-archive').click();
  await registerFilePath(app, 'test-docker-image.tar', file);
  await app.getByTestId('archive-input').setInputFiles(file);
  await expect(app.getByTestId('layer-count')).toHaveText(
    String(expected.result.analysis.images[0]!.layers.length),
  );
  await expect(app.getByTestId('layer-count')).toHaveText('14');
  await expect(app.getByTestId('efficiency')).toHaveText('98.44 %');
  await app.getByRole('tab', { name: 'Efficiency' }).click();
  await expect(app.getByTestId('inefficient-files')).toContainText('/root/saved.txt');
  await app.getByRole('tab', { name: 'Config & history' }).click();
  await expect(app.getByTestId('history')).toContainText('chmod +x /root/saved.txt');
});

test('a plain rootfs tar is refused with the reason', async ({ app }) => {
  const fx = await archiveFixtures(testbedFromEnv());
  await syntheticDropFile(app, fx.rootfsTar);
  await expect(app.getByTestId('archive-error-reason')).toContainText('Not an image archive');
  await app.getByText('Details', { exact: true }).click();
  await expect(app.getByTestId('archive-error')).toContainText('NOT_AN_IMAGE');
});

test('a long open can be cancelled; a 200,000-file directory scrolls virtualized', async ({ app }) => {
  test.setTimeout(180_000);
  const big = await bigArchive();
  // Press Cancel the moment the progress bar appears, from inside the page: on a fast machine the
  // analysis can finish before a click from the test process would land.
  await app.evaluate(() => {
    const observer = new MutationObserver(() => {
      const button = [
        ...document.querySelectorAll<HTMLButtonElement>('[data-testid="archive-progress"] button'),
      ].find((b) => b.textContent?.trim() === 'Cancel');
      if (button) {
        observer.disconnect();
        button.click();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await syntheticDropFile(app, big);
  await expect(app.getByTestId('archive-cancelled')).toBeVisible();

  await syntheticDropFile(app, big);
  await expect(app.getByTestId('layer-count')).toHaveText('2', { timeout: 120_000 });
  await row(app, '/many').click();
  const viewport = app.getByTestId('tree-viewport');
  await expect(viewport).toHaveAttribute('data-row-count', String(BIG_FILE_COUNT + 2), { timeout: 60_000 });
  // Only the rows on screen are in the DOM.
  expect(await app.getByTestId('tree-row').count()).toBeLessThan(100);
  await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(row(app, `/many/f${String(BIG_FILE_COUNT - 1).padStart(6, '0')}`)).toBeVisible();
  expect(await app.getByTestId('tree-row').count()).toBeLessThan(100);
});
