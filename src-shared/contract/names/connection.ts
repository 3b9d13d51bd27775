/** Names of the connection channels and events (zod-free: the preload imports them). */
export const CONNECTION_CHANNELS = [
  'listEngines',
  'selectEngine',
  'addEngine',
  'removeEngine',
  'retryEngine',
  'getConnection',
] as const;
export const CONNECTION_EVENTS = ['engineEvent'] as const;
export type ConnectionChannel = (typeof CONNECTION_CHANNELS)[number];
