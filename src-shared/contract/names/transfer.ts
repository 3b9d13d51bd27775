/** Names of the transfer channels and events (zod-free: the preload imports them). */
export const TRANSFER_CHANNELS = [
  'saveImages',
  'loadImages',
  'pullImage',
  'pushImage',
  'registryLogin',
  'parseReference',
] as const;
/** Progress of saves, loads, pulls and pushes goes out as the common `jobProgress` event. */
export const TRANSFER_EVENTS = [] as const;
export type TransferChannel = (typeof TRANSFER_CHANNELS)[number];
