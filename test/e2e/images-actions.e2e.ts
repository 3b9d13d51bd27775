/**
 * The Images view's actions on the real test bed: tag, untag, save a whole repository (the native
 * save dialog answered by the scripted stand-in), remove (CONFLICT naming the container, then
 * force), and load the saved archive back.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const REPO = 'strata-e2e/img';
const T1 = `${REPO}:t1`;
const T2 = `${REPO}:t2`;
const exactly = (s: string): RegExp => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const shot = (name: string): string => resolve(__dirname, `../../test-results/${name}.png`);

/** The row that holds tag `ref` (by its chip, not a substring of another tag). */
const rowWithTag = (app: Page, ref: string): Locator =>
  app
    .getByTestId('image-row')
    .filter({ has: app.getByTestId('image-tag').filter({ hasText: exactly(ref) }) });

test('tag, untag, save, remove and load images through the Images view', async ({
  app,
  testbed,
  mainApi,
  scriptedDialogs,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-e2e-images-'));
  const archive = join(dir, 'img.tar.gz');
  const base = testbed.images.base;
  try {
    const row = rowWithTag(app, base);
    await expect(row).toHaveCount(1);

    // Tag twice through the dialog; a bad reference is refused with the parser's reason first.
    for (const ref of [T1, T2]) {
      await row.getByTestId('action-tag').click();
      const dialog = app.getByTestId('tag-dialog');
      const top = (await dialog.boundingBox())!.y;
      if (ref === T1) {
        await dialog.getByTestId('tag-input').fill('Strata-E2E/Img:t1');
        await expect(dialog.getByTestId('ref-problem')).toContainText('lowercase');
        await expect(dialog.getByTestId('tag-submit')).toBeDisabled();
      }
      await dialog.getByTestId('tag-input').fill(ref);
      if (ref === T1) {
        await expect(dialog.getByTestId('ref-ok')).toContainText(REPO);
        // The parsed parts under the field do not move the dialog.
        expect((await dialog.boundingBox())!.y).toBe(top);
        await dialog.getByTestId('tag-submit').click();
      } else {
        // Enter at once, while the reference is still being checked: not lost.
        await dialog.getByTestId('tag-input').press('Enter');
      }
      await expect(dialog).toHaveCount(0);
    }
    // One row, one image ID, all three names.
    await expect(row.getByTestId('image-tag')).toHaveCount(3);
    await expect(rowWithTag(app, T1)).toHaveAttribute('data-image-id', testbed.images.ids[base] ?? '');
    await expect(rowWithTag(app, T2)).toHaveAttribute('data-image-id', testbed.images.ids[base] ?? '');

    // Untag t1 from its chip: the dialog says the image stays, and the row keeps t2.
    await row.getByRole('button', { name: `Untag ${T1}` }).click();
    const untag = app.getByTestId('untag-dialog');
    await expect(untag).toContainText('The image stays');
    await untag.getByTestId('untag-submit').click();
    await expect(untag).toHaveCount(0);
    // The chip whose × had the focus is gone: the focus lands on the image's row, not the page.
    await expect(row).toBeFocused();
    await expect(row.getByTestId('image-tag').filter({ hasText: exactly(T1) })).toHaveCount(0);
    await expect(row.getByTestId('image-tag').filter({ hasText: exactly(T2) })).toHaveCount(1);

    // Save the whole repository (not the base tag) as gzip, the destination from the save dialog.
    scriptedDialogs.saveAnswers.push(archive);
    await row.getByTestId('image-check').click();
    await expect(app.getByTestId('selection-bar')).toContainText('1 selected');
    await app.getByTestId('save-selected').click();
    const save = app.getByTestId('save-dialog');
    await save.getByRole('checkbox', { name: base, exact: true }).uncheck();
    await save.getByRole('checkbox', { name: `all tags of ${REPO}` }).check();
    await expect(save.getByTestId('save-gzip')).toBeChecked();
    await save.getByTestId('save-choose').click();
    await expect(save.getByTestId('save-dest')).toHaveValue(archive);
    expect(scriptedDialogs.asked.at(-1)).toMatchObject({
      kind: 'save',
      opts: { defaultName: 'strata-e2e_img.tar.gz' },
    });
    // Enter in the destination field saves, as the Save button does.
    await save.getByTestId('save-dest').press('Enter');
    await expect(save.getByTestId('save-result')).toContainText(archive, { timeout: 30_000 });
    await expect(save.getByTestId('save-result')).toContainText(T2);
    await app.screenshot({ path: shot('ui-images-save'), fullPage: true });
    const head = readFileSync(archive).subarray(0, 2);
    expect([...head]).toEqual([0x1f, 0x8b]);
    expect(statSync(archive).size).toBeGreaterThan(1000);
    await save.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(save).toHaveCount(0);

    // Remove t2: a container uses the image, so the engine's refusal names it; force removes the name.
    await row.getByTestId('action-remove').click();
    const remove = app.getByTestId('remove-dialog');
    await remove.getByRole('checkbox', { name: base, exact: true }).uncheck();
    await expect(remove.getByTestId('remove-summary')).toContainText('Only names go');
    await remove.getByTestId('remove-submit').click();
    await expect(remove.getByTestId('remove-conflict')).toContainText(testbed.images.commitContainer);
    await app.screenshot({ path: shot('ui-images-remove-conflict'), fullPage: true });
    await remove.getByTestId('remove-force').click();
    await expect(remove.getByTestId('remove-result')).toContainText(T2);
    await remove.getByTestId('remove-close').click();
    await expect(rowWithTag(app, T2)).toHaveCount(0);
    await expect(rowWithTag(app, base)).toHaveCount(1);

    // Load the archive back (the open dialog answered): the tag returns, highlighted.
    scriptedDialogs.openAnswers.push([archive]);
    await app.getByTestId('load-open').click();
    const load = app.getByTestId('load-dialog');
    await expect(load.getByTestId('loaded-ref')).toHaveText([T2], { timeout: 30_000 });
    expect(scriptedDialogs.asked.at(-1)).toMatchObject({ kind: 'open' });
    await load.getByTestId('load-close').click();
    await expect(rowWithTag(app, T2)).toHaveCount(1);
    await expect(rowWithTag(app, T2)).toHaveClass(/highlight/);
    await expect(rowWithTag(app, T2)).toHaveAttribute('data-image-id', testbed.images.ids[base] ?? '');
    await app.screenshot({ path: shot('ui-images'), fullPage: true });
  } finally {
    for (const ref of [T1, T2]) await mainApi.removeImage({ ref, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

test('file dialogs answer a clear error where main has none', async ({ testbed }) => {
  const { createEngineClient } = await import('../../src-main/docker/engine-client');
  const { createMainApi, EventHub } = await import('../../src-main/ipc/main-api');
  const engine = createEngineClient(testbed.dockerHost);
  const api = createMainApi({ engine: () => engine, events: new EventHub() });
  const r = await api.chooseSavePath({ title: 'x' });
  expect(r.error).toMatchObject({
    code: 'INTERNAL',
    message: expect.stringContaining('File dialogs are not available'),
  });
  const bad = await api.chooseOpenPaths({ filters: [{ name: 'x', extensions: ['../etc'] }] });
  expect(bad.error?.code).toBe('INVALID_ARGUMENT');
});

test('prune deletes dangling images, keeps tagged ones and those a container uses', async ({
  app,
  testbed,
  mainApi,
  events,
}) => {
  const made: string[] = [];
  const commitUntagged = async (name: string): Promise<string> => {
    const run = await mainApi.runContainer({
      image: testbed.images.base,
      name,
      command: ['true'],
      networkMode: 'none',
      detach: true,
    });
    expect(run.error).toBeUndefined();
    made.push(name);
    const c = await mainApi.commitContainer({ container: name });
    expect(c.error).toBeUndefined();
    return c.result!.imageId;
  };
  try {
    const gone = await commitUntagged('strata-e2e-prune-a');
    const used = await commitUntagged('strata-e2e-prune-b');
    // A container of the second dangling image keeps it alive.
    const user = await mainApi.runContainer({
      image: used,
      name: 'strata-e2e-prune-user',
      command: ['true'],
      networkMode: 'none',
      detach: true,
    });
    expect(user.error).toBeUndefined();
    made.push('strata-e2e-prune-user');

    const danglingRow = (id: string): Locator =>
      app.locator(`[data-testid="image-row"][data-image-id="${id}"]`);
    // Made behind the window's back: the engine's event (this bridge has no event stream) says so.
    events.emit('engineEvent', {
      engineId: 'testbed',
      events: [{ type: 'image', action: 'commit', id: used, name: '', time: Date.now() }],
    });
    await expect(danglingRow(gone)).toHaveCount(1);
    await expect(danglingRow(used)).toHaveCount(1);
    await app.getByTestId('prune-open').click();
    const dialog = app.getByTestId('prune-dialog');
    await expect(dialog).toContainText(/\d+ dangling images? listed/);
    await dialog.getByRole('button', { name: 'Prune', exact: true }).click();
    await expect(dialog.getByTestId('prune-result')).toContainText(/^Deleted [1-9]\d* images?, reclaimed /);
    await dialog.locator('button.primary', { hasText: 'Close' }).click();
    await expect(dialog).toHaveCount(0);

    await expect(danglingRow(gone)).toHaveCount(0);
    expect((await mainApi.inspectImage({ ref: gone })).error?.code).toBe('NOT_FOUND');
    expect((await mainApi.inspectImage({ ref: used })).error).toBeUndefined();
    expect((await mainApi.inspectImage({ ref: testbed.images.base })).error).toBeUndefined();
    await expect(rowWithTag(app, testbed.images.base)).toHaveCount(1);
  } finally {
    for (const id of made.reverse()) await mainApi.removeContainer({ id, force: true });
    await mainApi.pruneImages();
  }
});
