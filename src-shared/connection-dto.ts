/**
 * Plain data of the engine connection domain: which engines are configured, how each one is
 * connected, and the engine's own events (a `docker` command run in a terminal) pushed live.
 */
import { z } from 'zod';

/** Where an engine's configuration came from. */
export const EngineSourceSchema = z.enum(['env', 'context', 'default', 'user']);
export type EngineSource = z.infer<typeof EngineSourceSchema>;

/** An engine ID: `env`, `context:<name>`, `default:<which>` or `user:<hex>`. Bounded: it crosses IPC. */
export const EngineIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9:_.+-]*$/, 'not an engine ID');

/** The registries the engine is configured with (`docker info` RegistryConfig). */
export const EngineRegistriesSchema = z.object({
  indexServerAddress: z.string(),
  insecureRegistryCIDRs: z.array(z.string()),
  mirrors: z.array(z.string()),
});

/** What a connected engine says about itself. */
export const ConnectionInfoSchema = z.object({
  /** The engine's host name. */
  name: z.string(),
  serverVersion: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  osType: z.string(),
  architecture: z.string(),
  storageDriver: z.string(),
  driverStatus: z.array(z.tuple([z.string(), z.string()])),
  dockerRootDir: z.string(),
  registries: EngineRegistriesSchema,
});
export type ConnectionInfo = z.infer<typeof ConnectionInfoSchema>;

/** One engine's connection state machine: connecting -> connected | unavailable (retried with backoff). */
export const ConnectionStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connecting') }),
  z.object({
    state: z.literal('connected'),
    /** Since when, ms since the epoch. */
    since: z.number(),
    info: ConnectionInfoSchema,
  }),
  z.object({
    state: z.literal('unavailable'),
    reason: z.string(),
    /** When the next automatic attempt runs (ms since the epoch), or null when none is scheduled. */
    nextRetryAt: z.number().nullable(),
    /** Failed attempts in a row. */
    attempts: z.number().int().nonnegative(),
  }),
]);
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

/** One configured engine, as the engine picker lists it. */
export const EngineEntrySchema = z.object({
  id: EngineIdSchema,
  name: z.string(),
  source: EngineSourceSchema,
  /** Where it is, for display: `unix:///var/run/docker.sock`, `tcp://host:2376 (TLS)`; never a secret. */
  endpoint: z.string(),
  current: z.boolean(),
  status: ConnectionStatusSchema,
});
export type EngineEntry = z.infer<typeof EngineEntrySchema>;

/** The current engine and its connection. `info` is set when connected. */
export const ConnectionSchema = z.object({
  engine: EngineEntrySchema,
  status: ConnectionStatusSchema,
  info: ConnectionInfoSchema.optional(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

/** TLS material of a user-added tcp:// engine: paths to PEM files on this machine. */
export const EngineTlsSchema = z
  .object({
    caPath: z.string().min(1).max(4096).optional(),
    certPath: z.string().min(1).max(4096).optional(),
    keyPath: z.string().min(1).max(4096).optional(),
    /** Verify the engine's certificate (default true). */
    verify: z.boolean().optional(),
  })
  .strict();
export type EngineTls = z.infer<typeof EngineTlsSchema>;

/** What the engine's event stream tells, reduced to what the window refreshes on. */
export const EngineEventSchema = z.object({
  type: z.enum([
    'image',
    'container',
    'network',
    'volume',
    'plugin',
    'daemon',
    'service',
    'node',
    'secret',
    'config',
    'builder',
    'other',
  ]),
  action: z.string(),
  /** Image ID or reference, container ID, network ID, volume name... as the engine sends it. */
  id: z.string(),
  /** A human name when the engine gives one (container name, image reference). */
  name: z.string().optional(),
  /** ms since the epoch. */
  time: z.number(),
});
export type EngineEvent = z.infer<typeof EngineEventSchema>;

/** One push: every engine event of the last ~100 ms. */
export const EngineEventBatchSchema = z.object({
  engineId: EngineIdSchema,
  events: z.array(EngineEventSchema).min(1),
});
export type EngineEventBatch = z.infer<typeof EngineEventBatchSchema>;
