/** Names of the containers channels and events (zod-free: the preload imports them). */
export const CONTAINERS_CHANNELS = [] as const;
export const CONTAINERS_EVENTS = [] as const;
export type ContainersChannel = (typeof CONTAINERS_CHANNELS)[number];
