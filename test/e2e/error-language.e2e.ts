/**
 * An error from main in the UI language: switched to Simplified Chinese through the engine bar, a
 * pull the real engine refuses (a repository the test bed's registry does not have) shows the
 * code's Chinese headline over the engine's own message; back in English, the next refusal shows
 * the English headline. Headlines come from the app's one mapping (components/error-text.ts).
 */
import type { Page } from '@playwright/test';
import type { IpcErrorCode } from '../../src-shared/ipc-contract';
import type { MainApi } from '../../src-main/ipc/main-api';
import { errorHeadlines } from '../../src-renderer/components/error-text';
import type { Lang } from '../../src-renderer/i18n/lang';
import { expect, test } from './fixtures';

/** What main answers to this pull when asked directly: the code and message the window must show. */
async function refusalOf(
  mainApi: MainApi,
  ref: string,
  jobId: string,
): Promise<{ code: IpcErrorCode; message: string }> {
  const r = await mainApi.pullImage({ ref, jobId });
  if (!r.error) throw new Error(`the engine pulled ${ref}; the test needs a reference it refuses`);
  return { code: r.error.code, message: r.error.message };
}

/** Pull `ref` through the Images view's Pull dialog and check the note it shows, then close it. */
async function pullAndExpectNote(
  app: Page,
  ref: string,
  expected: { headline: string; detail: string },
): Promise<void> {
  await app.getByTestId('pull-open').click();
  const pull = app.getByTestId('pull-dialog');
  await pull.getByTestId('pull-input').fill(ref);
  await expect(pull.getByTestId('ref-ok')).toBeVisible();
  await pull.getByTestId('pull-submit').click();
  const note = pull.getByRole('alert');
  await expect(note.locator('strong')).toHaveText(expected.headline, { timeout: 30_000 });
  await expect(note.locator('.error-note-detail')).toHaveText(expected.detail);
  await app.keyboard.press('Escape');
  await expect(pull).toHaveCount(0);
}

const headline = (lang: Lang, code: IpcErrorCode): string => errorHeadlines[lang][code];

test('an engine refusal is headed in Chinese after the switch, and in English after switching back', async ({
  app,
  testbed,
  mainApi,
}) => {
  const missingZh = `${testbed.registry}/strata-e2e/never-pushed:zh`;
  const missingEn = `${testbed.registry}/strata-e2e/never-pushed:en`;
  const zh = await refusalOf(mainApi, missingZh, 'e2e-refusal-zh');
  const en = await refusalOf(mainApi, missingEn, 'e2e-refusal-en');
  // The registry answers "manifest unknown": main words that as NOT_FOUND with the engine's message.
  expect(zh.code).toBe('NOT_FOUND');
  expect(en.code).toBe('NOT_FOUND');
  expect(zh.message).toContain(missingZh);
  // The two languages' headlines differ, so the checks below tell them apart.
  expect(headline('zh', zh.code)).not.toBe(headline('en', zh.code));

  await expect(app.getByTestId('engine-state')).toHaveText('Connected');
  await app.getByTestId('language-switch').selectOption('zh');
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await pullAndExpectNote(app, missingZh, { headline: headline('zh', zh.code), detail: zh.message });

  await app.getByTestId('language-switch').selectOption('en');
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');
  await pullAndExpectNote(app, missingEn, { headline: headline('en', en.code), detail: en.message });
});
