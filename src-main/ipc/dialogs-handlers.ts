/** Handlers of the dialogs channels: the native file pickers, through the `dialogs` dependency. */
import type { DialogsChannel } from '../../src-shared/contract/names/dialogs';
import { AppError } from './app-error';
import type { FileDialogs, MainContext } from './context';
import type { HandlerMap } from './handlers';

export function dialogsHandlers(ctx: MainContext): HandlerMap<DialogsChannel> {
  const dialogs = (): FileDialogs => {
    if (!ctx.dialogs)
      throw new AppError(
        'INTERNAL',
        'File dialogs are not available in this process (no window to show them): type the path instead',
      );
    return ctx.dialogs;
  };
  return {
    chooseSavePath: async (opts) => ({ path: await dialogs().save(opts ?? {}) }),
    chooseOpenPaths: async (opts) => ({ paths: await dialogs().open(opts ?? {}) }),
  };
}
