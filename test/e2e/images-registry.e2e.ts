/**
 * Push and pull through the Images view against the test bed's registry (Analyze of a local
 * image is in window-ui.e2e.ts).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const exactly = (s: string): RegExp => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const rowWithTag = (app: Page, ref: string): Locator =>
  app
    .getByTestId('image-row')
    .filter({ has: app.getByTestId('image-tag').filter({ hasText: exactly(ref) }) });

test('tag for the registry, push, untag, and pull it back', async ({ app, testbed, mainApi }) => {
  const ref = `${testbed.registry}/strata-e2e/pushed:1`;
  const base = testbed.images.base;
  try {
    const row = rowWithTag(app, base);
    await row.getByTestId('action-tag').click();
    const tag = app.getByTestId('tag-dialog');
    await tag.getByTestId('tag-input').fill(ref);
    // The parser shows the registry it read from the reference.
    await expect(tag.getByTestId('ref-ok')).toContainText(testbed.registry);
    await tag.getByTestId('tag-submit').click();
    await expect(rowWithTag(app, ref)).toHaveCount(1);

    await row.getByTestId('action-push').click();
    const push = app.getByTestId('push-dialog');
    await push.getByTestId('push-ref').selectOption(ref);
    await push.getByTestId('push-submit').click();
    await expect(push.getByRole('status')).toContainText(`Pushed ${ref}: sha256:`, { timeout: 30_000 });
    await push.getByRole('button', { name: 'Close', exact: true }).last().click();

    await row.getByRole('button', { name: `Untag ${ref}` }).click();
    await app.getByTestId('untag-submit').click();
    await expect(rowWithTag(app, ref)).toHaveCount(0);

    await app.getByTestId('pull-open').click();
    const pull = app.getByTestId('pull-dialog');
    await pull.getByTestId('pull-input').fill('Not A Ref');
    await expect(pull.getByTestId('ref-problem')).toBeVisible();
    await expect(pull.getByTestId('pull-submit')).toBeDisabled();
    await pull.getByTestId('pull-input').fill(ref);
    await expect(pull.getByTestId('ref-ok')).toContainText('strata-e2e/pushed');
    await pull.getByTestId('pull-submit').click();
    await expect(pull.getByRole('status')).toContainText(`Pulled ${ref}`, { timeout: 30_000 });
    await pull.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(rowWithTag(app, ref)).toHaveClass(/highlight/);
    await expect(rowWithTag(app, ref)).toHaveAttribute('data-image-id', testbed.images.ids[base] ?? '');
  } finally {
    await mainApi.removeImage({ ref, force: true });
  }
});

test('Run on a row opens the run dialog with that image', async ({ app, testbed }) => {
  await rowWithTag(app, testbed.images.base).getByTestId('action-run').click();
  const dialog = app.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('input').first()).toHaveValue(testbed.images.base);
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toHaveCount(0);
});
