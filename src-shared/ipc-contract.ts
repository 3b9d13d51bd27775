/**
 * The typed IPC contract between the window and the main process.
 *
 * Every channel is a method name mapped to a zod schema for its one argument and one for its
 * result. Main parses every argument with these schemas before any handler runs, so a wrong
 * argument from the renderer never reaches the engine. Push events (main -> window) have a
 * payload schema each. Each domain keeps its channels in src-shared/contract/<domain>.ts; this
 * module joins them. It imports nothing but zod: it is shared by main, preload and renderer.
 */
import { z } from 'zod';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from './channel-names';
import { archiveChannels } from './contract/archive';
import { connectionChannels, connectionEvents } from './contract/connection';
import { containersChannels, containersEvents } from './contract/containers';
import { dialogsChannels, dialogsEvents } from './contract/dialogs';
import { engineChannels } from './contract/engine';
import { imagesChannels, imagesEvents } from './contract/images';
import { learnChannels, learnEvents } from './contract/learn';
import { transferChannels, transferEvents } from './contract/transfer';
import type { IpcResponse } from './contract/common';
import { EngineStatusSchema } from './dto';

export { CHANNEL_NAMES, EVENT_NAMES, IPC_EVENT_CHANNEL, ipcChannelFor } from './channel-names';
export type { ChannelName, EventName } from './channel-names';
export * from './contract/common';

export const channels = {
  ...engineChannels,
  ...archiveChannels,
  ...connectionChannels,
  ...imagesChannels,
  ...containersChannels,
  ...transferChannels,
  ...dialogsChannels,
  ...learnChannels,
} as const satisfies Record<ChannelName, { args: z.ZodType; result: z.ZodType }>;

export type ChannelArgs<K extends ChannelName> = z.input<(typeof channels)[K]['args']>;
export type ChannelParsedArgs<K extends ChannelName> = z.output<(typeof channels)[K]['args']>;
export type ChannelResult<K extends ChannelName> = z.output<(typeof channels)[K]['result']>;

export const events = {
  /** The engine connection changed state (connected, unavailable). */
  engineStatus: EngineStatusSchema,
  /** Progress of a long job started with a `jobId`. */
  jobProgress: z.object({
    jobId: z.string(),
    phase: z.string(),
    bytesDone: z.number().nonnegative(),
    bytesTotal: z.number().nonnegative(),
    current: z.string().optional(),
  }),
  ...connectionEvents,
  ...imagesEvents,
  ...containersEvents,
  ...transferEvents,
  ...dialogsEvents,
  ...learnEvents,
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// Both directions: every name has a schema (satisfies above) and every schema has a name.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const namesMatch: Exact<keyof typeof channels, ChannelName> & Exact<keyof typeof events, EventName> = true;
void namesMatch;
void CHANNEL_NAMES;
void EVENT_NAMES;

type Method<K extends ChannelName> =
  undefined extends ChannelArgs<K>
    ? (args?: ChannelArgs<K>) => Promise<IpcResponse<ChannelResult<K>>>
    : (args: ChannelArgs<K>) => Promise<IpcResponse<ChannelResult<K>>>;

/** The channel methods and `on`: what `createMainApi` returns in tests. */
export type StrataChannelApi = { [K in ChannelName]: Method<K> } & {
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
};

/** The object the preload exposes as `window.api`: the channels plus the one page-side helper. */
export type StrataApi = StrataChannelApi & {
  /** The absolute path of a dropped or picked file (Electron's `webUtils.getPathForFile`); '' when it has none. */
  getPathForFile(file: File): string;
};
