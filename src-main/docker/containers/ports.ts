/**
 * A container's ports from what it asked for and what the engine opened. `NetworkSettings.Ports`
 * only holds published ports; with `--bridge=none` or host networking it is `{}` even though
 * `HostConfig.PortBindings` keeps the `-p` bindings (see /work/shared/TESTBED.md), so both are read.
 */
import type { ContainerPort } from '../../../src-shared/containers-dto';

export interface RawHostPort {
  HostIp?: string;
  HostPort?: string;
}
export type RawPortMap = Record<string, RawHostPort[] | null> | null | undefined;

function splitKey(key: string): { containerPort: number; protocol: string } | null {
  const [port, protocol = 'tcp'] = key.split('/');
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? { containerPort: n, protocol } : null;
}

const hostPortOf = (p: RawHostPort): number | null => {
  const n = Number(p.HostPort ?? '');
  return p.HostPort && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
};

export function mapContainerPorts(
  bindings: RawPortMap,
  published: RawPortMap,
  exposed: Record<string, unknown> | null | undefined,
): ContainerPort[] {
  const out: ContainerPort[] = [];
  const seen = new Set<string>();
  const usedPublished = new Set<string>();
  const pub = published ?? {};
  for (const [key, list] of Object.entries(bindings ?? {})) {
    const k = splitKey(key);
    if (!k) continue;
    seen.add(key);
    for (const b of list ?? []) {
      const want = hostPortOf(b);
      // A binding is published when the engine opened the same host port (any port, for a random one).
      const match = (pub[key] ?? []).find((p, i) => {
        const id = `${key}#${i}`;
        if (usedPublished.has(id) || (want !== null && want !== 0 && hostPortOf(p) !== want)) return false;
        usedPublished.add(id);
        return true;
      });
      out.push({
        ...k,
        hostIp: match?.HostIp ?? b.HostIp ?? '',
        hostPort: match ? hostPortOf(match) : want,
        configured: true,
        published: match !== undefined,
      });
    }
  }
  for (const [key, list] of Object.entries(pub)) {
    const k = splitKey(key);
    if (!k) continue;
    seen.add(key);
    (list ?? []).forEach((p, i) => {
      if (usedPublished.has(`${key}#${i}`)) return;
      out.push({ ...k, hostIp: p.HostIp ?? '', hostPort: hostPortOf(p), configured: false, published: true });
    });
  }
  for (const key of Object.keys(exposed ?? {})) {
    const k = splitKey(key);
    if (!k || seen.has(key)) continue;
    seen.add(key);
    out.push({ ...k, hostIp: null, hostPort: null, configured: false, published: false });
  }
  return out.sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol));
}
