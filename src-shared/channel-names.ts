/**
 * The names of the contract's channels and events, without their schemas, so the sandboxed
 * preload can derive `window.api` without bundling zod. ipc-contract.ts checks that its schema
 * maps have exactly these keys. Each domain lists its own names in contract/names/<domain>.ts.
 */
import { CONNECTION_CHANNELS, CONNECTION_EVENTS } from './contract/names/connection';
import { CONTAINERS_CHANNELS, CONTAINERS_EVENTS } from './contract/names/containers';
import { DIALOGS_CHANNELS, DIALOGS_EVENTS } from './contract/names/dialogs';
import { IMAGES_CHANNELS, IMAGES_EVENTS } from './contract/names/images';
import { LEARN_CHANNELS, LEARN_EVENTS } from './contract/names/learn';
import { TRANSFER_CHANNELS, TRANSFER_EVENTS } from './contract/names/transfer';

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
  ...CONNECTION_CHANNELS,
  ...IMAGES_CHANNELS,
  ...CONTAINERS_CHANNELS,
  ...TRANSFER_CHANNELS,
  ...DIALOGS_CHANNELS,
  ...LEARN_CHANNELS,
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'engineStatus',
  'jobProgress',
  ...CONNECTION_EVENTS,
  ...IMAGES_EVENTS,
  ...CONTAINERS_EVENTS,
  ...TRANSFER_EVENTS,
  ...DIALOGS_EVENTS,
  ...LEARN_EVENTS,
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The Electron channel names: one per method, and one multiplexed channel for push events. */
export const ipcChannelFor = (name: ChannelName): string => `strata:${name}`;
export const IPC_EVENT_CHANNEL = 'strata:event';
