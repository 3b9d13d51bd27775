/**
 * The tag graph: the engine's tags -> images -> base images (from the `imageGraph` channel),
 * the selected node, and the analysis of a local image started from it. Hover lives in refs
 * inside the view, not here.
 */
import type { StateCreator } from 'zustand';
import type { ArchiveAnalysis } from '../../src-shared/archive-analysis';
import type { ImageGraph } from '../../src-shared/images-dto';
import { call, errorMessage } from '../ipc/client';
import type { StoreState } from './index';

export interface GraphAnalysis {
  ref: string;
  status: 'running' | 'done' | 'error';
  jobId: string;
  sessionId?: string;
  analysis?: ArchiveAnalysis;
  message?: string;
}

export type GraphMode = 'engine' | 'archive';

export interface GraphSlice {
  graph: ImageGraph | null;
  /** Which graph is shown: the engine's, or the opened archive's images (from the analysis). */
  graphMode: GraphMode;
  graphLoading: boolean;
  graphError: string | null;
  graphSelected: string | null;
  graphAnalysis: GraphAnalysis | null;
  refreshGraph: () => Promise<void>;
  selectGraphNode: (id: string | null) => void;
  setGraphMode: (mode: GraphMode) => void;
  analyzeGraphImage: (ref: string) => Promise<void>;
  cancelGraphAnalysis: () => Promise<void>;
}

let jobCounter = 0;

export const createGraphSlice: StateCreator<StoreState, [], [], GraphSlice> = (set, get) => ({
  graph: null,
  graphMode: 'engine',
  graphLoading: false,
  graphError: null,
  graphSelected: null,
  graphAnalysis: null,
  refreshGraph: async () => {
    set({ graphLoading: true });
    try {
      const graph = await call('imageGraph');
      const selected = get().graphSelected;
      set({
        graph,
        graphError: null,
        graphLoading: false,
        graphSelected: selected && graph.nodes.some((n) => n.id === selected) ? selected : null,
      });
    } catch (err) {
      set({ graphError: errorMessage(err), graphLoading: false });
    }
  },
  selectGraphNode: (graphSelected) => set({ graphSelected }),
  setGraphMode: (graphMode) => set({ graphMode, graphSelected: null }),
  analyzeGraphImage: async (ref) => {
    const previous = get().graphAnalysis;
    if (previous?.sessionId)
      void call('closeArchive', { sessionId: previous.sessionId }).catch(() => undefined);
    const jobId = `graph-analyze-${Date.now().toString(36)}-${++jobCounter}`;
    set({ graphAnalysis: { ref, status: 'running', jobId } });
    try {
      const r = await call('analyzeLocalImage', { ref, jobId });
      if (get().graphAnalysis?.jobId !== jobId) {
        void call('closeArchive', { sessionId: r.sessionId }).catch(() => undefined);
        return;
      }
      set({ graphAnalysis: { ref, status: 'done', jobId, sessionId: r.sessionId, analysis: r.analysis } });
    } catch (err) {
      if (get().graphAnalysis?.jobId === jobId)
        set({ graphAnalysis: { ref, status: 'error', jobId, message: errorMessage(err) } });
    }
  },
  cancelGraphAnalysis: async () => {
    const a = get().graphAnalysis;
    set({ graphAnalysis: null });
    if (a?.status === 'running') await call('cancelJob', { jobId: a.jobId }).catch(() => undefined);
    else if (a?.sessionId) await call('closeArchive', { sessionId: a.sessionId }).catch(() => undefined);
  },
});
