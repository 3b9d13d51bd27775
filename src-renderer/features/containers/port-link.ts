/**
 * The address a published port answers on, for the containers table's "open" link (the tutorial
 * opens the committed image's server in a browser). Loopback only: a binding on all addresses or
 * on 127.0.0.1 / ::1 is opened on 127.0.0.1 / [::1]; one on another host address, a UDP or SCTP
 * port, or a port that is not published gets no link. Never a container's own address.
 */
import type { ContainerPort } from '../../../src-shared/containers-dto';

export function portUrl(p: ContainerPort): string | null {
  if (!p.published || p.protocol !== 'tcp' || !p.hostPort) return null;
  const ip = p.hostIp ?? '';
  if (ip === '' || ip === '0.0.0.0' || ip.startsWith('127.')) return `http://127.0.0.1:${p.hostPort}/`;
  if (ip === '::' || ip === '::1') return `http://[::1]:${p.hostPort}/`;
  return null;
}
