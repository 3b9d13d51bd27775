/** Names of the connection channels and events (zod-free: the preload imports them). */
export const CONNECTION_CHANNELS = [] as const;
export const CONNECTION_EVENTS = [] as const;
export type ConnectionChannel = (typeof CONNECTION_CHANNELS)[number];
