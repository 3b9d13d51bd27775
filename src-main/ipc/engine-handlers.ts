import { getEngineInfo } from '../docker/engine-info';
import { inspectImage, listImages } from '../docker/images';
import type { EngineClient } from '../docker/engine-client';
import type { HandlerMap } from './handlers';

export interface EngineDeps {
  /** The current engine connection. A function, because the user can switch engines. */
  engine: () => EngineClient;
}

export function engineHandlers(deps: EngineDeps): HandlerMap<'getEngineInfo' | 'listImages' | 'inspectImage'> {
  return {
    getEngineInfo: () => getEngineInfo(deps.engine()),
    listImages: (args) => listImages(deps.engine(), { includeDangling: args?.includeDangling ?? true }),
    inspectImage: (args) => inspectImage(deps.engine(), args.ref),
  };
}
