/** The only module that touches `window.api`: unwraps `{result}|{error}` into values and typed errors. */
import type {
  ChannelArgs,
  ChannelName,
  ChannelResult,
  EventName,
  EventPayload,
  IpcError,
  IpcErrorCode,
  IpcResponse,
} from '../../src-shared/ipc-contract';
import { errorText } from '../components/error-text';

export class IpcCallError extends Error {
  readonly code: IpcErrorCode;
  readonly details: unknown;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcCallError';
    this.code = error.code;
    this.details = error.details;
  }
}

export async function call<K extends ChannelName>(name: K, args?: ChannelArgs<K>): Promise<ChannelResult<K>> {
  const method = window.api[name] as (a?: unknown) => Promise<IpcResponse<ChannelResult<K>>>;
  const response = await method(args);
  if (response.error) throw new IpcCallError(response.error);
  return response.result as ChannelResult<K>;
}

export function subscribe<E extends EventName>(
  event: E,
  callback: (payload: EventPayload<E>) => void,
): () => void {
  return window.api.on(event, callback);
}

/** What a failure says to the user: the code's headline in the UI language, then main's message. */
export const errorMessage = (err: unknown): string => errorText(err);
/** Main's message alone, for states that keep the code beside it and word it when shown (ErrorNote). */
export const rawMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
