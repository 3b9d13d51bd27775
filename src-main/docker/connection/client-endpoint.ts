/** The endpoint of a dockerode client made elsewhere (tests, the CLI), for display only. */
import type { EngineClient } from '../engine-client';
import type { EngineEndpoint } from './endpoint';

/** Where a client made elsewhere points, read back from docker-modem's fields, for display. */
export function endpointOf(client: EngineClient): EngineEndpoint {
  const m = client.modem as {
    socketPath?: unknown;
    host?: unknown;
    port?: unknown;
    protocol?: unknown;
    username?: unknown;
  };
  if (typeof m.host === 'string' && m.host) {
    const port = Number(m.port) || (m.protocol === 'https' ? 2376 : m.protocol === 'ssh' ? 22 : 2375);
    if (m.protocol === 'ssh')
      return {
        kind: 'ssh',
        host: m.host,
        port,
        ...(typeof m.username === 'string' && m.username ? { username: m.username } : {}),
      };
    return m.protocol === 'https'
      ? { kind: 'tcp', host: m.host, port, tls: { verify: true } }
      : { kind: 'tcp', host: m.host, port };
  }
  return {
    kind: 'unix',
    socketPath: typeof m.socketPath === 'string' ? m.socketPath : '/var/run/docker.sock',
  };
}
