import type { TransferChannel } from '../../src-shared/contract/names/transfer';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function transferHandlers(_ctx: MainContext): HandlerMap<TransferChannel> {
  return {};
}
