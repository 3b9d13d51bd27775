/**
 * The lesson-file channels through the real main API (zod parse included) on real temp files:
 * a file is deleted only while it is the one the lesson wrote, in the lessons' folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../docker/engine-client';
import { createMainApi, EventHub, type MainApi } from './main-api';

// These channels never reach the engine: one that fails on use proves it.
const noEngine = (): EngineClient => {
  throw new Error('the engine must not be asked');
};

let root = '';
let dir = '';
let api: MainApi;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'strata-lesson-files-'));
  dir = path.join(root, 'lessons');
  await mkdir(dir);
  api = createMainApi({ engine: noEngine, events: new EventHub(), learnWorkDir: dir, checkResults: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** Writes `content` at `p` and answers what a lesson would remember of it. */
async function written(p: string, content = 'x'.repeat(1000)) {
  await writeFile(p, content);
  return { path: p, bytes: Buffer.byteLength(content), writtenAt: Date.now() };
}

describe('lessonFileStates', () => {
  it('tells the same file from a changed, a missing and an outside one', async () => {
    const same = await written(path.join(dir, 'httpd.tar'));
    const resized = await written(path.join(dir, 'httpd.tar.gz'));
    await writeFile(resized.path, 'y'.repeat(999));
    const rewritten = await written(path.join(dir, 'later.tar'));
    // Same size, written a minute after the lesson: the user's file now.
    await utimes(rewritten.path, new Date(), new Date(rewritten.writtenAt + 60_000));
    const folder = { path: path.join(dir, 'folder'), bytes: 0, writtenAt: Date.now() };
    await mkdir(folder.path);
    const gone = { path: path.join(dir, 'gone.tar'), bytes: 1000, writtenAt: Date.now() };
    const outside = await written(path.join(root, 'httpd.tar'));
    const relative = { ...same, path: 'lessons/httpd.tar' };
    const dotted = { ...same, path: path.join(dir, 'sub', '..', '..', 'httpd.tar') };
    const files = [same, resized, rewritten, folder, gone, outside, relative, dotted];
    expect(await api.lessonFileStates({ files })).toEqual({
      result: ['same', 'changed', 'changed', 'changed', 'gone', 'outside', 'outside', 'outside'],
    });
  });

  it('takes a link in the folder for changed, even to a file of the right size', async () => {
    const target = await written(path.join(root, 'target.tar'));
    const link = path.join(dir, 'httpd.tar');
    await symlink(target.path, link);
    expect(await api.lessonFileStates({ files: [{ ...target, path: link }] })).toEqual({
      result: ['changed'],
    });
    expect(await api.removeLessonFile({ ...target, path: link })).toEqual({ result: { outcome: 'changed' } });
    expect(existsSync(link) && existsSync(target.path)).toBe(true);
  });
});

describe('removeLessonFile', () => {
  it('deletes the file the lesson wrote, then finds it gone', async () => {
    const file = await written(path.join(dir, 'httpd.tar'));
    expect(await api.removeLessonFile(file)).toEqual({ result: { outcome: 'removed' } });
    expect(existsSync(file.path)).toBe(false);
    expect(await api.removeLessonFile(file)).toEqual({ result: { outcome: 'gone' } });
  });

  it('keeps a changed file and a file outside the lessons’ folder, untouched', async () => {
    const changed = await written(path.join(dir, 'httpd.tar'));
    await writeFile(changed.path, 'mine');
    const outside = await written(path.join(root, 'httpd.tar'));
    expect(await api.removeLessonFile(changed)).toEqual({ result: { outcome: 'changed' } });
    expect(await api.removeLessonFile(outside)).toEqual({ result: { outcome: 'outside' } });
    expect(await readFile(changed.path, 'utf8')).toBe('mine');
    expect(existsSync(outside.path)).toBe(true);
  });

  it('refuses malformed arguments before touching anything', async () => {
    const file = await written(path.join(dir, 'httpd.tar'));
    for (const bad of [
      { ...file, bytes: -1 },
      { ...file, writtenAt: 0 },
      { ...file, path: '' },
      { ...file, force: true },
      { path: file.path },
    ]) {
      const r = await api.invoke('removeLessonFile', bad);
      expect(r.error?.code, JSON.stringify(bad)).toBe('INVALID_ARGUMENT');
    }
    const tooMany = Array.from({ length: 21 }, () => file);
    expect((await api.invoke('lessonFileStates', { files: tooMany })).error?.code).toBe('INVALID_ARGUMENT');
    expect(existsSync(file.path)).toBe(true);
  });
});
