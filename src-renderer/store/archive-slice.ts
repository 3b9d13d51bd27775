/**
 * The archive being looked at: opening it (a cancellable job with progress), the analysis, the
 * selected image and layer, and the file tree's state (expanded directories, a cache of
 * directory listings keyed by `${layer}|${view}|${key}`, filter and sort), plus the open file.
 */
import type { StateCreator } from 'zustand';
import type { ArchiveAnalysis, TreeEntryDto } from '../../src-shared/archive-analysis';
import type { ChannelResult } from '../../src-shared/ipc-contract';
import { childrenKey, type ChildrenState, type TreeSort, type TreeView } from '../features/tree/tree-rows';
import { call, errorMessage, IpcCallError, rawMessage, subscribe } from '../ipc/client';
import type { StoreState } from './index';

export interface OpenProgress {
  phase: string;
  bytesDone: number;
  bytesTotal: number;
  current?: string;
}

export type ArchiveState =
  | { status: 'idle' }
  | { status: 'opening'; jobId: string; path: string; name: string; progress: OpenProgress | null }
  | { status: 'cancelling'; jobId: string; path: string; name: string; progress: OpenProgress | null }
  | {
      status: 'ready';
      sessionId: string;
      /** The archive file; '' for an image analyzed out of the engine. */
      path: string;
      name: string;
      analysis: ArchiveAnalysis;
      cached: boolean;
      /** An archive file opened here, or a local image the engine streamed (Images > Analyze). */
      source: ArchiveSource;
    }
  | { status: 'cancelled'; path: string; name: string }
  | { status: 'error'; path: string; name: string; code: string; message: string; details: unknown };

export type ArchiveSource = 'file' | 'engine';

export type FileContent = ChannelResult<'readArchiveFile'>;
export type FileViewState =
  | { status: 'none' }
  | { status: 'loading'; entry: TreeEntryDto }
  | { status: 'ready'; entry: TreeEntryDto; content: FileContent }
  | { status: 'error'; entry: TreeEntryDto; message: string };

export interface ArchiveSlice {
  archive: ArchiveState;
  /** The platform the archive was opened with (multi-platform index), or null for the default. */
  archivePlatform: string | null;
  selectedImageId: string | null;
  selectedLayer: number;
  treeView: TreeView;
  treeExpanded: ReadonlySet<string>;
  treeChildren: ReadonlyMap<string, ChildrenState>;
  treeFilter: string;
  treeChangesOnly: boolean;
  treeSort: TreeSort;
  fileView: FileViewState;
  openArchive: (path: string, name?: string, platform?: string) => Promise<void>;
  /** Shows an analysis made elsewhere (Images > Analyze: a local image); this store owns its session now. */
  showLocalAnalysis: (ref: string, result: { sessionId: string; analysis: ArchiveAnalysis }) => void;
  /** A drop or pick the window cannot open (no path): shown like an analyzer error. */
  reportArchiveError: (name: string, message: string) => void;
  cancelOpenArchive: () => Promise<void>;
  closeArchive: () => Promise<void>;
  selectImage: (imageId: string) => void;
  selectLayer: (index: number) => void;
  setTreeView: (view: TreeView) => void;
  toggleDir: (key: string) => void;
  loadChildren: (key: string) => Promise<void>;
  setTreeFilter: (filter: string) => void;
  setTreeChangesOnly: (on: boolean) => void;
  setTreeSort: (sort: TreeSort) => void;
  openFile: (entry: TreeEntryDto) => Promise<void>;
  closeFile: () => void;
}

/** How long after an archive is shown its background diffID check starts. */
const VERIFY_DELAY_MS = 1500;

