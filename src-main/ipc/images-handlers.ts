import type { ImagesChannel } from '../../src-shared/contract/names/images';
import type { MainContext } from './context';
import type { HandlerMap } from './handlers';

export function imagesHandlers(_ctx: MainContext): HandlerMap<ImagesChannel> {
  return {};
}
