/**
 * The only place that touches ipcMain: one handler per contract channel, each checking the
 * sender before anything else, then delegating to the main API (which parses the argument).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { CHANNEL_NAMES, IPC_EVENT_CHANNEL, ipcChannelFor } from '../../src-shared/ipc-contract';
import type { EventHub } from './event-hub';
import type { MainApi } from './main-api';
import { isTrustedRendererUrl } from './sender';

export function registerIpc(
  ipcMain: IpcMain,
  api: MainApi,
  trusted: { rendererUrl: string },
): () => void {
  const isTrusted = (frame: WebFrameMain | null): boolean =>
    !!frame && frame.parent === null && isTrustedRendererUrl(frame.url, trusted.rendererUrl);

  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannelFor(name), (event: IpcMainInvokeEvent, args: unknown) => {
      if (!isTrusted(event.senderFrame)) {
        return { error: { code: 'FORBIDDEN_SENDER', message: 'IPC call from an untrusted frame' } };
      }
      return api.invoke(name, args);
    });
  }
  return () => CHANNEL_NAMES.forEach((name) => ipcMain.removeHandler(ipcChannelFor(name)));
}

/** Forwards every push event to one window's renderer. */
export function forwardEvents(hub: EventHub, contents: WebContents): () => void {
  return hub.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { event, payload });
  });
}