let jobCounter = 0;
const newJobId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(jobCounter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** The tree and file state for a fresh image or archive. */
const freshTree = {
  treeExpanded: new Set<string>() as ReadonlySet<string>,
  treeChildren: new Map<string, ChildrenState>() as ReadonlyMap<string, ChildrenState>,
  fileView: { status: 'none' } as FileViewState,
};

export const createArchiveSlice: StateCreator<StoreState, [], [], ArchiveSlice> = (set, get) => {
  const session = (): { sessionId: string; imageId: string } | null => {
    const { archive, selectedImageId } = get();
    return archive.status === 'ready' && selectedImageId
      ? { sessionId: archive.sessionId, imageId: selectedImageId }
      : null;
  };
  const setChildren = (cacheKey: string, state: ChildrenState): void =>
    set((s) => {
      const next = new Map(s.treeChildren);
      next.set(cacheKey, state);
      return { treeChildren: next };
    });

  /** Shows a ready analysis (its top image, top layer) and frees the one it replaces. */
  const showReady = (
    ready: Extract<ArchiveState, { status: 'ready' }>,
    archivePlatform: string | null,
    previous: ArchiveState,
  ): void => {
    // Archives list their images in no fixed order: open the one with the most layers (the
    // top of the stack the others are built on), the same whichever order the tool wrote.
    const first = [...ready.analysis.images].sort((a, b) => b.layers.length - a.layers.length)[0];
    set({
      archive: ready,
      archivePlatform,
      selectedImageId: first?.id ?? null,
      selectedLayer: Math.max(0, (first?.layers.length ?? 1) - 1),
      ...freshTree,
    });
    if (previous.status === 'ready' && previous.sessionId !== ready.sessionId) {
      void call('closeArchive', { sessionId: previous.sessionId }).catch(() => undefined);
    }
  };

  return {
    archive: { status: 'idle' },
    archivePlatform: null,
    selectedImageId: null,
    selectedLayer: 0,
    treeView: 'merged',
    ...freshTree,
    treeFilter: '',
    treeChangesOnly: false,
    treeSort: 'size',

    openArchive: async (path, name = baseName(path), platform) => {
      const previous = get().archive;
      const jobId = newJobId('open');
      set({ archive: { status: 'opening', jobId, path, name, progress: null } });
      const stillMine = (): boolean => {
        const a = get().archive;
        return (a.status === 'opening' || a.status === 'cancelling') && a.jobId === jobId;
      };
      const unsubscribe = subscribe('jobProgress', (p) => {
        if (p.jobId !== jobId || !stillMine()) return;
        const a = get().archive;
        if (a.status === 'opening' || a.status === 'cancelling') set({ archive: { ...a, progress: p } });
      });
      try {
        const r = await call('openArchive', { path, jobId, ...(platform ? { platform } : {}) });
        if (!stillMine()) {
          void call('closeArchive', { sessionId: r.sessionId }).catch(() => undefined);
          return;
        }
        showReady(
          {
            status: 'ready',
            sessionId: r.sessionId,
            path,
            name,
            analysis: r.analysis,
            cached: r.cached,
            source: 'file',
          },
          platform ?? null,
          previous,
        );
        // The diffID check re-reads every layer: start it once the detail has painted and the
        // user is looking (not while the first frames compete for the CPU), if still shown.
        setTimeout(() => {
          const a = get().archive;
          if (a.status === 'ready' && a.sessionId === r.sessionId) void get().verifyArchive(r.sessionId);
        }, VERIFY_DELAY_MS);
      } catch (err) {
        if (!stillMine()) return;
        if (err instanceof IpcCallError && err.code === 'CANCELLED') {
          set({ archive: { status: 'cancelled', path, name } });
        } else {
          const code = err instanceof IpcCallError ? err.code : 'INTERNAL';
          const details = err instanceof IpcCallError ? err.details : undefined;
          set({ archive: { status: 'error', path, name, code, message: rawMessage(err), details } });
        }
      } finally {
        unsubscribe();
      }
    },

    showLocalAnalysis: (ref, { sessionId, analysis }) => {
      const previous = get().archive;
      if (previous.status === 'opening') void get().cancelOpenArchive();
      // Streamed out of the engine: no file to re-read, so no background check.
      void get().cancelVerify();
      showReady(
        { status: 'ready', sessionId, path: '', name: ref, analysis, cached: false, source: 'engine' },
        null,
        previous,
      );
    },

    reportArchiveError: (name, message) =>
      set({ archive: { status: 'error', path: '', name, code: 'NO_PATH', message, details: undefined } }),

    cancelOpenArchive: async () => {
      const a = get().archive;
      if (a.status !== 'opening') return;
      set({ archive: { ...a, status: 'cancelling' } });
      try {
        const { cancelled } = await call('cancelJob', { jobId: a.jobId });
        // The job had already finished: its answer (result or error) decides the state.
        if (!cancelled) return;
      } catch {
        // The open call answers CANCELLED or its result either way.
      }
    },

    closeArchive: async () => {
      const a = get().archive;
      if (a.status === 'opening') await get().cancelOpenArchive();
      await get().cancelVerify();
      set({ archive: { status: 'idle' }, selectedImageId: null, selectedLayer: 0, ...freshTree });
      if (a.status === 'ready') await call('closeArchive', { sessionId: a.sessionId }).catch(() => undefined);
    },

    selectImage: (imageId) => {
      const a = get().archive;
      if (a.status !== 'ready') return;
      const image = a.analysis.images.find((i) => i.id === imageId);
      if (!image) return;
      set({ selectedImageId: imageId, selectedLayer: Math.max(0, image.layers.length - 1), ...freshTree });
    },

    selectLayer: (selectedLayer) => set({ selectedLayer, fileView: { status: 'none' } }),
    setTreeView: (treeView) => set({ treeView, fileView: { status: 'none' } }),

    toggleDir: (key) => {
      const next = new Set(get().treeExpanded);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      set({ treeExpanded: next });
      if (next.has(key)) void get().loadChildren(key);
    },

    loadChildren: async (key) => {
      const where = session();
      if (!where) return;
      const { selectedLayer: layer, treeView: view } = get();
      const cacheKey = childrenKey(layer, view, key);
      const known = get().treeChildren.get(cacheKey);
      if (known && known.status !== 'error') return;
      setChildren(cacheKey, { status: 'loading' });
      try {
        const entries = await call('archiveChildren', { ...where, key, layer, view });
        if (session()?.sessionId === where.sessionId) setChildren(cacheKey, { status: 'ready', entries });
      } catch (err) {
        if (session()?.sessionId === where.sessionId)
          setChildren(cacheKey, { status: 'error', message: errorMessage(err) });
      }
    },

    setTreeFilter: (treeFilter) => set({ treeFilter }),
    setTreeChangesOnly: (treeChangesOnly) => set({ treeChangesOnly }),
    setTreeSort: (treeSort) => set({ treeSort }),

    openFile: async (entry) => {
      const where = session();
      if (!where) return;
      set({ fileView: { status: 'loading', entry } });
      const stillShown = (): boolean => {
        const f = get().fileView;
        return f.status !== 'none' && f.entry === entry;
      };
      try {
        const content = await call('readArchiveFile', {
          ...where,
          key: entry.key,
          layer: get().selectedLayer,
        });
        if (stillShown()) set({ fileView: { status: 'ready', entry, content } });
      } catch (err) {
        if (stillShown()) set({ fileView: { status: 'error', entry, message: errorMessage(err) } });
      }
    },
    closeFile: () => set({ fileView: { status: 'none' } }),
  };
};

/** Saves a file of the selected image to `destPath` (an absolute path). */
export async function saveArchiveFile(
  s: Pick<StoreState, 'archive' | 'selectedImageId' | 'selectedLayer'>,
  key: string,
  destPath: string,
): Promise<number> {
  if (s.archive.status !== 'ready' || !s.selectedImageId) throw new Error('No archive is open');
  const r = await call('saveArchiveFile', {
    sessionId: s.archive.sessionId,
    imageId: s.selectedImageId,
    key,
    layer: s.selectedLayer,
    destPath,
    jobId: newJobId('save'),
  });
  return r.bytes;
}
