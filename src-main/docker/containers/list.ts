/** Every container, in every state, with its full command and configured ports. */
import type { ContainerSummary } from '../../../src-shared/containers-dto';
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { formatCommandLine } from './command-line';
import { inspectContainerRaw, type RawContainerInspect } from './inspect';
import { mapContainerPorts, type RawPortMap } from './ports';
import { mapLimited } from '../map-limited';

/** The subset of `GET /containers/json` entries we read. */
export interface RawContainerSummary {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: Array<{ IP?: string; PrivatePort?: number; PublicPort?: number; Type?: string }> | null;
  SizeRw?: number;
  SizeRootFs?: number;
  Labels?: Record<string, string> | null;
}

/** The list's `Ports` (published only) in the inspect shape, so one mapping serves both. */
function publishedFromList(ports: RawContainerSummary['Ports']): RawPortMap {
  const map: Record<string, Array<{ HostIp?: string; HostPort?: string }>> = {};
  for (const p of ports ?? []) {
    if (!p.PrivatePort || !p.PublicPort) continue;
    (map[`${p.PrivatePort}/${p.Type ?? 'tcp'}`] ??= []).push({
      HostIp: p.IP ?? '',
      HostPort: String(p.PublicPort),
    });
  }
  return map;
}

/**
 * One list entry. The list's own `Command` joins Path and Args with bare spaces and its ports
 * omit bindings that were not published, so the inspect answer (when there is one) supplies both.
 */
export function mapContainerSummary(
  raw: RawContainerSummary,
  detail: RawContainerInspect | null,
  sized: boolean,
): ContainerSummary {
  const names = (raw.Names ?? []).map((n) => n.replace(/^\//, ''));
  const exposedFromList = Object.fromEntries(
    (raw.Ports ?? []).filter((p) => p.PrivatePort).map((p) => [`${p.PrivatePort}/${p.Type ?? 'tcp'}`, {}]),
  );
  return {
    id: raw.Id,
    name: names[0] ?? raw.Id.slice(0, 12),
    names,
    image: raw.Image ?? '',
    imageId: raw.ImageID ?? '',
    command: detail ? formatCommandLine(detail.Path ?? '', detail.Args ?? []) : (raw.Command ?? ''),
    created: (raw.Created ?? 0) * 1000,
    state: raw.State ?? 'unknown',
    status: raw.Status ?? '',
    ports: detail
      ? mapContainerPorts(
          detail.HostConfig?.PortBindings,
          detail.NetworkSettings?.Ports,
          detail.Config?.ExposedPorts,
        )
      : mapContainerPorts(null, publishedFromList(raw.Ports), exposedFromList),
    // The engine omits a zero size (`omitempty`): when sizes were measured, absent means 0.
    sizeRw: sized ? (raw.SizeRw ?? 0) : null,
    sizeRootFs: sized ? (raw.SizeRootFs ?? 0) : null,
    labels: raw.Labels ?? {},
  };
}

/**
 * Every container (running, stopped, created...). `size` asks the engine to measure each writable
 * layer (`SizeRw`, `SizeRootFs`): it walks every layer's files, which is slow with many containers.
 */
export async function listContainers(
  docker: EngineClient,
  opts: { size: boolean },
): Promise<ContainerSummary[]> {
  let raw: RawContainerSummary[];
  try {
    raw = (await docker.listContainers({ all: true, size: opts.size })) as RawContainerSummary[];
  } catch (err) {
    throw toAppError(err, 'Listing containers');
  }
  const details = await mapLimited(raw, 4, async (c) => {
    try {
      return await inspectContainerRaw(docker, c.Id, { size: false });
    } catch (err) {
      // Removed between the list and the inspect: keep what the list said.
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  });
  return raw.map((c, i) => mapContainerSummary(c, details[i] ?? null, opts.size));
}
