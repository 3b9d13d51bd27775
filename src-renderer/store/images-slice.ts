import type { StateCreator } from 'zustand';
import type { ImageSummary } from '../../src-shared/dto';
import { clickSelect, emptySelection, keepListed, type Selection } from '../features/images/selection';
import { call, errorMessage } from '../ipc/client';
import type { StoreState } from './index';

export type ImageSort = 'name' | 'size' | 'created';

export interface ImagesSlice {
  images: readonly ImageSummary[];
  imagesLoading: boolean;
  imagesError: string | null;
  imageFilter: string;
  imageSort: ImageSort;
  /** Checked rows (image IDs), for Save and Remove of several images at once. */
  imageSelection: Selection;
  /** References just loaded or pulled: their rows are highlighted until the next such action. */
  highlightedRefs: ReadonlySet<string>;
  refreshImages: () => Promise<void>;
  setImageFilter: (filter: string) => void;
  setImageSort: (sort: ImageSort) => void;
  /** A checkbox click; `ordered` is the IDs as shown, for shift-click ranges. */
  clickImageCheckbox: (id: string, shift: boolean, ordered: readonly string[]) => void;
  setImageSelection: (ids: readonly string[]) => void;
  highlightRefs: (refs: readonly string[]) => void;
}

/** Answers of an older listImages call must not overwrite a newer one (engine events come in bursts). */
let listSeq = 0;

export const createImagesSlice: StateCreator<StoreState, [], [], ImagesSlice> = (set, get) => ({
  images: [],
  imagesLoading: false,
  imagesError: null,
  imageFilter: '',
  imageSort: 'name',
  imageSelection: emptySelection,
  highlightedRefs: new Set<string>(),
  refreshImages: async () => {
    const seq = ++listSeq;
    set({ imagesLoading: true });
    try {
      const images = await call('listImages', { includeDangling: true });
      if (seq !== listSeq) return;
      const imageSelection = keepListed(
        get().imageSelection,
        images.map((i) => i.id),
      );
      set({ images, imageSelection, imagesError: null, imagesLoading: false });
    } catch (err) {
      if (seq === listSeq) set({ imagesError: errorMessage(err), imagesLoading: false });
    }
  },
  setImageFilter: (imageFilter) => set({ imageFilter }),
  setImageSort: (imageSort) => set({ imageSort }),
  clickImageCheckbox: (id, shift, ordered) =>
    set({ imageSelection: clickSelect(get().imageSelection, ordered, id, shift) }),
  setImageSelection: (ids) => set({ imageSelection: { ids: new Set(ids), anchor: null } }),
  highlightRefs: (refs) => set({ highlightedRefs: new Set(refs) }),
});
