/** Names of the images channels and events (zod-free: the preload imports them). */
export const IMAGES_CHANNELS = [] as const;
export const IMAGES_EVENTS = [] as const;
export type ImagesChannel = (typeof IMAGES_CHANNELS)[number];
