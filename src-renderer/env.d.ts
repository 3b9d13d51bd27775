import type { StrataApi } from '../src-shared/ipc-contract';

declare global {
  interface Window {
    /** Exposed by the preload (or, in tests, by the harness): the only way to reach main. */
    readonly api: StrataApi;
  }
}
export {};
