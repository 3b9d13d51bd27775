import type { ContainersChannel } from '../../src-shared/contract/names/containers';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function containersHandlers(_ctx: MainContext): HandlerMap<ContainersChannel> {
  return {};
}
