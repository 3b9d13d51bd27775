/**
 * "Clean up what the lessons made" against the test bed's dockerd: lessons leave containers, a
 * tag, the images lesson 8 committed over two runs and the archives lesson 12 saved; the clean-up
 * lists exactly those, removes them (one already gone behind its back counts as done, an archive
 * changed since is kept), and leaves the images the lessons start from, the user's own look-alike
 * objects and the progress. With no engine it is disabled, with the reason.
 */
import { existsSync } from 'node:fs';
import { appendFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MainApi } from '../../src-main/ipc/main-api';
import { SAMPLE_IMAGES } from '../../src-shared/learn-samples';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { cleanEngine, doLesson } from './learn-support';

/** Objects of the user's that look like the lessons' but are not theirs. */
const MINE_CONTAINER = 'learn-mine';
const MINE_TAG = 'myimg/httpd:mine';

function ok<T>(r: { result?: T; error?: { message: string } }): T {
  if (r.error) throw new Error(r.error.message);
  return r.result as T;
}

async function removeMine(api: MainApi): Promise<void> {
  await api.removeContainer({ id: MINE_CONTAINER, force: true, volumes: false });
  await api.untagImage({ ref: MINE_TAG });
}

/** The archives lesson 12 saves, left by a test that ran it. */
async function removeArchives(api: MainApi): Promise<void> {
  const { saveTargets } = ok(await api.learnEnvironment());
  for (const file of [saveTargets.tar, saveTargets.tarGz]) await rm(file, { force: true });
}

/** The image IDs a lesson's output shows, in order. */
const imageIds = (output: string): string[] => [...output.matchAll(/sha256:[0-9a-f]{64}/g)].map((m) => m[0]);

const keysOf = (items: Locator): Promise<string[]> =>
  items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item') ?? ''));

test.describe('with the test bed engine', () => {
  test.beforeEach(async ({ mainApi }) => {
    await cleanEngine(mainApi);
    await removeMine(mainApi);
  });
  test.afterEach(async ({ mainApi }) => {
    await cleanEngine(mainApi);
    await removeMine(mainApi);
    await removeArchives(mainApi);
  });

  test('removes what the lessons made, and only that', async ({ app, mainApi, testbed }) => {
    test.setTimeout(120_000);
    const base = testbed.images.base;
    ok(await mainApi.tagImage({ ref: base, repo: 'myimg/httpd', tag: 'mine' }));
    ok(
      await mainApi.runContainer({
        image: base,
        name: MINE_CONTAINER,
        command: ['sleep', '600'],
        networkMode: 'none',
        detach: true,
      }),
    );

    await app.getByTestId('nav-learn').click();
    await expect(app.getByTestId('learn-mode')).toHaveClass(/mode-live/);
    await app.getByTestId('lesson').getByTestId('load-sample').click();
    await doLesson(app, 'run-server');
    await app.getByTestId('lesson-commit').click();
    // Twice: each run commits an unnamed image and one it names v2, which the second run takes over.
    const [first, firstV2] = imageIds(await doLesson(app, 'commit'));
    const [second, secondV2] = imageIds(await doLesson(app, 'commit'));
    expect(new Set([first, firstV2, second, secondV2]).size).toBe(4);
    await expect(app.getByTestId('learn-progress')).toHaveText('2 of 13 done');

    await app.getByTestId('learn-cleanup').click();
    const dialog = app.getByTestId('learn-cleanup-dialog');
    const items = dialog.getByTestId('learn-cleanup-items').locator('li');
    await expect(items).toHaveCount(6);
    expect(await keysOf(items)).toEqual([
      'container:learn-web1',
      'container:learn-httpd',
      'tag:myimg/httpd:v2',
      `image:${first}`,
      `image:${firstV2}`,
      `image:${second}`,
    ]);
    await expect(items.nth(0)).toContainText('Container learn-web1 (running): stopped and removed');
    const listed = (await dialog.textContent()) ?? '';
    for (const notOurs of [SAMPLE_IMAGES.base, SAMPLE_IMAGES.web, MINE_TAG, MINE_CONTAINER, base])
      expect(listed).not.toContain(notOurs);
    await app.screenshot({ path: resolve(__dirname, '../../test-results/learn-cleanup-confirm.png') });

    // Gone before the confirmation: the clean-up finds it gone and counts that as done.
    ok(await mainApi.removeContainer({ id: 'learn-web1', force: true, volumes: false }));
    await dialog.getByTestId('learn-cleanup-confirm').click();
    await expect(dialog.getByTestId('learn-cleanup-summary')).toHaveText(
      'Done: what the lessons made is gone.',
      { timeout: 30_000 },
    );
    await expect(items.nth(0)).toHaveAttribute('data-status', 'gone');
    for (const i of [1, 2, 3, 4, 5]) await expect(items.nth(i)).toHaveAttribute('data-status', 'removed');
    await expect(items.nth(2)).toContainText('untagged, image deleted');
    await app.screenshot({ path: resolve(__dirname, '../../test-results/learn-cleanup-done.png') });

    const containers = ok(await mainApi.listContainers()).map((c) => c.name);
    expect(containers).not.toContain('learn-web1');
    expect(containers).not.toContain('learn-httpd');
    expect(containers).toContain(MINE_CONTAINER);
    const images = ok(await mainApi.listImages({ includeDangling: true }));
    const tags = images.flatMap((i) => i.repoTags);
    for (const kept of [SAMPLE_IMAGES.base, SAMPLE_IMAGES.web, SAMPLE_IMAGES.webV1, MINE_TAG, base])
      expect(tags).toContain(kept);
    expect(tags).not.toContain('myimg/httpd:v2');
    const left = images.map((i) => i.id);
    for (const committed of [first, firstV2, second, secondV2]) expect(left).not.toContain(committed);

    // The Containers view shows the same: the user's container stays, the lessons' are gone.
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect(app.getByTestId('learn-progress')).toHaveText('2 of 13 done');
    await app.getByTestId('nav-containers').click();
    const row = (name: string) => app.locator(`[data-testid="ct-row"][data-name="${name}"]`);
    await expect(row(MINE_CONTAINER)).toHaveCount(1);
    for (const name of ['learn-web1', 'learn-httpd']) await expect(row(name)).toHaveCount(0);

    // A second look finds nothing left to remove.
    await app.getByTestId('nav-learn').click();
    await app.getByTestId('learn-cleanup').click();
    await expect(dialog.getByTestId('learn-cleanup-empty')).toHaveText(
      'Nothing the lessons made is left in the engine or in their folder.',
    );
    await expect(dialog.getByTestId('learn-cleanup-confirm')).toBeDisabled();
  });
});

