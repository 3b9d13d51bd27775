/**
 * The background check of an opened archive: after the first result, main re-reads every layer
 * and compares its content's digest with the diffID the config promises (`verifyArchive`, a
 * cancellable job). One at a time, for the archive shown; a newer archive cancels the older check.
 */
import type { StateCreator } from 'zustand';
import type { ChannelResult } from '../../src-shared/ipc-contract';
import { newJobId } from '../features/jobs/use-job';
import { call, errorMessage, IpcCallError } from '../ipc/client';
import type { StoreState } from './index';

export type VerifyResults = ChannelResult<'verifyArchive'>;

export type VerifyState =
  | { status: 'idle' }
  | { status: 'running'; sessionId: string; jobId: string }
  | { status: 'done'; sessionId: string; results: VerifyResults }
  | { status: 'cancelled'; sessionId: string }
  | { status: 'error'; sessionId: string; message: string };

export interface VerifySlice {
  archiveVerify: VerifyState;
  /** Starts the check of a session (cancelling another one's). */
  verifyArchive: (sessionId: string) => Promise<void>;
  cancelVerify: () => Promise<void>;
}

export const createVerifySlice: StateCreator<StoreState, [], [], VerifySlice> = (set, get) => ({
  archiveVerify: { status: 'idle' },

  verifyArchive: async (sessionId) => {
    await get().cancelVerify();
    const jobId = newJobId('verify');
    set({ archiveVerify: { status: 'running', sessionId, jobId } });
    const mine = (): boolean => {
      const v = get().archiveVerify;
      return v.status === 'running' && v.jobId === jobId;
    };
    try {
      const results = await call('verifyArchive', { sessionId, jobId });
      if (mine()) set({ archiveVerify: { status: 'done', sessionId, results } });
    } catch (err) {
      if (!mine()) return;
      if (err instanceof IpcCallError && err.code === 'CANCELLED')
        set({ archiveVerify: { status: 'cancelled', sessionId } });
      else set({ archiveVerify: { status: 'error', sessionId, message: errorMessage(err) } });
    }
  },

  cancelVerify: async () => {
    const v = get().archiveVerify;
    if (v.status !== 'running') return;
    set({ archiveVerify: { status: 'cancelled', sessionId: v.sessionId } });
    await call('cancelJob', { jobId: v.jobId }).catch(() => undefined);
  },
});
