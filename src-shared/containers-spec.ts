/**
 * What the window may ask of the containers domain, validated before dockerode sees anything:
 * the run spec, the commit spec and its Dockerfile-style changes. Main maps these to the Engine
 * API itself; no raw engine options ever come from the renderer (the Docker socket is root-equivalent).
 */
import { z } from 'zod';
import { tryParseImageReference } from './image-reference';
import { ImageRefSchema, JobIdSchema } from './contract/common';

const noNul = (s: string): boolean => !s.includes('\0');
const singleLine = (s: string): boolean => !/[\r\n\0]/.test(s);

/** A container ID (full or short) or name; it becomes a URL path segment, so no `/` or `..`. */
export const ContainerRefSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'not a container ID or name');

/** The engine's own rule for names (daemon/names). */
export const ContainerNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    'a name is letters, digits and _ . - (starting with a letter or digit)',
  );

const ArgSchema = z.string().max(8192).refine(noNul, 'no NUL bytes');
export const ArgvSchema = z.array(ArgSchema).max(256);

/** `KEY=VALUE`; the key is not empty and has no `=` or white space. */
export const EnvEntrySchema = z
  .string()
  .max(32768)
  .regex(/^[^=\s\0]+=[^\0]*$/, 'an environment entry is KEY=VALUE');

/** An absolute path without `:` (it would break the `host:container:ro` bind syntax) or NUL. */
export const AbsolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^\/[^:\0]*$/, 'an absolute path (starting with /, without :)');

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]{2,45}$/;
export const HostIpSchema = z
  .string()
  .max(45)
  .refine((s) => s === '' || IPV4.test(s) || (s.includes(':') && IPV6.test(s)), 'not an IP address');

export const PortProtocolSchema = z.enum(['tcp', 'udp', 'sctp']);

export const PortMappingSchema = z
  .object({
    containerPort: z.number().int().min(1).max(65535),
    protocol: PortProtocolSchema.default('tcp'),
    /** Empty (the default) binds every host address. */
    hostIp: HostIpSchema.default(''),
    /** 0 or absent: the engine picks a free port. */
    hostPort: z.number().int().min(0).max(65535).default(0),
  })
  .strict();
export type PortMapping = z.output<typeof PortMappingSchema>;

/** 'bridge', 'host', 'none', or the name of a user-defined network. */
export const NetworkModeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'bridge, host, none or a network name');

export const BindSchema = z
  .object({
    hostPath: AbsolutePathSchema,
    containerPath: AbsolutePathSchema,
    readOnly: z.boolean().default(false),
  })
  .strict();
export const VolumeMountSchema = z
  .object({
    name: z
      .string()
      .max(128)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'a volume name is 2+ letters, digits and _ . -'),
    containerPath: AbsolutePathSchema,
    readOnly: z.boolean().default(false),
  })
  .strict();

export const RestartPolicySchema = z
  .object({
    name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
    /** Only with on-failure (`on-failure:N`); 0 = retry forever. */
    maximumRetryCount: z.number().int().min(0).max(10000).default(0),
  })
  .strict()
  .refine((p) => p.name === 'on-failure' || p.maximumRetryCount === 0, {
    message: 'a retry count is only allowed with on-failure',
    path: ['maximumRetryCount'],
  });

export const RunSpecSchema = z
  .object({
    image: ImageRefSchema,
    name: ContainerNameSchema.optional(),
    /** Replaces the image's CMD; absent keeps it. */
    command: ArgvSchema.optional(),
    /** Replaces the image's ENTRYPOINT; `[]` clears it, absent keeps it. */
    entrypoint: ArgvSchema.optional(),
    env: z.array(EnvEntrySchema).max(512).default([]),
    ports: z.array(PortMappingSchema).max(256).default([]),
    networkMode: NetworkModeSchema.default('bridge'),
    binds: z.array(BindSchema).max(64).default([]),
    volumes: z.array(VolumeMountSchema).max(64).default([]),
    restartPolicy: RestartPolicySchema.default({ name: 'no', maximumRetryCount: 0 }),
    autoRemove: z.boolean().default(false),
    tty: z.boolean().default(false),
    workingDir: AbsolutePathSchema.optional(),
    user: z
      .string()
      .max(256)
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/, 'user[:group]')
      .optional(),
    /** Detached: start and answer the ID. Attached: wait for the exit and answer its code and output. */
    detach: z.boolean().default(true),
    /** Attached runs: cancelling this job kills the container. */
    jobId: JobIdSchema.optional(),
  })
  .strict()
  .refine((s) => !(s.autoRemove && s.restartPolicy.name !== 'no'), {
    message: 'auto-remove cannot be combined with a restart policy',
    path: ['autoRemove'],
  })
  .refine(
    (s) =>
      new Set(s.ports.map((p) => `${p.containerPort}/${p.protocol}/${p.hostIp}/${p.hostPort}`)).size ===
      s.ports.length,
    {
      message: 'the same port mapping is listed twice',
      path: ['ports'],
    },
  );
