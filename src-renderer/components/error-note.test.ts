import { describe, expect, it } from 'vitest';
import { IpcCallError } from '../ipc/client';
import { readableError } from './ErrorNote';

describe('readableError', () => {
  it('lists each invalid field on its own line and keeps the first line of the message', () => {
    const err = new IpcCallError({
      code: 'INVALID_ARGUMENT',
      message: 'Invalid arguments\n  ✖ name: too long',
      details: [{ path: ['name'], message: 'too long' }, { path: [], message: 'unknown key' }, 'noise'],
    });
    expect(readableError(err)).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'Invalid arguments',
      issues: ['name: too long', 'argument: unknown key'],
      details: err.details,
    });
  });
  it("reads a job's error state the same way", () => {
    const state = { status: 'error', code: 'ENGINE_UNAVAILABLE', message: 'no daemon', details: undefined };
    expect(readableError(state)).toEqual({ code: 'ENGINE_UNAVAILABLE', message: 'no daemon', issues: [] });
  });
  it('anything else becomes its message', () => {
    expect(readableError(new Error('boom'))).toEqual({ code: 'ERROR', message: 'boom', issues: [] });
  });
});
