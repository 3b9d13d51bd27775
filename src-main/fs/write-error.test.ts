import { describe, expect, it } from 'vitest';
import { writeAppError } from '../ipc/app-error';
import { WriteFileError, writeFileError } from './write-error';

const target = '/home/u/out/images.tar';
const sysError = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: something, open '/home/u/out/.images.tar.strata-1-abc.partial'`), {
    code,
  });

describe('writeFileError', () => {
  it.each([
    ['ENOSPC', 'INTERNAL', `Not enough space on the disk to write ${target}; nothing was written`],
    ['EDQUOT', 'INTERNAL', `The disk quota is used up, so ${target} cannot be written; nothing was written`],
    ['ENOENT', 'NOT_FOUND', 'The folder /home/u/out does not exist (any more); nothing was written'],
    ['ENOTDIR', 'INVALID_ARGUMENT', '/home/u/out is not a folder; nothing was written'],
    ['EISDIR', 'INVALID_ARGUMENT', `${target} is a folder; choose a file name`],
    ['EACCES', 'INVALID_ARGUMENT', 'No permission to write in /home/u/out'],
    ['EPERM', 'INVALID_ARGUMENT', 'No permission to write in /home/u/out'],
    ['EROFS', 'INVALID_ARGUMENT', '/home/u/out is on a read-only file system'],
    ['ENAMETOOLONG', 'INVALID_ARGUMENT', `The file name ${target} is too long`],
  ])('%s: %s, naming the chosen file or its folder, never the temp file', (code, ipcCode, message) => {
    const err = writeFileError(target, sysError(code));
    expect(err).toMatchObject({ name: 'WriteFileError', code, path: target, message });
    expect(writeAppError(err).toIpcError()).toEqual({
      code: ipcCode,
      message,
      details: { path: target, reason: code },
    });
  });

  it('any other failure keeps its cause, and says nothing was written', () => {
    const err = writeFileError(target, sysError('EIO'));
    expect(err.message).toBe(
      `Cannot write ${target} (EIO: something, open '/home/u/out/.images.tar.strata-1-abc.partial'); nothing was written`,
    );
    expect(writeAppError(err).code).toBe('INTERNAL');
    expect(writeFileError(target, 'not an error').code).toBe('EUNKNOWN');
  });

  it('passes a WriteFileError through unchanged', () => {
    const first = new WriteFileError(target, 'ENOSPC', 'first words');
    expect(writeFileError('/elsewhere', first)).toBe(first);
  });
});
