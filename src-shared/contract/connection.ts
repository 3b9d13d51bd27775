/** Channels and push events of the connection domain: which engine, how it is connected, live events. */
import { z } from 'zod';
import {
  ConnectionSchema,
  ConnectionStatusSchema,
  EngineEntrySchema,
  EngineEventBatchSchema,
  EngineIdSchema,
  EngineTlsSchema,
} from '../connection-dto';
import { AbsoluteFilePathSchema, NoArgs } from './common';

/**
 * A Docker host URL the user types. Only the schemes we can reach; the rest of the parsing (and
 * its error message) is main's. Bounded: it is stored and shown.
 */
const EngineHostSchema = z
  .string()
  .min(8)
  .max(1000)
  .regex(/^(unix|tcp|ssh):\/\/\S+$/, 'a unix://, tcp:// or ssh:// address');

/**
 * TLS files of an engine the user adds: absolute paths (main reads them at each connection, from
 * whatever its working directory is). Saved engines keep the looser EngineTlsSchema, so a file
 * written before this rule still loads.
 */
const AddEngineTlsSchema = EngineTlsSchema.extend({
  caPath: AbsoluteFilePathSchema.optional(),
  certPath: AbsoluteFilePathSchema.optional(),
  keyPath: AbsoluteFilePathSchema.optional(),
});

export const connectionChannels = {
  /** Every configured engine (environment, Docker contexts, default sockets, user-added). */
  listEngines: { args: NoArgs, result: z.array(EngineEntrySchema) },
  /** Makes an engine the current one; answers its connection status after a first attempt. */
  selectEngine: { args: z.object({ id: EngineIdSchema }).strict(), result: ConnectionStatusSchema },
  /** Adds (and remembers) an engine; it does not become current. */
  addEngine: {
    args: z
      .object({
        name: z.string().trim().min(1).max(100),
        host: EngineHostSchema,
        tls: AddEngineTlsSchema.optional(),
      })
      .strict(),
    result: EngineEntrySchema,
  },
  /** Forgets a user-added engine. */
  removeEngine: {
    args: z.object({ id: EngineIdSchema }).strict(),
    result: z.object({ removed: z.boolean() }),
  },
  /** Tries to connect now instead of waiting for the next retry (the current engine by default). */
  retryEngine: {
    args: z.object({ id: EngineIdSchema.optional() }).strict().optional(),
    result: ConnectionStatusSchema,
  },
  /** The current engine, its status and (when connected) what it says about itself. */
  getConnection: { args: NoArgs, result: ConnectionSchema },
} as const;

export const connectionEvents = {
  /** Engine events (`docker` commands run elsewhere), batched: at most one push per 100 ms. */
  engineEvent: EngineEventBatchSchema,
} as const;
