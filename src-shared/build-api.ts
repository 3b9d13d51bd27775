import type { ChannelName } from './channel-names';
import type { StrataApi } from './ipc-contract';

/**
 * Builds the `window.api` object from the channel list, two transports and the file-path lookup. Used by the preload
 * (over ipcRenderer) and by the test harness (over Playwright's exposed functions), so the page
 * sees exactly the same shape in both.
 */
export function buildApi(
  names: readonly ChannelName[],
  invoke: (name: ChannelName, args: unknown) => Promise<unknown>,
  subscribe: (listener: (event: string, payload: unknown) => void) => () => void,
  getPathForFile: (file: File) => string,
): StrataApi {
  const api: Record<string, unknown> = {};
  for (const name of names) api[name] = (args?: unknown) => invoke(name, args);
  api['on'] = (event: string, callback: (payload: unknown) => void) =>
    subscribe((e, payload) => {
      if (e === event) callback(payload);
    });
  api['getPathForFile'] = (file: File) => getPathForFile(file);
  return Object.freeze(api) as StrataApi;
}
