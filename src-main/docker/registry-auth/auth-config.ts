/**
 * Registry credentials as the engine takes them (the X-Registry-Auth JSON), and the keys
 * registries go by. Docker Hub is stored under its legacy key `https://index.docker.io/v1/`
 * (docker/cli cli/config/configfile, registry.IndexServer); other registries under host[:port],
 * sometimes written with a scheme or path (`https://host/v2/`), which we strip.
 */
export interface EngineAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const HUB_HOSTS = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** host[:port] of a registry key or server as users write it; `docker.io` for every Hub spelling. */
export function registryHost(keyOrServer: string): string {
  let s = keyOrServer.trim();
  s = s.replace(/^[a-z]+:\/\//i, '');
  s = s.split('/')[0] ?? '';
  s = s.toLowerCase();
  return HUB_HOSTS.has(s) ? 'docker.io' : s;
}

/** The key docker/cli uses for a registry in config.json and credential helpers. */
export const configKeyFor = (host: string): string =>
  registryHost(host) === 'docker.io' ? DOCKER_HUB_KEY : registryHost(host);
