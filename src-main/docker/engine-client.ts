/**
 * One dockerode client per engine connection. Which engine: an endpoint (see
 * connection/endpoint.ts), a `DOCKER_HOST`-style URL, or dockerode's own defaults (it reads
 * DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, and falls back to the platform's socket).
 * The engine registry (services/engine-registry.ts) decides which one the app uses.
 */
import Docker from 'dockerode';
import { dockerodeOptions } from './connection/client-options';
import { parseDockerHost, type EngineEndpoint } from './connection/endpoint';

export type EngineClient = Docker;

export function createEngineClient(target?: string | EngineEndpoint): EngineClient {
  if (!target) return new Docker();
  const endpoint = typeof target === 'string' ? parseDockerHost(target) : target;
  return new Docker(dockerodeOptions(endpoint));
}
