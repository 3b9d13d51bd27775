/** One store made of slice files. Components pick with atomic selectors. */
import { create } from 'zustand';
import { createArchiveSlice, type ArchiveSlice } from './archive-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createGraphSlice, type GraphSlice } from './graph-slice';
import { createImagesSlice, type ImagesSlice } from './images-slice';
import { createContainersSlice, type ContainersSlice } from './containers-slice';
import { createVerifySlice, type VerifySlice } from './verify-slice';

export type StoreState = EngineSlice &
  ImagesSlice &
  ArchiveSlice &
  GraphSlice &
  ContainersSlice &
  VerifySlice;

export const useStore = create<StoreState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createImagesSlice(...a),
  ...createArchiveSlice(...a),
  ...createGraphSlice(...a),
  ...createContainersSlice(...a),
  ...createVerifySlice(...a),
}));
