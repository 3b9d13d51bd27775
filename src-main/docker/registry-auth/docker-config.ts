/**
 * Reads the credentials the docker CLI stored (`~/.docker/config.json`, or $DOCKER_CONFIG):
 * `credHelpers` (per registry) first, then `auths` (base64 `auth` "user:pass", or
 * `identitytoken`), then the default `credsStore` helper, as docker/cli's configfile does.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../ipc/app-error';
import { configKeyFor, registryHost, type EngineAuth } from './auth-config';
import { runCredentialHelper, TOKEN_USERNAME } from './cred-helper';

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface DockerConfigFile {
  auths: Record<string, AuthEntry>;
  credsStore: string | null;
  credHelpers: Record<string, string>;
}

export const defaultConfigDir = (): string => process.env['DOCKER_CONFIG'] ?? join(homedir(), '.docker');

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A missing file is an empty config; a broken one is an error that names it. */
export async function readDockerConfig(dir: string): Promise<DockerConfigFile> {
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { auths: {}, credsStore: null, credHelpers: {} };
    throw new AppError('INTERNAL', `Cannot read ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_ARGUMENT', `${file} is not valid JSON`);
  }
  if (!isObj(raw)) throw new AppError('INVALID_ARGUMENT', `${file} is not a JSON object`);
  const auths: Record<string, AuthEntry> = {};
  if (isObj(raw['auths']))
    for (const [k, v] of Object.entries(raw['auths'])) if (isObj(v)) auths[k] = v as AuthEntry;
  const helpers: Record<string, string> = {};
  if (isObj(raw['credHelpers']))
    for (const [k, v] of Object.entries(raw['credHelpers'])) if (typeof v === 'string') helpers[k] = v;
  return {
    auths,
    credsStore: typeof raw['credsStore'] === 'string' && raw['credsStore'] ? raw['credsStore'] : null,
    credHelpers: helpers,
  };
}

/** The entry of a map keyed by registry, whatever spelling of the key was stored. */
function byRegistry<T>(map: Record<string, T>, host: string): [string, T] | null {
  const want = registryHost(host);
  for (const [k, v] of Object.entries(map)) if (registryHost(k) === want) return [k, v];
  return null;
}

/** Decodes an `auths` entry; null when it holds nothing usable. */
export function authFromEntry(entry: AuthEntry, serveraddress: string): EngineAuth | null {
  if (entry.identitytoken) return { identitytoken: entry.identitytoken, serveraddress };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
      throw new AppError('INVALID_ARGUMENT', `The stored credentials for ${serveraddress} are malformed`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress };
  }
  if (entry.username && entry.password)
    return { username: entry.username, password: entry.password, serveraddress };
  return null;
}

export interface ResolveOptions {
  configDir?: string;
  /** Environment for helpers (tests put a fake helper on PATH). */
  env?: NodeJS.ProcessEnv;
}

/** Credentials for a registry (host[:port], `docker.io` for Hub), or null when none are stored. */
export async function credentialsFromConfig(
  host: string,
  opts: ResolveOptions = {},
): Promise<EngineAuth | null> {
  const config = await readDockerConfig(opts.configDir ?? defaultConfigDir());
  const key = configKeyFor(host);
  const viaHelper = async (helper: string): Promise<EngineAuth | null> => {
    const c = await runCredentialHelper(helper, key, opts.env ? { env: opts.env } : {});
    if (!c) return null;
    return c.username === TOKEN_USERNAME
      ? { identitytoken: c.secret, serveraddress: key }
      : { username: c.username, password: c.secret, serveraddress: key };
  };
  const helper = byRegistry(config.credHelpers, host);
  if (helper) return viaHelper(helper[1]);
  const entry = byRegistry(config.auths, host);
  const fromFile = entry ? authFromEntry(entry[1], key) : null;
  if (fromFile) return fromFile;
  if (config.credsStore) return viaHelper(config.credsStore);
  return null;
}
