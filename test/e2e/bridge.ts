/**
 * Gives the real renderer, in plain Chromium, the same `window.api` the preload exposes, wired
 * to the real main-process API in the test process (real engine, real files).
 */
import type { Page } from '@playwright/test';
import { CHANNEL_NAMES } from '../../src-shared/channel-names';
import type { MainApi } from '../../src-main/ipc/main-api';

export async function bridgeMainApi(
  page: Page,
  api: MainApi,
  hubSubscribe: (l: (e: string, p: unknown) => void) => () => void,
): Promise<() => void> {
  await page.exposeFunction('__strata_invoke', (name: string, args: unknown) => api.invoke(name, args));
  await page.addInitScript(
    (names: string[]) => {
      type Listener = (event: string, payload: unknown) => void;
      const listeners = new Set<Listener>();
      const w = window as unknown as {
        __strata_invoke: (name: string, args: unknown) => Promise<unknown>;
        __strata_dispatch: (event: string, payload: unknown) => void;
      };
      // The page side of push events: the harness calls this through page.evaluate.
      Object.defineProperty(window, '__strata_dispatch', {
        value: (event: string, payload: unknown) => listeners.forEach((l) => l(event, payload)),
      });
      const api: Record<string, unknown> = {};
      // A structured clone, as contextBridge makes: the page cannot pass functions or share objects.
      for (const name of names)
        api[name] = (args?: unknown) =>
          w.__strata_invoke(name, args === undefined ? undefined : structuredClone(args));
      api['on'] = (event: string, callback: (payload: unknown) => void) => {
        const listener: Listener = (e, p) => {
          if (e === event) callback(p);
        };
        listeners.add(listener);
        return () => listeners.delete(listener);
      };
      // The stand-in for `webUtils.getPathForFile`: a File cannot cross to the test process, so
      // the test names each file it drops (`registerFilePath`) and the page looks the name up.
      const filePaths = new Map<string, string>();
      Object.defineProperty(window, '__strata_register_file', {
        value: (name: string, path: string) => filePaths.set(name, path),
      });
      api['getPathForFile'] = (file: File) => filePaths.get(file.name) ?? '';
      Object.defineProperty(window, 'api', {
        value: Object.freeze(api),
        writable: false,
        configurable: false,
      });
    },
    [...CHANNEL_NAMES],
  );
  return hubSubscribe((event, payload) => {
    void page
      .evaluate(
        ([e, p]) =>
          (window as unknown as { __strata_dispatch: (e: unknown, p: unknown) => void }).__strata_dispatch(
            e,
            p,
          ),
        [event, payload] as const,
      )
      .catch(() => undefined);
  });
}

/** Tells the page's `getPathForFile` stand-in that a dropped or picked file named `name` is at `path`. */
export async function registerFilePath(page: Page, name: string, path: string): Promise<void> {
  await page.evaluate(
    ([n, p]) =>
      (
        window as unknown as { __strata_register_file: (n: string, p: string) => void }
      ).__strata_register_file(n, p),
    [name, path] as const,
  );
}
