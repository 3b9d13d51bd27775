/**
 * Which engines this machine is configured for, and which one to use first, with the docker
 * CLI's precedence: `DOCKER_HOST` (with `DOCKER_TLS_VERIFY`/`DOCKER_TLS`/`DOCKER_CERT_PATH`) over
 * `DOCKER_CONTEXT` over config.json's `currentContext` over the default sockets. Pure but for
 * reading files below `home` (and testing whether the default sockets exist), so tests run it
 * on temp dirs with a made-up environment.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineSource } from '../../../src-shared/connection-dto';
import { dockerConfigDir, readDockerContexts, selectedContextName, type Env } from './docker-contexts';
import { parseDockerHost, sameEndpoint, type EngineEndpoint, type TlsFiles } from './endpoint';

export interface DiscoveredEngine {
  id: string;
  name: string;
  source: EngineSource;
  endpoint: EngineEndpoint;
}

export interface DiscoverOptions {
  env: Env;
  home: string;
  platform?: NodeJS.Platform;
  /** Whether a default socket exists; defaults to the file system. */
  exists?: (path: string) => boolean;
}

export interface Discovery {
  engines: DiscoveredEngine[];
  /** The engine the docker CLI would talk to. */
  preferredId: string;
}

/** The TLS settings `DOCKER_HOST` comes with, as the docker CLI reads them; undefined when TLS is off. */
export function envTls(env: Env, home: string): TlsFiles | undefined {
  const verify = Boolean(env['DOCKER_TLS_VERIFY']);
  if (!verify && !env['DOCKER_TLS']) return undefined;
  const dir = env['DOCKER_CERT_PATH'] || dockerConfigDir(env, home);
  return {
    caPath: join(dir, 'ca.pem'),
    certPath: join(dir, 'cert.pem'),
    keyPath: join(dir, 'key.pem'),
    verify,
  };
}

/** The platform's usual sockets, most common first. */
export function defaultSockets(
  env: Env,
  home: string,
  platform: NodeJS.Platform,
): Array<{ id: string; name: string; endpoint: EngineEndpoint }> {
  if (platform === 'win32') {
    return [
      {
        id: 'default:npipe',
        name: 'Docker (named pipe)',
        endpoint: { kind: 'npipe', pipePath: '//./pipe/docker_engine' },
      },
    ];
  }
  const unix = (socketPath: string): EngineEndpoint => ({ kind: 'unix', socketPath });
  const runtime = env['XDG_RUNTIME_DIR'];
  return [
    { id: 'default:system', name: 'Docker', endpoint: unix('/var/run/docker.sock') },
    {
      id: 'default:desktop',
      name: 'Docker Desktop',
      endpoint: unix(join(home, '.docker', 'run', 'docker.sock')),
    },
    ...(runtime
      ? [
          { id: 'default:rootless', name: 'Docker (rootless)', endpoint: unix(join(runtime, 'docker.sock')) },
          { id: 'default:podman', name: 'Podman', endpoint: unix(join(runtime, 'podman', 'podman.sock')) },
        ]
      : []),
  ];
}

export function discoverEngines(options: DiscoverOptions): Discovery {
  const { env, home } = options;
  const platform = options.platform ?? process.platform;
  const exists = options.exists ?? existsSync;
  const engines: DiscoveredEngine[] = [];

  const dockerHost = env['DOCKER_HOST'];
  if (dockerHost) {
    try {
      engines.push({
        id: 'env',
        name: 'DOCKER_HOST',
        source: 'env',
        endpoint: parseDockerHost(dockerHost, envTls(env, home)),
      });
    } catch {
      // An address we cannot use; the other engines still are.
    }
  }
  for (const ctx of readDockerContexts(env, home)) {
    engines.push({
      id: `context:${ctx.name}`,
      name: ctx.description ? `${ctx.name} (${ctx.description})` : ctx.name,
      source: 'context',
      endpoint: ctx.endpoint,
    });
  }
  const defaults = defaultSockets(env, home, platform);
  const present = defaults.filter(
    (d) => d.endpoint.kind === 'npipe' || exists((d.endpoint as { socketPath: string }).socketPath),
  );
  // With nothing else configured, still list the system socket: the picker then says why it fails.
  const listed = present.length > 0 || engines.length > 0 ? present : defaults.slice(0, 1);
  for (const d of listed) {
    if (engines.some((e) => sameEndpoint(e.endpoint, d.endpoint))) continue;
    engines.push({ ...d, source: 'default' });
  }

  const contextId = `context:${selectedContextName(env, home)}`;
  const preferredId =
    engines.find((e) => e.id === 'env')?.id ??
    engines.find((e) => e.id === contextId)?.id ??
    engines.find((e) => e.source === 'default')?.id ??
    engines[0]?.id ??
    defaults[0]!.id;
  return { engines, preferredId };
}
