import type { StateCreator } from 'zustand';
import type { ImageSummary } from '../../src-shared/dto';
import { call, errorMessage } from '../ipc/client';
import type { StoreState } from './index';

export type ImageSort = 'name' | 'size' | 'created';

export interface ImagesSlice {
  images: readonly ImageSummary[];
  imagesLoading: boolean;
  imagesError: string | null;
  imageFilter: string;
  imageSort: ImageSort;
  refreshImages: () => Promise<void>;
  setImageFilter: (filter: string) => void;
  setImageSort: (sort: ImageSort) => void;
}

export const createImagesSlice: StateCreator<StoreState, [], [], ImagesSlice> = (set) => ({
  images: [],
  imagesLoading: false,
  imagesError: null,
  imageFilter: '',
  imageSort: 'name',
  refreshImages: async () => {
    set({ imagesLoading: true });
    try {
      const images = await call('listImages', { includeDangling: true });
      set({ images, imagesError: null, imagesLoading: false });
    } catch (err) {
      set({ imagesError: errorMessage(err), imagesLoading: false });
    }
  },
  setImageFilter: (imageFilter) => set({ imageFilter }),
  setImageSort: (imageSort) => set({ imageSort }),
});
