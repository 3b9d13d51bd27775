/** Channels and push events of the connection domain. */
export const connectionChannels = {} as const;
export const connectionEvents = {} as const;
