/**
 * The one bridge: `window.api` with one method per contract channel, `on(event, cb)` and
 * `getPathForFile(file)`.
 * No logic, nothing else exposed. Bundled as a single CommonJS file (sandboxed preload).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, IPC_EVENT_CHANNEL, ipcChannelFor } from '../src-shared/channel-names';
import { buildApi } from '../src-shared/build-api';

const api = buildApi(
  CHANNEL_NAMES,
  (name, args) => ipcRenderer.invoke(ipcChannelFor(name), args),
  (listener) => {
    const onMessage = (_event: IpcRendererEvent, message: { event: string; payload: unknown }): void =>
      listener(message.event, message.payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, onMessage);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onMessage);
  },
  // A dropped File's path: since Electron 32 `File.path` is gone and only the preload can ask.
  (file) => webUtils.getPathForFile(file),
);

contextBridge.exposeInMainWorld('api', api);
