import type { ConnectionChannel } from '../../src-shared/contract/names/connection';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function connectionHandlers(_ctx: MainContext): HandlerMap<ConnectionChannel> {
  return {};
}
