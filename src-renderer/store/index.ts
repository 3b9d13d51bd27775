/** One store made of slice files. Components pick with atomic selectors. */
import { create } from 'zustand';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createImagesSlice, type ImagesSlice } from './images-slice';

export type StoreState = EngineSlice & ImagesSlice;

export const useStore = create<StoreState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createImagesSlice(...a),
}));
