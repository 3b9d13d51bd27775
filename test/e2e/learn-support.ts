/** What the Learn e2e specs share: a clean engine between tests, and running the open lesson. */
import type { Page } from '@playwright/test';
import type { MainApi } from '../../src-main/ipc/main-api';
import { SAMPLE_IMAGES } from '../../src-shared/learn-samples';
import { expect } from './fixtures';

/** Leaves nothing of an earlier run: the lessons' containers, the tutorial's tags, the sample images. */
export async function cleanEngine(api: MainApi): Promise<void> {
  for (const id of ['learn-web1', 'learn-httpd', 'learn-httpd2'])
    await api.removeContainer({ id, force: true, volumes: false });
  for (const ref of ['myimg/httpd:v1', 'myimg/httpd:latest', 'myimg/httpd:v2', 'myimg/httpd:tmp1'])
    await api.removeImage({ ref, force: true });
  for (const ref of [SAMPLE_IMAGES.webV1, SAMPLE_IMAGES.web, SAMPLE_IMAGES.base])
    await api.removeImage({ ref, force: true });
}

/**
 * Runs the open lesson's "Do it" and waits until every step succeeded; answers its output. Run
 * again (the output of the last run still shown), it first waits for that output to be replaced.
 */
export async function doLesson(page: Page, id: string): Promise<string> {
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toHaveAttribute('data-lesson', id);
  await expect(lesson.getByTestId('lesson-do')).toBeEnabled({ timeout: 15_000 });
  const output = lesson.getByTestId('lesson-output');
  const before = (await output.count()) ? await output.textContent() : null;
  await lesson.getByTestId('lesson-do').click();
  if (before !== null) await expect.poll(() => output.textContent(), { timeout: 15_000 }).not.toBe(before);
  await expect(output).toHaveAttribute('data-status', /done|error/, { timeout: 60_000 });
  const text = (await output.textContent()) ?? '';
  expect(await output.getAttribute('data-status'), text).toBe('done');
  return text;
}
