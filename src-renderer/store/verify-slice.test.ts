import { beforeEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { installFakeApi, type FakeApi } from './fake-api.test-support';
import type { StoreState } from './index';
import { createVerifySlice, type VerifySlice } from './verify-slice';

const makeStore = () =>
  create<VerifySlice>()((set, get, api) =>
    createVerifySlice(set as never, get as unknown as () => StoreState, api as never),
  );

let fake: FakeApi;
beforeEach(() => {
  fake = installFakeApi();
});

describe('verify slice', () => {
  it('keeps the results of the session it checked', async () => {
    const rows = [{ imageId: 'sha256:a', index: 0, diffId: 'sha256:d', computed: 'sha256:d', matches: true }];
    fake.on('verifyArchive', () => rows);
    const store = makeStore();
    await store.getState().verifyArchive('s1');
    expect(store.getState().archiveVerify).toEqual({ status: 'done', sessionId: 's1', results: rows });
  });

  it('says why it could not check', async () => {
    fake.on('verifyArchive', () => {
      throw { code: 'INTERNAL', message: 'read failed' };
    });
    const store = makeStore();
    await store.getState().verifyArchive('s1');
    expect(store.getState().archiveVerify).toEqual({
      status: 'error',
      sessionId: 's1',
      message: 'The operation failed: read failed',
    });
  });

  it('a newer check cancels the running one, whose late answer is ignored', async () => {
    let release: (v: unknown) => void = () => undefined;
    fake.on('verifyArchive', (args) =>
      (args as { sessionId: string }).sessionId === 's1' ? new Promise((r) => (release = r)) : [],
    );
    fake.on('cancelJob', () => ({ cancelled: true }));
    const store = makeStore();
    const first = store.getState().verifyArchive('s1');
    await Promise.resolve();
    const firstJob = (fake.calls.find((c) => c.name === 'verifyArchive')!.args as { jobId: string }).jobId;
    await store.getState().verifyArchive('s2');
    expect(fake.calls).toContainEqual({ name: 'cancelJob', args: { jobId: firstJob } });
    release([{ imageId: 'x', index: 0, diffId: 'd', computed: null, matches: null }]);
    await first;
    expect(store.getState().archiveVerify).toEqual({ status: 'done', sessionId: 's2', results: [] });
  });
});
