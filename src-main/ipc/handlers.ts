import type { ChannelName, ChannelParsedArgs, ChannelResult } from '../../src-shared/ipc-contract';

/** What a domain's handlers look like: parsed arguments in, a plain result out (or a thrown AppError). */
export type Handler<K extends ChannelName> = (args: ChannelParsedArgs<K>) => Promise<ChannelResult<K>>;
export type HandlerMap<K extends ChannelName = ChannelName> = { [P in K]: Handler<P> };
