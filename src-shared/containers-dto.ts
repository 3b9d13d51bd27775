/**
 * What the containers domain answers with: our own shapes, mapped from the engine's JSON at the
 * edge in src-main/docker/containers. Inputs (run and commit specs) live in containers-spec.ts.
 */
import { z } from 'zod';

/**
 * One port of a container. `configured` is a binding the user asked for (`HostConfig.PortBindings`),
 * `published` means the engine actually opened it (`NetworkSettings.Ports`). They differ when the
 * daemon runs with `--bridge=none` or the container uses host networking: the binding is kept but
 * nothing is published.
 */
export const ContainerPortSchema = z.object({
  containerPort: z.number().int().min(1).max(65535),
  protocol: z.string(),
  /** Host address of the binding; null when the port is only exposed. `''` or `0.0.0.0` = all. */
  hostIp: z.string().nullable(),
  /** Host port; null when only exposed, or when the binding asks for a random port not yet published. */
  hostPort: z.number().int().min(0).max(65535).nullable(),
  configured: z.boolean(),
  published: z.boolean(),
});
export type ContainerPort = z.infer<typeof ContainerPortSchema>;

export const ContainerSummarySchema = z.object({
  id: z.string(),
  /** The primary name, without the engine's leading `/`. */
  name: z.string(),
  names: z.array(z.string()),
  /** The image as the container was created from it (a reference or an ID). */
  image: z.string(),
  imageId: z.string(),
  /** The full command, Path + Args quoted like `docker ps --no-trunc` shows it. */
  command: z.string(),
  /** Creation time, ms since the epoch. */
  created: z.number(),
  /** created, restarting, running, removing, paused, exited or dead. */
  state: z.string(),
  /** The engine's human status, e.g. `Up 3 minutes`, `Exited (0) 2 seconds ago`. */
  status: z.string(),
  ports: z.array(ContainerPortSchema),
  /** Bytes in the writable layer; null unless sizes were asked for. */
  sizeRw: z.number().nullable(),
  /** Bytes of the image layers plus the writable layer; null unless sizes were asked for. */
  sizeRootFs: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
});
export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;

export const ContainerMountSchema = z.object({
  type: z.string(),
  /** Volume name for a volume mount; empty for a bind. */
  name: z.string(),
  source: z.string(),
  destination: z.string(),
  mode: z.string(),
  readWrite: z.boolean(),
});

export const ContainerNetworkSchema = z.object({
  name: z.string(),
  /** Shown for information only: the app never sends traffic to a container address. */
  ipAddress: z.string(),
  gateway: z.string(),
  macAddress: z.string(),
});

export const ContainerDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  created: z.number(),
  command: z.string(),
  path: z.string(),
  args: z.array(z.string()),
  state: z.object({
    status: z.string(),
    running: z.boolean(),
    paused: z.boolean(),
    restarting: z.boolean(),
    oomKilled: z.boolean(),
    exitCode: z.number().int(),
    pid: z.number().int(),
    error: z.string(),
    /** ms since the epoch, null when never started / never finished. */
    startedAt: z.number().nullable(),
    finishedAt: z.number().nullable(),
  }),
  config: z.object({
    cmd: z.array(z.string()).nullable(),
    entrypoint: z.array(z.string()).nullable(),
    env: z.array(z.string()),
    workingDir: z.string(),
    user: z.string(),
    tty: z.boolean(),
    labels: z.record(z.string(), z.string()),
    exposedPorts: z.array(z.string()),
  }),
  hostConfig: z.object({
    networkMode: z.string(),
    restartPolicy: z.object({ name: z.string(), maximumRetryCount: z.number().int() }),
    autoRemove: z.boolean(),
    binds: z.array(z.string()),
  }),
  mounts: z.array(ContainerMountSchema),
  networks: z.array(ContainerNetworkSchema),
  ports: z.array(ContainerPortSchema),
  sizeRw: z.number().nullable(),
  sizeRootFs: z.number().nullable(),
});
export type ContainerDetail = z.infer<typeof ContainerDetailSchema>;

/** One path of the writable layer's diff against the image (`docker diff`). */
export const ContainerChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['changed', 'added', 'deleted']),
});
export type ContainerChange = z.infer<typeof ContainerChangeSchema>;

export const LogStreamSchema = z.enum(['stdout', 'stderr']);
export type LogStream = z.infer<typeof LogStreamSchema>;

export const LogLineSchema = z.object({
  /** With a TTY the engine cannot tell the streams apart: every line is `stdout`. */
  stream: LogStreamSchema,
  text: z.string(),
  /** The engine's RFC 3339 timestamp, when timestamps were asked for. */
  time: z.string().optional(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export const ContainerLogsResultSchema = z.object({
  lines: z.array(LogLineSchema),
  /** True when the output was cut at the size cap (the newest lines are kept). */
  truncated: z.boolean(),
});

export const ExecResultSchema = z.object({
  /** Null when the command did not finish within its timeout. */
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  stdoutTruncated: z.boolean(),
  stderrTruncated: z.boolean(),
  timedOut: z.boolean(),
});
export type ExecResult = z.infer<typeof ExecResultSchema>;

export const RunResultSchema = z.object({
  id: z.string(),
  /** Engine warnings from create (e.g. published ports discarded in host network mode). */
  warnings: z.array(z.string()),
  /** Attached runs only: how it ended and what it wrote (each stream capped at 1 MiB). */
  exit: ExecResultSchema.nullable(),
});
export type RunResult = z.infer<typeof RunResultSchema>;
