/** Channels and push events of the containers domain. */
export const containersChannels = {} as const;
export const containersEvents = {} as const;
