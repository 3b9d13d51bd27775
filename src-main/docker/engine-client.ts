/**
 * One dockerode client per engine connection. Which engine: an explicit `DOCKER_HOST`-style
 * URL, or dockerode's own defaults (it reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH,
 * and falls back to the platform's default socket).
 */
import Docker from 'dockerode';

export type EngineClient = Docker;

export function createEngineClient(dockerHost?: string): EngineClient {
  if (!dockerHost) return new Docker();
  const url = new URL(dockerHost);
  switch (url.protocol) {
    case 'unix:':
      return new Docker({ socketPath: decodeURIComponent(url.pathname) });
    case 'npipe:':
      return new Docker({ socketPath: `//./pipe${url.pathname.replace(/^\/pipe/, '')}` });
    case 'tcp:':
    case 'http:':
      return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: 'http' });
    case 'https:':
      return new Docker({ host: url.hostname, port: Number(url.port || 2376), protocol: 'https' });
    default:
      throw new Error(`Unsupported DOCKER_HOST scheme "${url.protocol}" in ${dockerHost}`);
  }
}
