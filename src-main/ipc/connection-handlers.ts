/** Channels of the engine connection: the engine picker, its connection state, add/remove engines. */
import type { ConnectionChannel } from '../../src-shared/contract/names/connection';
import type { EngineRegistry } from '../services/engine-registry';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function connectionHandlers(ctx: MainContext): HandlerMap<ConnectionChannel> {
  const reg = (): EngineRegistry => ctx.connection;
  return {
    listEngines: async () => {
      await reg().refreshUnchecked();
      return reg().list();
    },
    selectEngine: (args) => reg().select(args.id),
    addEngine: (args) => reg().add(args),
    removeEngine: async (args) => ({ removed: await reg().remove(args.id) }),
    retryEngine: (args) => reg().retry(args?.id),
    getConnection: async () => {
      const r = reg();
      if (r.status().state === 'connecting') await r.retry();
      const status = r.status();
      return {
        engine: r.entry(r.currentEngineId),
        status,
        ...(status.state === 'connected' ? { info: status.info } : {}),
      };
    },
  };
}
