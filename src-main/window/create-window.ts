/**
 * The one place that creates windows: locked-down webPreferences, navigation and new windows
 * denied, size and position remembered.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, screen, shell } from 'electron';
import { loadWindowState, MIN_SIZE, restoreBounds, saveWindowState } from './window-state';
import { loopbackTarget } from '../learn/loopback-url';

export interface MainWindowOptions {
  preloadPath: string;
  /** file:// URL of out/renderer/index.html, or the dev server's URL. */
  rendererUrl: string;
  stateFile: string;
  iconPath?: string;
}

/** External links the window may open in the user's browser (only after the user clicks them). */
const EXTERNAL_ALLOW = [/^https:\/\/docs\.docker\.com\//, /^https:\/\/github\.com\//, /^https:\/\/opencontainers\.org\//];

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const saved = loadWindowState(opts.stateFile);
  const bounds = restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Strata',
    backgroundColor: '#101418',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // Navigation away from our page and new windows are denied; allow-listed links go to the browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== opts.rendererUrl) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // A lesson's page (http on 127.0.0.1, localhost or [::1]) opens in the browser too.
    if (EXTERNAL_ALLOW.some((re) => re.test(url)) || !('refused' in loopbackTarget(url)))
      void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  const remember = (): void => {
    if (win.isDestroyed() || win.isMinimized()) return;
    saveWindowState(opts.stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  let timer: NodeJS.Timeout | undefined;
  const rememberSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(remember, 400);
  };
  win.on('resize', rememberSoon);
  win.on('move', rememberSoon);
  win.on('close', () => {
    clearTimeout(timer);
    remember();
  });

  void win.loadURL(opts.rendererUrl);
  return win;
}

export const rendererFileUrl = (outDir: string): string =>
  pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
