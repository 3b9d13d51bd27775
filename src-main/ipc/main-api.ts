/**
 * The main-process API: every channel of the contract, with its arguments parsed by zod before
 * its handler runs and every outcome answered as `{result}` or `{error}`. The Electron glue
 * (register-ipc.ts) exposes exactly this object over ipcMain; tests call it directly.
 */
import { z } from 'zod';
import {
  CHANNEL_NAMES,
  channels,
  type ChannelName,
  type IpcResponse,
  type StrataChannelApi,
} from '../../src-shared/ipc-contract';
import { WriteFileError } from '../fs/write-error';
import { AppError, writeAppError } from './app-error';
import { EventHub } from './event-hub';
import { engineHandlers, type EngineDeps } from './engine-handlers';
import type { HandlerMap } from './handlers';
import { archiveHandlers } from './archive-handlers';
import { JobRegistry } from './jobs';
import type { FileDialogs, MainContext } from './context';
import { connectionHandlers } from './connection-handlers';
import { containersHandlers } from './containers-handlers';
import { dialogsHandlers } from './dialogs-handlers';
import { imagesHandlers } from './images-handlers';
import { learnHandlers } from './learn-handlers';
import { transferHandlers } from './transfer-handlers';
import { AnalysisHost } from '../services/analysis-host';
import { EngineRegistry } from '../services/engine-registry';

export interface MainApiDeps extends EngineDeps {
  events: EventHub;
  /** Archive analysis (a worker thread in the app; in-process in tests when no build exists). */
  analysis?: AnalysisHost;
  /** The engines the app knows; without it, a registry of the one `engine` given (tests, CLI). */
  connection?: EngineRegistry;
  /** Also check every result against the contract (tests turn this on; it costs time on big results). */
  checkResults?: boolean;
  /** The native file pickers (Electron's `dialog` in the app; a scripted stand-in in e2e). */
  dialogs?: FileDialogs;
  /** Where unexpected errors are reported (they are answered as INTERNAL). */
  logError?: (channel: string, err: unknown) => void;
  /** Where the Learn sample archives are (default: the repository's resources/samples). */
  samplesDir?: string;
  /** Where the lessons save archives, the one folder their clean-up deletes in (default: under the OS temp dir). */
  learnWorkDir?: string;
}

/** The method-only part of the API, keyed by channel; what `invoke(channel, arg)` dispatches on. */
export type MainApi = StrataChannelApi & {
  invoke(channel: string, args: unknown): Promise<IpcResponse<unknown>>;
};

export function createMainApi(deps: MainApiDeps): MainApi {
  let connection = deps.connection;
  const ctx: MainContext = {
    engine: deps.engine,
    events: deps.events,
    jobs: new JobRegistry(),
    analysis: deps.analysis ?? new AnalysisHost(),
    ...(deps.dialogs ? { dialogs: deps.dialogs } : {}),
    // Made on first use: building it asks for the engine, which a rejected call must never do.
    get connection() {
      return (connection ??= EngineRegistry.around(deps.engine, { events: deps.events }));
    },
  };
  const handlers: HandlerMap = {
    ...engineHandlers(ctx),
    ...archiveHandlers(ctx),
    ...connectionHandlers(ctx),
    ...imagesHandlers(ctx),
    ...containersHandlers(ctx),
    ...transferHandlers(ctx),
    ...dialogsHandlers(ctx),
    ...learnHandlers(ctx, {
      ...(deps.samplesDir ? { samplesDir: deps.samplesDir } : {}),
      ...(deps.learnWorkDir ? { workDir: deps.learnWorkDir } : {}),
    }),
  };

  async function invoke(channel: string, rawArgs: unknown): Promise<IpcResponse<unknown>> {
    if (!Object.hasOwn(channels, channel)) {
      return { error: { code: 'UNKNOWN_CHANNEL', message: `No such channel: ${channel}` } };
    }
    const name = channel as ChannelName;
    const spec = channels[name];
    const parsed = spec.args.safeParse(rawArgs);
    if (!parsed.success) {
      return {
        error: {
          code: 'INVALID_ARGUMENT',
          message: `Invalid argument for ${name}: ${z.prettifyError(parsed.error)}`,
          details: parsed.error.issues.map((i) => ({
            path: i.path.map(String),
            message: i.message,
            ...('keys' in i ? { keys: i.keys } : {}),
          })),
        },
      };
    }
    try {
      const handler = handlers[name] as (args: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      return { result: deps.checkResults ? spec.result.parse(result) : result };
    } catch (thrown) {
      // A file the call had to write (an archive, engines.json...) failed: say why, as every channel does.
      const err = thrown instanceof WriteFileError ? writeAppError(thrown) : thrown;
      if (err instanceof AppError) {
        if (err.code === 'INTERNAL') deps.logError?.(name, err);
        return { error: err.toIpcError() };
      }
      deps.logError?.(name, err);
      return { error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
    }
  }

  const api: Record<string, unknown> = {
    invoke,
    on: (event: string, callback: (payload: unknown) => void) =>
      deps.events.subscribe((e, payload) => {
        if (e === event) callback(payload);
      }),
  };
  for (const name of CHANNEL_NAMES) api[name] = (args?: unknown) => invoke(name, args);
  return api as MainApi;
}

export { EventHub };
