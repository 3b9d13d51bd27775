/** Channels and push events of the containers domain (tutorial steps 1-4, 6, 11, 14, 15). */
import { z } from 'zod';
import {
  ContainerChangeSchema,
  ContainerDetailSchema,
  ContainerLogsResultSchema,
  ContainerSummarySchema,
  ExecResultSchema,
  LogStreamSchema,
  RunResultSchema,
} from '../containers-dto';
import {
  AbsolutePathSchema,
  ArgvSchema,
  CommitSpecSchema,
  ContainerRefSchema,
  EnvEntrySchema,
  RunSpecSchema,
} from '../containers-spec';
import { JobIdSchema } from './common';

const ById = z.object({ id: ContainerRefSchema }).strict();
/** Seconds the engine waits after the stop signal before it kills (`docker stop -t`). */
const StopTimeout = z.number().int().min(0).max(3600).default(10);
const Tail = z.number().int().min(0).max(100_000);
/** Only output since this time, in seconds since the epoch. */
const Since = z.number().int().min(0).max(1e11);

export const containersChannels = {
  /** Every container in every state; `size` also measures writable layers (slow with many containers). */
  listContainers: {
    args: z
      .object({ size: z.boolean().default(false) })
      .strict()
      .optional(),
    result: z.array(ContainerSummarySchema),
  },
  /**
   * `docker run`: detached answers the ID, attached waits and answers the exit code and output.
   * An attached run lasts as long as its process: give it a `jobId` so `cancelJob` can kill it.
   */
  runContainer: { args: RunSpecSchema, result: RunResultSchema },
  startContainer: { args: ById, result: z.object({ started: z.boolean() }) },
  stopContainer: {
    args: z.object({ id: ContainerRefSchema, timeoutSeconds: StopTimeout }).strict(),
    result: z.object({ stopped: z.boolean() }),
  },
  restartContainer: {
    args: z.object({ id: ContainerRefSchema, timeoutSeconds: StopTimeout }).strict(),
    result: z.object({ restarted: z.literal(true) }),
  },
  /** Removes the container and its writable layer; `volumes` also its anonymous volumes. */
  removeContainer: {
    args: z
      .object({
        id: ContainerRefSchema,
        force: z.boolean().default(false),
        volumes: z.boolean().default(false),
      })
      .strict(),
    result: z.object({ removed: z.literal(true) }),
  },
  inspectContainer: {
    args: z.object({ id: ContainerRefSchema, size: z.boolean().default(false) }).strict(),
    result: ContainerDetailSchema,
  },
  /** `docker diff`: what the writable layer changed, added or deleted. */
  containerChanges: { args: ById, result: z.array(ContainerChangeSchema) },
  /** The logs so far, stdout and stderr apart (one stream with a TTY). */
  containerLogs: {
    args: z
      .object({
        id: ContainerRefSchema,
        tail: Tail.optional(),
        timestamps: z.boolean().default(false),
        since: Since.optional(),
      })
      .strict(),
    result: ContainerLogsResultSchema,
  },
  /** Streams `containerLogChunk` events until the container stops or `cancelJob` is called. */
  followLogs: {
    args: z
      .object({
        id: ContainerRefSchema,
        jobId: JobIdSchema,
        tail: Tail.optional(),
        timestamps: z.boolean().default(false),
        since: Since.optional(),
      })
      .strict(),
    result: z.object({ ended: z.enum(['stopped', 'cancelled']) }),
  },
  /** A one-shot command in a running container; each stream capped at 1 MiB. */
  execInContainer: {
    args: z
      .object({
        id: ContainerRefSchema,
        cmd: ArgvSchema.min(1),
        env: z.array(EnvEntrySchema).max(512).optional(),
        workingDir: AbsolutePathSchema.optional(),
        user: z
          .string()
          .max(256)
          .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/, 'user[:group]')
          .optional(),
        timeoutSeconds: z.number().int().min(1).max(3600).default(120),
      })
      .strict(),
    result: ExecResultSchema,
  },
  /** `docker commit`: the container's writable layer becomes a new image; answers its ID. */
  commitContainer: { args: CommitSpecSchema, result: z.object({ imageId: z.string() }) },
} as const;

export const containersEvents = {
  /** Coalesced output of a `followLogs` job (at most ~20 events a second). */
  containerLogChunk: z.object({ jobId: JobIdSchema, stream: LogStreamSchema, text: z.string() }),
} as const;
