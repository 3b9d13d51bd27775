/** Channels and push events of the images domain. */
export const imagesChannels = {} as const;
export const imagesEvents = {} as const;
