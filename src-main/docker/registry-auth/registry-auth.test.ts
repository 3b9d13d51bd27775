/** Credentials from temp config dirs, with a fake credential helper script on a temp PATH. */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configKeyFor, DOCKER_HUB_KEY, registryHost } from './auth-config';
import { runCredentialHelper } from './cred-helper';
import { credentialsFromConfig, readDockerConfig } from './docker-config';

let dir: string;
let binDir: string;
let env: NodeJS.ProcessEnv;
const b64 = (s: string): string => Buffer.from(s).toString('base64');

async function configDir(name: string, config: unknown): Promise<string> {
  const d = join(dir, name);
  await mkdir(d, { recursive: true });
  await writeFile(join(d, 'config.json'), JSON.stringify(config));
  return d;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-auth-'));
  binDir = join(dir, 'bin');
  await mkdir(binDir);
  // The docker-credential-helpers protocol: `get`, server URL on stdin, JSON on stdout.
  const script = `#!/bin/sh
[ "$1" = get ] || exit 2
read server
case "$server" in
  https://index.docker.io/v1/) echo '{"ServerURL":"'$server'","Username":"hubuser","Secret":"hubpass"}' ;;
  tok.example.com) echo '{"ServerURL":"tok.example.com","Username":"<token>","Secret":"tkn"}' ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`;
  await writeFile(join(binDir, 'docker-credential-fake'), script);
  await chmod(join(binDir, 'docker-credential-fake'), 0o755);
  env = { ...process.env, PATH: `${binDir}:${process.env['PATH'] ?? ''}` };
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('registry keys', () => {
  it('normalises every Docker Hub spelling to one host and the legacy key', () => {
    for (const k of [
      'https://index.docker.io/v1/',
      'index.docker.io',
      'docker.io',
      'registry-1.docker.io',
      'HTTPS://Index.Docker.IO/v1/',
    ]) {
      expect(registryHost(k)).toBe('docker.io');
      expect(configKeyFor(k)).toBe(DOCKER_HUB_KEY);
    }
    expect(registryHost('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000');
    expect(configKeyFor('ghcr.io')).toBe('ghcr.io');
  });
});

describe('config.json', () => {
  it('decodes base64 auths, found under any spelling of the key', async () => {
    const d = await configDir('auths', {
      auths: {
        'https://index.docker.io/v1/': { auth: b64('alice:pa:ss') },
        'http://127.0.0.1:5000': { auth: b64('bob:pw') },
        'tok.example.com': { identitytoken: 'idtok' },
      },
    });
    expect(await credentialsFromConfig('docker.io', { configDir: d })).toEqual({
      username: 'alice',
      password: 'pa:ss',
      serveraddress: DOCKER_HUB_KEY,
    });
    expect(await credentialsFromConfig('127.0.0.1:5000', { configDir: d })).toMatchObject({
      username: 'bob',
      password: 'pw',
    });
    expect(await credentialsFromConfig('tok.example.com', { configDir: d })).toEqual({
      identitytoken: 'idtok',
      serveraddress: 'tok.example.com',
    });
    expect(await credentialsFromConfig('other.example.com', { configDir: d })).toBeNull();
  });

  it('asks the credsStore helper (Hub under its legacy key); "not found" is no credentials', async () => {
    const d = await configDir('store', { credsStore: 'fake' });
    expect(await credentialsFromConfig('index.docker.io', { configDir: d, env })).toEqual({
      username: 'hubuser',
      password: 'hubpass',
      serveraddress: DOCKER_HUB_KEY,
    });
    expect(await credentialsFromConfig('tok.example.com', { configDir: d, env })).toEqual({
      identitytoken: 'tkn',
      serveraddress: 'tok.example.com',
    });
    expect(await credentialsFromConfig('nowhere.example.com', { configDir: d, env })).toBeNull();
  });

  it('prefers a per-registry credHelper over auths, and a missing helper is a clear error', async () => {
    const d = await configDir('helpers', {
      auths: { 'https://index.docker.io/v1/': { auth: b64('file:user') } },
      credHelpers: { 'docker.io': 'fake', 'gcr.io': 'not-installed' },
    });
    expect(await credentialsFromConfig('docker.io', { configDir: d, env })).toMatchObject({
      username: 'hubuser',
    });
    await expect(credentialsFromConfig('gcr.io', { configDir: d, env })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/docker-credential-not-installed is configured but not installed/),
    });
  });

  it('treats a missing config as empty and a broken one as an error naming the file', async () => {
    expect(await readDockerConfig(join(dir, 'none'))).toEqual({
      auths: {},
      credsStore: null,
      credHelpers: {},
    });
    const d = join(dir, 'broken');
    await mkdir(d);
    await writeFile(join(d, 'config.json'), '{nope');
    await expect(readDockerConfig(d)).rejects.toThrow(/config.json is not valid JSON/);
    const bad = await configDir('badauth', { auths: { 'x.io': { auth: b64('nocolon') } } });
    await expect(credentialsFromConfig('x.io', { configDir: bad })).rejects.toThrow(/malformed/);
  });

  it('refuses helper names that could escape the docker-credential- prefix', async () => {
    await expect(runCredentialHelper('../../bin/sh', 'x', { env })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
