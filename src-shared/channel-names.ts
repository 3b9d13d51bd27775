/**
 * The names of the contract's channels and events, without their schemas, so the sandboxed
 * preload can derive `window.api` without bundling zod. ipc-contract.ts checks that its schema
 * maps have exactly these keys.
 */
export const CHANNEL_NAMES = [
  'getEngineInfo',
  'listImages',
  'inspectImage',
  'openArchive',
  'cancelJob',
  'archiveChildren',
  'readArchiveFile',
  'saveArchiveFile',
  'verifyArchive',
  'closeArchive',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = ['engineStatus', 'jobProgress'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The Electron channel names: one per method, and one multiplexed channel for push events. */
export const ipcChannelFor = (name: ChannelName): string => `strata:${name}`;
export const IPC_EVENT_CHANNEL = 'strata:event';
