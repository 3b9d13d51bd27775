/** Names of the transfer channels and events (zod-free: the preload imports them). */
export const TRANSFER_CHANNELS = [] as const;
export const TRANSFER_EVENTS = [] as const;
export type TransferChannel = (typeof TRANSFER_CHANNELS)[number];
