/**
 * The Containers view's shared state: the list (with writable-layer sizes on demand), the
 * selected container, and lifecycle actions. Logs, exec and commit state live in their panels.
 */
import type { StateCreator } from 'zustand';
import type { ContainerSummary } from '../../src-shared/containers-dto';
import { containersMsg } from '../features/containers/messages';
import { currentMessages } from '../i18n/messages';
import { call, errorMessage } from '../ipc/client';
import type { StoreState } from './index';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

export interface ContainersSlice {
  containers: readonly ContainerSummary[];
  containersLoading: boolean;
  containersError: string | null;
  /** Also measure writable layers (`docker ps -s`); slower. */
  containerSizes: boolean;
  selectedContainerId: string | null;
  /** The container an action is running on, and which one. */
  containerBusy: { id: string; action: ContainerAction } | null;
  containerActionError: string | null;
  refreshContainers: () => Promise<void>;
  setContainerSizes: (on: boolean) => void;
  selectContainer: (id: string | null) => void;
  containerAction: (id: string, action: ContainerAction) => Promise<void>;
  clearContainerActionError: () => void;
}

/** Answers in the order asked: a slow older list must not overwrite a newer one. */
let listSeq = 0;

export const createContainersSlice: StateCreator<StoreState, [], [], ContainersSlice> = (set, get) => ({
  containers: [],
  containersLoading: false,
  containersError: null,
  containerSizes: false,
  selectedContainerId: null,
  containerBusy: null,
  containerActionError: null,

  refreshContainers: async () => {
    const seq = ++listSeq;
    set({ containersLoading: true });
    try {
      const containers = await call('listContainers', { size: get().containerSizes });
      if (seq !== listSeq) return;
      const selected = get().selectedContainerId;
      set({
        containers,
        containersError: null,
        containersLoading: false,
        ...(selected && !containers.some((c) => c.id === selected) ? { selectedContainerId: null } : {}),
      });
    } catch (err) {
      if (seq === listSeq) set({ containersError: errorMessage(err), containersLoading: false });
    }
  },

  setContainerSizes: (on) => {
    set({ containerSizes: on });
    void get().refreshContainers();
  },

  selectContainer: (id) => set({ selectedContainerId: id }),

  containerAction: async (id, action) => {
    set({ containerBusy: { id, action }, containerActionError: null });
    try {
      if (action === 'start') await call('startContainer', { id });
      else if (action === 'stop') await call('stopContainer', { id, timeoutSeconds: 10 });
      else if (action === 'restart') await call('restartContainer', { id, timeoutSeconds: 10 });
      else await call('removeContainer', { id, force: true, volumes: false });
      if (action === 'remove' && get().selectedContainerId === id) set({ selectedContainerId: null });
    } catch (err) {
      const m = currentMessages(containersMsg);
      set({ containerActionError: m.actionFailed(m[action], errorMessage(err)) });
    } finally {
      set({ containerBusy: null });
      await get().refreshContainers();
    }
  },

  clearContainerActionError: () => set({ containerActionError: null }),
});
