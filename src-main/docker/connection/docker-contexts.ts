/**
 * The docker CLI's contexts, read the way the CLI stores them: `<config>/config.json` names the
 * current one; `<config>/contexts/meta/<sha256(name)>/meta.json` holds each context's endpoint
 * (`Endpoints.docker.Host`, `SkipTLSVerify`); its TLS files sit in
 * `<config>/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem`. `<config>` is `$DOCKER_CONFIG`
 * or `~/.docker`. Everything is read synchronously from small files, once at startup.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerHost, type EngineEndpoint } from './endpoint';

export type Env = Readonly<Record<string, string | undefined>>;

export interface DockerContext {
  name: string;
  description?: string;
  endpoint: EngineEndpoint;
}

/** The docker CLI's configuration directory. */
export function dockerConfigDir(env: Env, home: string): string {
  return env['DOCKER_CONFIG'] || join(home, '.docker');
}

/** The context the CLI would use: `DOCKER_CONTEXT`, else config.json's `currentContext`, else `default`. */
export function selectedContextName(env: Env, home: string): string {
  if (env['DOCKER_CONTEXT']) return env['DOCKER_CONTEXT'];
  const config = readJson(join(dockerConfigDir(env, home), 'config.json')) as
    { currentContext?: unknown } | undefined;
  return typeof config?.currentContext === 'string' && config.currentContext
    ? config.currentContext
    : 'default';
}

/** The CLI's directory name for a context: the hex SHA-256 of its name. */
export const contextDigest = (name: string): string => createHash('sha256').update(name).digest('hex');

interface RawContextMeta {
  Name?: unknown;
  Metadata?: { Description?: unknown } | null;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } | null } | null;
}

/** Every context with a usable docker endpoint; broken or foreign ones are skipped, not fatal. */
export function readDockerContexts(env: Env, home: string): DockerContext[] {
  const root = join(dockerConfigDir(env, home), 'contexts');
  let dirs: string[];
  try {
    dirs = readdirSync(join(root, 'meta'));
  } catch {
    return [];
  }
  const contexts: DockerContext[] = [];
  for (const digest of dirs.sort()) {
    const meta = readJson(join(root, 'meta', digest, 'meta.json')) as RawContextMeta | undefined;
    const name = meta?.Name;
    const docker = meta?.Endpoints?.docker;
    if (typeof name !== 'string' || !name || typeof docker?.Host !== 'string') continue;
    const tlsDir = join(root, 'tls', digest, 'docker');
    const pem = (file: string): string | undefined =>
      existsSync(join(tlsDir, file)) ? join(tlsDir, file) : undefined;
    const [caPath, certPath, keyPath] = [pem('ca.pem'), pem('cert.pem'), pem('key.pem')];
    const hasTls = Boolean(caPath || certPath || keyPath);
    try {
      const endpoint = parseDockerHost(
        docker.Host,
        hasTls || docker.Host.startsWith('https://')
          ? { caPath, certPath, keyPath, verify: docker.SkipTLSVerify !== true }
          : undefined,
      );
      const description = meta?.Metadata?.Description;
      contexts.push({
        name,
        endpoint,
        ...(typeof description === 'string' && description ? { description } : {}),
      });
    } catch {
      // An address we cannot reach (e.g. fd://); the CLI would fail on it too.
    }
  }
  return contexts;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
