/**
 * The Learn section end to end: the whole tutorial performed for real against the test bed's
 * dockerd (sample images loaded from resources/samples, servers on 127.0.0.1 with host
 * networking since the daemon has no bridge), then once more with no engine at all, read-only
 * on the sample archive. A screenshot of every lesson lands in test-results/.
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { SAMPLE_IMAGES } from '../../src-shared/learn-samples';
import { expect, test } from './fixtures';
import { cleanEngine, doLesson } from './learn-support';

const shot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: resolve(__dirname, `../../test-results/learn-${name}.png`), fullPage: true });

test.describe('with the test bed engine', () => {
  test.beforeEach(async ({ mainApi }) => {
    await cleanEngine(mainApi);
  });
  test.afterEach(async ({ mainApi }) => {
    await cleanEngine(mainApi);
  });

  test('walks all 13 lessons for real, and remembers the progress', async ({ app }) => {
    test.setTimeout(240_000);
    await app.getByTestId('nav-learn').click();
    await expect(app.getByTestId('learn-mode')).toHaveClass(/mode-live/);
    await expect(app.getByTestId('learn-progress')).toHaveText('0 of 13 done');
    const lesson = app.getByTestId('lesson');
    const viz = app.getByTestId('lesson-viz');
    const next = async (): Promise<void> => app.getByTestId('lesson-next').click();

    // 1. The engine has no sample image yet: the lesson says so and loads it (docker load).
    await expect(lesson.getByTestId('lesson-needs')).toContainText(
      `The image ${SAMPLE_IMAGES.web} in the engine`,
    );
    await expect(lesson.getByTestId('lesson-do')).toBeDisabled();
    await lesson.getByTestId('load-sample').click();
    await expect(lesson.getByTestId('lesson-needs')).toBeHidden({ timeout: 20_000 });
    await expect(lesson.getByTestId('lesson-commands')).toContainText(
      'docker run --name learn-web1 --network host -d',
    );
    await doLesson(app, 'run-server');
    await expect(viz.getByTestId('stack-container').locator('li[data-kind="rw"]')).toContainText(
      'writable layer',
    );
    await expect(viz.getByTestId('stack-container').locator('li[data-kind="ro"]')).toHaveCount(2);
    await shot(app, 'live-01-run-server');

    await next();
    const logs = await doLesson(app, 'command-logs');
    expect(logs).toContain('httpd -f -v -p 127.0.0.1:');
    expect(logs).toContain('Hello world. Busybox httpd.');
    expect(logs).toContain('response:200');
    await shot(app, 'live-02-command-logs');

    await next();
    const exec = await doLesson(app, 'exec');
    expect(exec).toMatch(/PID\s+USER/);
    expect(exec).toMatch(/1 root .*httpd -f/);
    await shot(app, 'live-03-exec');

    await next();
    expect(await doLesson(app, 'layer-stack')).toContain('Storage Driver: ');
    await expect(viz.getByTestId('learn-stack').getByTestId('layer')).toHaveCount(2);
    await shot(app, 'live-04-layer-stack');

    await next();
    expect(await doLesson(app, 'base-image')).toMatch(/\bbin\b[\s\S]*\bvar\b/);
    await expect(viz.getByTestId('learn-stack').getByTestId('layer')).toHaveCount(1);
    await shot(app, 'live-05-base-image');

    await next();
    const names = await doLesson(app, 'names');
    expect(names).toContain('registry docker.io · repository library/nginx · tag latest');
    expect(names).toContain('registry 127.0.0.1:5000 · repository myimg/httpd · tag v2');
    await shot(app, 'live-06-names');

    await next();
    expect(await doLesson(app, 'env')).toContain('hello, learner');
    await shot(app, 'live-07-env');

    await next();
    const commit = await doLesson(app, 'commit');
    expect(commit.match(/sha256:[0-9a-f]{64}/g)?.length).toBe(2);
    await expect(viz.getByTestId('stack-committed')).toContainText('myimg/httpd:v2');
    await expect(viz.getByTestId('stack-committed').locator('li[data-kind="new"]')).toHaveCount(1);
    await shot(app, 'live-08-commit');

    await next();
    await expect(lesson.getByTestId('lesson-commands')).toContainText(
      /docker image tag [0-9a-f]{12} myimg\/httpd:v1/,
    );
    const tags = await doLesson(app, 'tags');
    expect(tags).toContain('Untagged: myimg/httpd:tmp1');
    expect(tags).toContain('(the image remains)');
    for (const t of ['myimg/httpd:v1', 'myimg/httpd:latest', 'myimg/httpd:v2'])
      await expect(viz.locator(`[data-testid="learn-graph-tag"][data-label="${t}"]`)).toHaveCount(1);
    await expect(viz.locator('[data-testid="learn-graph-tag"][data-label="myimg/httpd:tmp1"]')).toHaveCount(
      0,
    );
    // What the lesson changed is lit: the two new tags and the one image ID they name.
    const tag = (label: string) => viz.locator(`[data-testid="learn-graph-tag"][data-label="${label}"]`);
    await expect(tag('myimg/httpd:latest')).toHaveClass(/\blit\b/);
    await expect(tag('myimg/httpd:v2')).not.toHaveClass(/\blit\b/);
    await shot(app, 'live-09-tags');

    await next();
    const cmds = await doLesson(app, 'inspect-cmd');
    expect(cmds).toContain('["sh"]');
    expect(cmds).toMatch(/\["httpd","-f","-v","-p","127\.0\.0\.1:\d+","-h","\/var\/www\/"\]/);
    await shot(app, 'live-10-inspect-cmd');

    await next();
    expect(await doLesson(app, 'run-committed')).toContain('Hello world. Busybox httpd.');
    await expect(lesson.getByTestId('lesson-page-link')).toHaveAttribute(
      'href',
      /^http:\/\/127\.0\.0\.1:\d+\/$/,
    );
    await shot(app, 'live-11-run-committed');

    await next();
    expect(await doLesson(app, 'save')).toContain('manifest.json');
    const structure = viz.getByTestId('archive-structure');
    await expect(structure.getByTestId('archive-compression')).toContainText('none');
    await expect(structure.locator('[data-kind="manifest"]')).toContainText('table of contents');
    await expect(structure.locator('[data-kind="repositories"]')).toHaveCount(1);
    expect(await structure.locator('[data-kind="layer-dir"]').count()).toBeGreaterThanOrEqual(2);
    // Saving the repository saved every tag: the archive's own graph shows the three on two image IDs.
    for (const t of ['myimg/httpd:v1', 'myimg/httpd:latest', 'myimg/httpd:v2'])
      await expect(viz.locator(`[data-testid="learn-graph-tag"][data-label="${t}"]`)).toHaveCount(1);
    await expect(viz.locator('[data-testid="learn-graph-image"]')).toHaveCount(2);
    await shot(app, 'live-12-save');

    await next();
    const load = await doLesson(app, 'load');
    expect(load).toContain('Untagged: myimg/httpd:v2');
    for (const t of ['myimg/httpd:v1', 'myimg/httpd:latest', 'myimg/httpd:v2']) {
      expect(load).toContain(`Loaded image: ${t}`);
      await expect(viz.locator(`[data-testid="learn-graph-tag"][data-label="${t}"]`)).toHaveCount(1);
    }
    await shot(app, 'live-13-load');

    await expect(app.getByTestId('learn-progress')).toHaveText('13 of 13 done');
    // A restart keeps the progress and the open lesson.
    await app.reload();
    await app.getByTestId('nav-learn').click();
    await expect(app.getByTestId('learn-progress')).toHaveText('13 of 13 done');
    await expect(app.getByTestId('lesson')).toHaveAttribute('data-lesson', 'load');
    await expect(app.getByTestId('lesson-run-server')).toHaveAttribute('data-done', 'true');
  });
});

test.describe('with no engine', () => {
  test.use({ noEngine: true });

  test('opens Learn by itself and shows every lesson read-only on the sample archive', async ({ app }) => {
    test.setTimeout(120_000);
    await expect(app.getByTestId('learn-view')).toHaveAttribute('data-mode', 'samples');
    await expect(app.getByTestId('learn-mode')).toContainText('read-only');
    const lesson = app.getByTestId('lesson');
    const viz = app.getByTestId('lesson-viz');
    await expect(lesson.getByTestId('sample-facts')).toContainText(SAMPLE_IMAGES.webV1);

    const ids = await app
      .locator('.learn-list li button')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.replace(/^lesson-/, '') ?? ''));
    expect(ids).toHaveLength(13);
    for (const [i, id] of ids.entries()) {
      await expect(lesson).toHaveAttribute('data-lesson', id);
      if (id === 'names') {
        // Parsing a name needs no engine: this one runs.
        expect(await doLesson(app, 'names')).toContain('repository library/nginx');
      } else {
        await expect(lesson.getByTestId('lesson-do')).toBeDisabled();
        await expect(lesson.getByTestId('lesson-needs')).toContainText('A Docker engine');
      }
      const kind = await viz.getAttribute('data-viz');
      if (kind === 'graph') {
        await expect(viz.locator('[data-testid="learn-graph-tag"]')).toHaveCount(3);
        await expect(viz.locator('[data-testid="learn-graph-image"]')).toHaveCount(2);
      } else if (kind === 'structure') {
        await expect(viz.getByTestId('archive-compression')).toContainText('gzip');
        await expect(viz.locator('[data-kind="manifest"]')).toHaveCount(1);
        await expect(viz.locator('[data-kind="layer-dir"]')).toHaveCount(3);
        await expect(viz.locator('[data-testid="learn-graph-tag"]')).toHaveCount(3);
      } else if (kind === 'stack-base') {
        await expect(viz.getByTestId('layer')).toHaveCount(1);
      } else if (kind !== 'names') {
        await expect(viz.getByTestId('layer')).toHaveCount(2);
      }
      await shot(app, `samples-${String(i + 1).padStart(2, '0')}-${id}`);
      if (i < ids.length - 1) await app.getByTestId('lesson-next').click();
    }
    await expect(app.getByTestId('learn-progress')).toHaveText('12 of 13 done');
    // In Chinese: the lesson and the interface switch language.
    await app.evaluate(() => localStorage.setItem('strata.lang', 'zh'));
    await app.reload();
    await expect(app.getByTestId('learn-progress')).toHaveText('已完成 12 / 13');
    await expect(app.getByTestId('lesson').locator('h3')).toHaveText('导入镜像，标签随之恢复');
    await shot(app, 'samples-zh');
  });
});
