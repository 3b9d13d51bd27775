import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAtomic, removeOwnTemps } from './atomic-file';
import { WriteFileError } from './write-error';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openAtomic', () => {
  it('writes chunks and chunk lists in order, flushing along the way, and renames only at commit', async () => {
    const target = path.join(dir, 'out.bin');
    const w = await openAtomic(target);
    const parts = Array.from({ length: 40 }, (_, i) => randomBytes(1024 * 1024 + i));
    await w.write(parts[0]!);
    for (let i = 1; i < parts.length; i += 3)
      await w.writev([parts[i]!, Buffer.alloc(0), ...parts.slice(i + 1, i + 3)]);
    expect(await readdir(dir)).toEqual([path.basename(w.tempPath)]);
    await w.commit();
    expect(await readdir(dir)).toEqual(['out.bin']);
    expect((await readFile(target)).equals(Buffer.concat(parts))).toBe(true);
  });

  it('leaves nothing behind when aborted, even with a flush under way', async () => {
    const w = await openAtomic(path.join(dir, 'out.bin'));
    await w.writev([randomBytes(20 << 20)]);
    await w.abort();
    expect(await readdir(dir)).toEqual([]);
    await expect(w.commit()).rejects.toThrow(/cannot commit a aborted file/);
  });

  it('refuses a folder as the target before it creates anything', async () => {
    const target = path.join(dir, 'a-folder');
    await mkdir(target);
    const err = await openAtomic(target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteFileError);
    expect(err).toMatchObject({
      code: 'EISDIR',
      path: target,
      message: `${target} is a folder; choose a file name`,
    });
    expect(await readdir(dir)).toEqual(['a-folder']);
  });

  it('names the missing folder, not the temp file, and a folder removed before the commit', async () => {
    const gone = path.join(dir, 'gone');
    await expect(openAtomic(path.join(gone, 'out.bin'))).rejects.toMatchObject({
      code: 'ENOENT',
      message: `The folder ${gone} does not exist (any more); nothing was written`,
    });
    await mkdir(gone);
    const w = await openAtomic(path.join(gone, 'out.bin'));
    await w.write(Buffer.from('some bytes'));
    await rm(gone, { recursive: true });
    await expect(w.commit()).rejects.toMatchObject({ name: 'WriteFileError', code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the temp files a crashed earlier write of the same target left, never a live one', async () => {
    // Process 2^22 + 1 is above Linux's pid_max default range and not running.
    const dead = `.out.bin.strata-${2 ** 22 + 1}-aaaaaaaaaaaa.partial`;
    const live = `.out.bin.strata-${process.pid}-bbbbbbbbbbbb.partial`;
    const otherTarget = `.other.bin.strata-${2 ** 22 + 1}-cccccccccccc.partial`;
    const mine = `.out.bin.strata-dddddddddddd.partial`;
    for (const f of [dead, live, otherTarget, mine]) await writeFile(path.join(dir, f), 'half');
    const w = await openAtomic(path.join(dir, 'out.bin'));
    expect(path.basename(w.tempPath)).toMatch(
      new RegExp(`^\\.out\\.bin\\.strata-${process.pid}-[0-9a-f]{12}\\.partial$`),
    );
    await w.write(Buffer.from('whole'));
    await w.commit();
    expect((await readdir(dir)).sort()).toEqual([live, mine, otherTarget, 'out.bin'].sort());
  });
  it("removeOwnTemps removes this process's temps a dead thread left, not the ones this thread is writing", async () => {
    const target = path.join(dir, 'out.bin');
    // As a worker thread of this process that died mid-write would have left it.
    const orphan = `.out.bin.strata-${process.pid}-eeeeeeeeeeee.partial`;
    await writeFile(path.join(dir, orphan), 'half');
    const w = await openAtomic(target);
    await w.write(Buffer.from('still being written'));
    await removeOwnTemps(target);
    expect(await readdir(dir)).toEqual([path.basename(w.tempPath)]);
    await w.commit();
    expect(await readFile(target, 'utf8')).toBe('still being written');
    // Once committed (or aborted) a write is no longer spared: nothing of it is left to spare.
    await writeFile(path.join(dir, orphan), 'half');
    await removeOwnTemps(target);
    expect(await readdir(dir)).toEqual(['out.bin']);
  });
});
