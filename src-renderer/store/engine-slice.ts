import type { StateCreator } from 'zustand';
import type { EngineEntry } from '../../src-shared/connection-dto';
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
  /** Every configured engine (environment, Docker contexts, default sockets, user-added). */
  engines: readonly EngineEntry[];
  /** Why switching failed, until the next switch. */
  engineSwitchError: string | null;
  engineSwitching: boolean;
  refreshEngine: () => Promise<void>;
  refreshEngines: () => Promise<void>;
  /** Makes another engine current, then lists everything again from it. */
  switchEngine: (id: string) => Promise<void>;
}

export const createEngineSlice: StateCreator<StoreState, [], [], EngineSlice> = (set, get) => ({
  engine: { status: 'unknown' },
  engines: [],
  engineSwitchError: null,
  engineSwitching: false,
  refreshEngine: async () => {
    try {
      const info = await call('getEngineInfo');
      set({ engine: { status: 'connected', info } });
    } catch (err) {
      const unavailable = err instanceof IpcCallError && err.code === 'ENGINE_UNAVAILABLE';
      set({ engine: { status: unavailable ? 'unavailable' : 'error', message: errorMessage(err) } });
    }
  },
  refreshEngines: async () => {
    try {
      set({ engines: await call('listEngines') });
    } catch {
      // The picker keeps what it had; the bar still shows the current engine's state.
    }
  },
  switchEngine: async (id) => {
    if (get().engines.find((e) => e.current)?.id === id) return;
    set({ engineSwitching: true, engineSwitchError: null });
    try {
      await call('selectEngine', { id });
    } catch (err) {
      set({ engineSwitchError: errorMessage(err) });
    } finally {
      set({ engineSwitching: false });
      const s = get();
      await Promise.all([s.refreshEngines(), s.refreshEngine()]);
      void s.refreshImages();
      void s.refreshContainers();
      void s.refreshGraph();
    }
  },
});
