/** Lifecycle only: ready -> services -> IPC -> window. */
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { createMainApi, EventHub } from './ipc/main-api';
import { AnalysisHost } from './services/analysis-host';
import { EngineEventsService } from './services/engine-events';
import { EngineRegistry } from './services/engine-registry';
import { forwardEvents, registerIpc } from './ipc/register-ipc';
import { installAppMenu } from './window/app-menu';
import { createMainWindow, rendererFileUrl } from './window/create-window';
import { electronFileDialogs } from './window/file-dialogs';
import { lockDownSession } from './window/security';

const outDir = join(__dirname, '..');
const rendererUrl = process.env['ELECTRON_RENDERER_URL'] ?? rendererFileUrl(outDir);

if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(async () => {
  lockDownSession(session.defaultSession);
  installAppMenu(process.platform === 'darwin');

  const events = new EventHub();
  const registry = await EngineRegistry.create({
    env: process.env,
    home: app.getPath('home'),
    configDir: app.getPath('userData'),
    events,
  });
  const live = new EngineEventsService(registry, events, { log: (m) => console.warn(m) });
  live.start();
  void registry.start();
  app.on('will-quit', () => {
    live.stop();
    registry.stop();
  });
  const analysis = new AnalysisHost(join(__dirname, 'analysis-worker.js'));
  const api = createMainApi({
    engine: () => registry.current(),
    connection: registry,
    events,
    analysis,
    dialogs: electronFileDialogs(),
    logError: (ch, err) => console.error(ch, err),
    // electron-builder.yml copies resources/samples there (extraResources); dev runs use the repository's.
    ...(app.isPackaged ? { samplesDir: join(process.resourcesPath, 'samples') } : {}),
  });
  registerIpc(ipcMain, api, { rendererUrl });

  const open = (): void => {
    const win = createMainWindow({
      preloadPath: join(outDir, 'preload', 'index.cjs'),
      rendererUrl,
      stateFile: join(app.getPath('userData'), 'window-state.json'),
      iconPath: join(app.getAppPath(), 'resources', 'icon.png'),
    });
    const stop = forwardEvents(events, win.webContents);
    win.on('closed', stop);
  };
  open();
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
