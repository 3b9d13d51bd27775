/**
 * "Clean up what the lessons made" against the test bed's dockerd: two lessons leave containers,
 * a tag and an unnamed committed image; the clean-up lists exactly those, removes them (one
 * already gone behind its back counts as done), and leaves the images the lessons start from,
 * the user's own look-alike objects and the progress. With no engine it is disabled, with the reason.
 */
import { resolve } from 'node:path';
import type { MainApi } from '../../src-main/ipc/main-api';
import { SAMPLE_IMAGES } from '../../src-shared/learn-samples';
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

test.describe('with the test bed engine', () => {
  test.beforeEach(async ({ mainApi }) => {
    await cleanEngine(mainApi);
    await removeMine(mainApi);
  });
  test.afterEach(async ({ mainApi }) => {
    await cleanEngine(mainApi);
    await removeMine(mainApi);
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
    await doLesson(app, 'commit');
    await expect(app.getByTestId('learn-progress')).toHaveText('2 of 13 done');

    await app.getByTestId('learn-cleanup').click();
    const dialog = app.getByTestId('learn-cleanup-dialog');
    const items = dialog.getByTestId('learn-cleanup-items').locator('li');
    await expect(items).toHaveCount(4);
    const keys = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item') ?? ''));
    expect(keys.slice(0, 3)).toEqual(['container:learn-web1', 'container:learn-httpd', 'tag:myimg/httpd:v2']);
    expect(keys[3]).toMatch(/^image:sha256:[0-9a-f]{64}$/);
    const committedId = keys[3]!.slice('image:'.length);
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
    for (const i of [1, 2, 3]) await expect(items.nth(i)).toHaveAttribute('data-status', 'removed');
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
    expect(images.map((i) => i.id)).not.toContain(committedId);

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
      'Nothing the lessons made is left in the engine.',
    );
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