test.describe('the archives lesson 12 saved', () => {
  test.beforeEach(async ({ mainApi }) => cleanEngine(mainApi));
  test.afterEach(async ({ mainApi }) => {
    await cleanEngine(mainApi);
    await removeArchives(mainApi);
  });

  test('are deleted while still as saved; one changed since is kept', async ({ app, mainApi }) => {
    test.setTimeout(120_000);
    const { tar, tarGz } = ok(await mainApi.learnEnvironment()).saveTargets;
    await app.getByTestId('nav-learn').click();
    await expect(app.getByTestId('learn-mode')).toHaveClass(/mode-live/);
    await app.getByTestId('lesson').getByTestId('load-sample').click();
    await app.getByTestId('lesson-commit').click();
    await doLesson(app, 'commit');
    await app.getByTestId('lesson-save').click();
    await doLesson(app, 'save');
    // The user adds to one of them: it is no longer the file the lesson wrote.
    await appendFile(tarGz, 'mine');

    await app.getByTestId('learn-cleanup').click();
    const dialog = app.getByTestId('learn-cleanup-dialog');
    const items = dialog.getByTestId('learn-cleanup-items').locator('li');
    const file = (path: string) => dialog.locator(`li[data-item="file:${path}"]`);
    await expect(items).toHaveCount(5);
    expect((await keysOf(items)).slice(3)).toEqual([`file:${tar}`, `file:${tarGz}`]);
    await expect(file(tar)).toContainText(`Archive ${tar} (`);
    await expect(file(tar)).toContainText('saved in lesson 12: deleted');
    await expect(file(tarGz)).toHaveText(`Archive ${tarGz}: changed since lesson 12 saved it, kept`);

    await dialog.getByTestId('learn-cleanup-confirm').click();
    await expect(dialog.getByTestId('learn-cleanup-summary')).toHaveText(
      'Done; the files that changed since the lessons wrote them were kept.',
      { timeout: 30_000 },
    );
    await expect(file(tar)).toHaveAttribute('data-status', 'removed');
    await expect(file(tarGz)).toHaveAttribute('data-status', 'kept');
    await expect(file(tarGz)).toContainText('— changed, kept');
    expect(existsSync(tar)).toBe(false);
    expect(existsSync(tarGz)).toBe(true);

    // A second look shows only the kept file, with nothing to remove.
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await app.getByTestId('learn-cleanup').click();
    await expect(items).toHaveCount(1);
    await expect(file(tarGz)).toContainText('changed since lesson 12 saved it, kept');
    await expect(dialog.getByTestId('learn-cleanup-confirm')).toBeDisabled();
  });
});

test.describe('with no engine', () => {
  test.use({ noEngine: true });

  test('the clean-up is disabled, and says why', async ({ app }) => {
    await expect(app.getByTestId('learn-view')).toHaveAttribute('data-mode', 'samples');
    await expect(app.getByTestId('learn-cleanup')).toBeDisabled();
    await expect(app.getByTestId('learn-cleanup-reason')).toHaveText(
      'Connect an engine to clean up what the lessons made.',
    );
    await expect(app.getByTestId('learn-cleanup')).toHaveAccessibleDescription(
      'Connect an engine to clean up what the lessons made.',
    );
  });
});