export type RunSpec = z.output<typeof RunSpecSchema>;
export type RunSpecInput = z.input<typeof RunSpecSchema>;

export const COMMIT_INSTRUCTIONS = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'LABEL',
  'USER',
  'WORKDIR',
  'VOLUME',
] as const;
export type CommitInstruction = (typeof COMMIT_INSTRUCTIONS)[number];

/** JSON array of strings (exec form), or null when the value is not one. */
export function parseExecForm(value: string): string[] | null {
  if (!value.trimStart().startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Why a change's value is wrong for its instruction, or null when it is fine. The rules keep
 * every value on one line and out of the builder's `$VAR` expansion where the renderer could not
 * escape it (WORKDIR, VOLUME, USER, EXPOSE reject `$`; ENV and LABEL values are quoted by main).
 */
export function commitChangeProblem(instruction: CommitInstruction, value: string): string | null {
  if (!singleLine(value)) return 'must be on one line';
  switch (instruction) {
    case 'CMD':
    case 'ENTRYPOINT':
      if (value.trimStart().startsWith('[')) {
        return parseExecForm(value) ? null : 'a JSON array of strings, like ["httpd","-f"]';
      }
      return value.trim() === '' ? 'a command (JSON array or shell form)' : null;
    case 'ENV':
      return /^[A-Za-z_][A-Za-z0-9_.-]*=.*$/.test(value) ? null : 'KEY=VALUE';
    case 'LABEL':
      return /^[A-Za-z0-9][A-Za-z0-9._/-]*=.*$/.test(value) ? null : 'KEY=VALUE';
    case 'EXPOSE': {
      const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(value);
      const port = m ? Number(m[1]) : 0;
      return port >= 1 && port <= 65535 ? null : 'port[/tcp|udp|sctp], port 1-65535';
    }
    case 'USER':
      return /^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(value)
        ? null
        : 'user[:group]';
    case 'WORKDIR':
    case 'VOLUME':
      return /^\/[^$\\"\0]*$/.test(value) && value.length <= 4096
        ? null
        : 'an absolute path without $, \\ or "';
  }
}

export const CommitChangeSchema = z
  .object({ instruction: z.enum(COMMIT_INSTRUCTIONS), value: z.string().max(32768) })
  .strict()
  .superRefine((c, ctx) => {
    const problem = commitChangeProblem(c.instruction, c.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.instruction}: ${problem}` });
  });
export type CommitChange = z.output<typeof CommitChangeSchema>;

/** `repo[:tag]` as the tutorial writes it (`myimg/httpd:v2`); a digest cannot be committed to. */
export const CommitReferenceSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((s) => {
    const ref = tryParseImageReference(s);
    return ref !== null && ref.digest === null;
  }, 'not a repository[:tag] reference');

export const CommitSpecSchema = z
  .object({
    container: ContainerRefSchema,
    /** Absent: the new image is untagged (`<none>:<none>`) until it is tagged. */
    reference: CommitReferenceSchema.optional(),
    /** The image's comment (`docker commit -m`). */
    message: z.string().max(4096).refine(noNul).default(''),
    author: z.string().max(256).refine(singleLine).default(''),
    /** Pause the container while its layer is read, so the snapshot is consistent (`-p`, on by default). */
    pause: z.boolean().default(true),
    changes: z.array(CommitChangeSchema).max(64).default([]),
  })
  .strict();
export type CommitSpec = z.output<typeof CommitSpecSchema>;
export type CommitSpecInput = z.input<typeof CommitSpecSchema>;
