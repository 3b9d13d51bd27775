/** Channels and push events of the transfer domain. */
export const transferChannels = {} as const;
export const transferEvents = {} as const;
