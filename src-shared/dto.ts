/**
 * Plain data types that cross IPC, as zod schemas (the types are inferred from them).
 * Our own shapes, mapped from the engine's JSON at the edge in src-main/docker.
 */
import { z } from 'zod';

export const EngineInfoSchema = z.object({
  /** The engine's host name. */
  name: z.string(),
  serverVersion: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  osType: z.string(),
  architecture: z.string(),
  kernelVersion: z.string(),
  storageDriver: z.string(),
  /** The storage driver's own details, as the engine lists them (Backing Filesystem, Supports d_type, ...). */
  driverStatus: z.array(z.tuple([z.string(), z.string()])),
  dockerRootDir: z.string(),
  images: z.number().int().nonnegative(),
  containers: z.number().int().nonnegative(),
  indexServerAddress: z.string(),
  insecureRegistryCIDRs: z.array(z.string()),
});
export type EngineInfo = z.infer<typeof EngineInfoSchema>;

/**
 * Pushed once per change of the current engine's connection (never once per failed request).
 * `state` and `message` are what the window always read; the rest was added for the engine picker.
 */
export const EngineStatusSchema = z.object({
  state: z.enum(['connected', 'unavailable']),
  message: z.string().optional(),
  /** Which engine (see listEngines). */
  engineId: z.string().max(200).optional(),
  engineName: z.string().optional(),
  /** When connected: the engine's versions. */
  serverVersion: z.string().optional(),
  apiVersion: z.string().optional(),
  /** When unavailable: the next automatic attempt (ms since the epoch), null when none is scheduled. */
  nextRetryAt: z.number().nullable().optional(),
});
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

export const ImageSummarySchema = z.object({
  /** Full `sha256:` image ID. */
  id: z.string(),
  /** `repo:tag` references; empty for a dangling image. */
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** Creation time, ms since the epoch. */
  created: z.number(),
  /** Bytes of all its layers. */
  size: z.number().nonnegative(),
  /** Bytes shared with other images, or null when the engine did not compute it. */
  sharedSize: z.number().nullable(),
  /** Bytes of layers no other listed image uses (what removing only this image frees), or null when unknown. */
  uniqueSize: z.number().nullable(),
  /** Containers using it (running or not), or null when the engine did not count them. */
  containers: z.number().nullable(),
  /** Names of those containers (without the leading slash). */
  containerNames: z.array(z.string()),
  /** Untagged and not the parent of a tagged image. */
  dangling: z.boolean(),
  /** The engine's Parent field (only set for locally built images), or null. */
  parentId: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
});
export type ImageSummary = z.infer<typeof ImageSummarySchema>;

export const ImageConfigSchema = z.object({
  cmd: z.array(z.string()).nullable(),
  entrypoint: z.array(z.string()).nullable(),
  env: z.array(z.string()),
  workingDir: z.string(),
  user: z.string(),
  exposedPorts: z.array(z.string()),
  volumes: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
});
export type ImageConfig = z.infer<typeof ImageConfigSchema>;

export const ImageDetailSchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  parentId: z.string().nullable(),
  comment: z.string(),
  author: z.string(),
  created: z.number(),
  os: z.string(),
  architecture: z.string(),
  size: z.number().nonnegative(),
  config: ImageConfigSchema,
  /** Config fields beyond those archive analysis shares (ImageConfigSchema), for the full inspect view. */
  extraConfig: z.object({
    stopSignal: z.string().nullable(),
    shell: z.array(z.string()).nullable(),
    onBuild: z.array(z.string()),
    healthcheck: z
      .object({
        test: z.array(z.string()),
        /** Nanoseconds, as the engine reports them (0 = the default). */
        interval: z.number(),
        timeout: z.number(),
        startPeriod: z.number(),
        retries: z.number(),
      })
      .nullable(),
  }),
  /** The engine version that built it ('' when not recorded). */
  dockerVersion: z.string(),
  /** CPU variant (e.g. `v8`), '' when none. */
  variant: z.string(),
  /** `RootFS.Layers`: the diffIDs of its layers, bottom first. */
  layers: z.array(z.string()),
});
export type ImageDetail = z.infer<typeof ImageDetailSchema>;
