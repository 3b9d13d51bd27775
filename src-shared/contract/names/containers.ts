/** Names of the containers channels and events (zod-free: the preload imports them). */
export const CONTAINERS_CHANNELS = [
  'listContainers',
  'runContainer',
  'startContainer',
  'stopContainer',
  'restartContainer',
  'removeContainer',
  'inspectContainer',
  'containerChanges',
  'containerLogs',
  'followLogs',
  'execInContainer',
  'commitContainer',
] as const;
export const CONTAINERS_EVENTS = ['containerLogChunk'] as const;
export type ContainersChannel = (typeof CONTAINERS_CHANNELS)[number];
