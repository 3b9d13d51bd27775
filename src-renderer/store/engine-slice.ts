import type { StateCreator } from 'zustand';
import type { EngineInfo } from '../../src-shared/dto';
import { call, errorMessage, IpcCallError } from '../ipc/client';
import type { StoreState } from './index';

export type EngineState =
  | { status: 'unknown' }
  | { status: 'connected'; info: EngineInfo }
  | { status: 'unavailable'; message: string }
  | { status: 'error'; message: string };

export interface EngineSlice {
  engine: EngineState;
  refreshEngine: () => Promise<void>;
}

export const createEngineSlice: StateCreator<StoreState, [], [], EngineSlice> = (set) => ({
  engine: { status: 'unknown' },
  refreshEngine: async () => {
    try {
      const info = await call('getEngineInfo');
      set({ engine: { status: 'connected', info } });
    } catch (err) {
      const unavailable = err instanceof IpcCallError && err.code === 'ENGINE_UNAVAILABLE';
      set({ engine: { status: unavailable ? 'unavailable' : 'error', message: errorMessage(err) } });
    }
  },
});
