/** Names of the dialogs channels and events (zod-free: the preload imports them). */
export const DIALOGS_CHANNELS = ['chooseSavePath', 'chooseOpenPaths'] as const;
export const DIALOGS_EVENTS = [] as const;
export type DialogsChannel = (typeof DIALOGS_CHANNELS)[number];
