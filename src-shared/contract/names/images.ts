/** Names of the images channels and events (zod-free: the preload imports them). */
export const IMAGES_CHANNELS = [
  'imageHistory',
  'imageLayers',
  'imageGraph',
  'tagImage',
  'untagImage',
  'removeImage',
  'pruneImages',
  'analyzeLocalImage',
] as const;
export const IMAGES_EVENTS = [] as const;
export type ImagesChannel = (typeof IMAGES_CHANNELS)[number];
