/** The native file pickers over Electron's `dialog`, parented to the focused window (so they are modal to it). */
import { isAbsolute, join } from 'node:path';
import { app, BrowserWindow, dialog, type FileFilter } from 'electron';
import type { FileDialogs } from '../ipc/context';

const parent = (): BrowserWindow | undefined =>
  BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

const filtersOf = (filters: readonly FileFilter[] | undefined): FileFilter[] =>
  // A final "All files" entry, so a file with an unusual name can still be picked.
  filters?.length ? [...filters, { name: 'All files', extensions: ['*'] }] : [];

export function electronFileDialogs(): FileDialogs {
  return {
    async save(opts) {
      const defaultPath = opts.defaultName
        ? isAbsolute(opts.defaultName)
          ? opts.defaultName
          : join(app.getPath('downloads'), opts.defaultName)
        : undefined;
      const options: Electron.SaveDialogOptions = {
        ...(opts.title ? { title: opts.title } : {}),
        ...(defaultPath ? { defaultPath } : {}),
        filters: filtersOf(opts.filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parent();
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async open(opts) {
      const options: Electron.OpenDialogOptions = {
        ...(opts.title ? { title: opts.title } : {}),
        filters: filtersOf(opts.filters),
        properties: opts.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const win = parent();
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? [] : r.filePaths;
    },
  };
}
