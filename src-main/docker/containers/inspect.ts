/** One container in detail (`GET /containers/{id}/json`) and its writable layer's diff. */
import type Docker from 'dockerode';
import type { ContainerChange, ContainerDetail } from '../../../src-shared/containers-dto';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { formatCommandLine } from './command-line';
import { mapContainerPorts, type RawPortMap } from './ports';

/** The subset of the inspect answer we read. */
export interface RawContainerInspect {
  Id: string;
  Name?: string;
  Created?: string;
  Path?: string;
  Args?: string[] | null;
  Image?: string;
  SizeRw?: number;
  SizeRootFs?: number;
  State?: {
    Status?: string;
    Running?: boolean;
    Paused?: boolean;
    Restarting?: boolean;
    OOMKilled?: boolean;
    ExitCode?: number;
    Pid?: number;
    Error?: string;
    StartedAt?: string;
    FinishedAt?: string;
  } | null;
  Config?: {
    Image?: string;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    WorkingDir?: string;
    User?: string;
    Tty?: boolean;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
  } | null;
  HostConfig?: {
    NetworkMode?: string;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    AutoRemove?: boolean;
    Binds?: string[] | null;
    PortBindings?: RawPortMap;
  } | null;
  Mounts?: Array<{
    Type?: string;
    Name?: string;
    Source?: string;
    Destination?: string;
    Mode?: string;
    RW?: boolean;
  }> | null;
  NetworkSettings?: {
    Ports?: RawPortMap;
    Networks?: Record<string, { IPAddress?: string; Gateway?: string; MacAddress?: string } | null> | null;
  } | null;
}

/** The engine writes `0001-01-01T00:00:00Z` for "never". */
function timeOf(s: string | undefined): number | null {
  if (!s || s.startsWith('0001-')) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

export function mapContainerDetail(raw: RawContainerInspect): ContainerDetail {
  const s = raw.State ?? {};
  const c = raw.Config ?? {};
  const h = raw.HostConfig ?? {};
  const args = raw.Args ?? [];
  return {
    id: raw.Id,
    name: (raw.Name ?? '').replace(/^\//, ''),
    image: c.Image ?? '',
    imageId: raw.Image ?? '',
    created: timeOf(raw.Created) ?? 0,
    command: formatCommandLine(raw.Path ?? '', args),
    path: raw.Path ?? '',
    args,
    state: {
      status: s.Status ?? 'unknown',
      running: s.Running ?? false,
      paused: s.Paused ?? false,
      restarting: s.Restarting ?? false,
      oomKilled: s.OOMKilled ?? false,
      exitCode: s.ExitCode ?? 0,
      pid: s.Pid ?? 0,
      error: s.Error ?? '',
      startedAt: timeOf(s.StartedAt),
      finishedAt: timeOf(s.FinishedAt),
    },
    config: {
      cmd: c.Cmd ?? null,
      entrypoint: c.Entrypoint ?? null,
      env: c.Env ?? [],
      workingDir: c.WorkingDir ?? '',
      user: c.User ?? '',
      tty: c.Tty ?? false,
      labels: c.Labels ?? {},
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
    },
    hostConfig: {
      networkMode: h.NetworkMode ?? '',
      restartPolicy: {
        name: h.RestartPolicy?.Name || 'no',
        maximumRetryCount: h.RestartPolicy?.MaximumRetryCount ?? 0,
      },
      autoRemove: h.AutoRemove ?? false,
      binds: h.Binds ?? [],
    },
    mounts: (raw.Mounts ?? []).map((m) => ({
      type: m.Type ?? '',
      name: m.Name ?? '',
      source: m.Source ?? '',
      destination: m.Destination ?? '',
      mode: m.Mode ?? '',
      readWrite: m.RW ?? true,
    })),
    networks: Object.entries(raw.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n?.IPAddress ?? '',
      gateway: n?.Gateway ?? '',
      macAddress: n?.MacAddress ?? '',
    })),
    ports: mapContainerPorts(h.PortBindings, raw.NetworkSettings?.Ports, c.ExposedPorts),
    sizeRw: typeof raw.SizeRw === 'number' ? raw.SizeRw : null,
    sizeRootFs: typeof raw.SizeRootFs === 'number' ? raw.SizeRootFs : null,
  };
}

export async function inspectContainerRaw(
  docker: EngineClient,
  id: string,
  opts: { size: boolean },
): Promise<RawContainerInspect> {
  try {
    // `size` is an API query parameter the typings do not list; dockerode passes it through.
    const options = { size: opts.size } as Docker.ContainerInspectOptions;
    return (await docker.getContainer(id).inspect(options)) as unknown as RawContainerInspect;
  } catch (err) {
    throw toAppError(err, `Inspecting container ${id}`);
  }
}

export async function inspectContainer(
  docker: EngineClient,
  id: string,
  opts: { size: boolean },
): Promise<ContainerDetail> {
  return mapContainerDetail(await inspectContainerRaw(docker, id, opts));
}

/** `GET /containers/{id}/changes` kinds: 0 modified, 1 added, 2 deleted. */
const KINDS: Record<number, ContainerChange['kind']> = { 0: 'changed', 1: 'added', 2: 'deleted' };

export function mapContainerChanges(raw: Array<{ Path?: string; Kind?: number }> | null): ContainerChange[] {
  // With nothing changed, docker-modem may hand back the empty body as a Buffer rather than null.
  return (Array.isArray(raw) ? raw : [])
    .filter((c) => typeof c.Path === 'string' && KINDS[c.Kind ?? -1] !== undefined)
    .map((c) => ({ path: c.Path!, kind: KINDS[c.Kind!]! }));
}

/** What the container's writable layer changed, added or deleted relative to its image. */
export async function containerChanges(docker: EngineClient, id: string): Promise<ContainerChange[]> {
  let raw: Array<{ Path?: string; Kind?: number }> | null;
  try {
    // The engine answers `null` (not `[]`) when nothing changed.
    raw = (await docker.getContainer(id).changes()) as Array<{ Path?: string; Kind?: number }> | null;
  } catch (err) {
    throw toAppError(err, `Reading the changes of container ${id}`);
  }
  return mapContainerChanges(raw);
}
