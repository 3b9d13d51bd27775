/**
 * Where an engine is: the `DOCKER_HOST` grammar (unix://, npipe://, tcp://, ssh://, and the
 * http(s):// and scheme-less `host:port` forms the docker CLI also accepts) parsed into one
 * shape, and its display string (never a secret: no password, no key material).
 */
import { AppError } from '../../ipc/app-error';

/** Paths to PEM files; read when the client is created. */
export interface TlsFiles {
  caPath?: string;
  certPath?: string;
  keyPath?: string;
  /** Verify the engine's certificate chain and name (Docker's `--tlsverify`; contexts' `!SkipTLSVerify`). */
  verify: boolean;
}

export type EngineEndpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'npipe'; pipePath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: TlsFiles }
  | { kind: 'ssh'; host: string; port: number; username?: string };

const DEFAULT_PIPE = '//./pipe/docker_engine';

function invalid(host: string, why: string): AppError {
  return new AppError('INVALID_ARGUMENT', `Not a Docker host address (${why}): ${host}`);
}

/**
 * Parses a `DOCKER_HOST`-style address. `tls` applies to tcp:// only (https:// implies TLS with
 * verification). A tcp:// address without a port gets Docker's: 2376 with TLS, 2375 without.
 */
export function parseDockerHost(host: string, tls?: TlsFiles): EngineEndpoint {
  const value = host.trim();
  if (!value) throw invalid(host, 'empty');
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw invalid(host, 'the socket path must be absolute');
    return { kind: 'unix', socketPath };
  }
  if (value.startsWith('npipe://')) {
    return { kind: 'npipe', pipePath: value.slice('npipe://'.length) || DEFAULT_PIPE };
  }
  // The docker CLI reads `host:port` without a scheme as tcp.
  const withScheme = value.includes('://') ? value : `tcp://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(host, 'not a URL');
  }
  if (!['ssh:', 'https:', 'tcp:', 'http:'].includes(url.protocol)) {
    throw invalid(host, `unsupported scheme ${url.protocol.replace(/:$/, '')}`);
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!hostname) throw invalid(host, 'no host name');
  const port = (fallback: number): number => {
    const n = url.port ? Number(url.port) : fallback;
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw invalid(host, 'bad port');
    return n;
  };
  switch (url.protocol) {
    case 'ssh:':
      return {
        kind: 'ssh',
        host: hostname,
        port: port(22),
        ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      };
    case 'https:': {
      const files: TlsFiles = tls ?? { verify: true };
      return { kind: 'tcp', host: hostname, port: port(2376), tls: files };
    }
    case 'tcp:':
    case 'http:':
      if (url.protocol === 'http:' && tls) throw invalid(host, 'http:// with TLS settings');
      return tls
        ? { kind: 'tcp', host: hostname, port: port(2376), tls }
        : { kind: 'tcp', host: hostname, port: port(2375) };
    default:
      throw invalid(host, `unsupported scheme ${url.protocol.replace(/:$/, '')}`);
  }
}

/** The address as the user would type it, plus whether TLS is on; safe to show and log. */
export function displayEndpoint(ep: EngineEndpoint): string {
  switch (ep.kind) {
    case 'unix':
      return `unix://${ep.socketPath}`;
    case 'npipe':
      return `npipe://${ep.pipePath}`;
    case 'ssh': {
      const user = ep.username ? `${ep.username}@` : '';
      return `ssh://${user}${bracket(ep.host)}${ep.port === 22 ? '' : `:${ep.port}`}`;
    }
    case 'tcp': {
      const base = `tcp://${bracket(ep.host)}:${ep.port}`;
      if (!ep.tls) return base;
      return ep.tls.verify ? `${base} (TLS)` : `${base} (TLS, unverified)`;
    }
  }
}

const bracket = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** Two endpoints that reach the same engine the same way (used to drop duplicate default sockets). */
export function sameEndpoint(a: EngineEndpoint, b: EngineEndpoint): boolean {
  return displayEndpoint(a) === displayEndpoint(b);
}
