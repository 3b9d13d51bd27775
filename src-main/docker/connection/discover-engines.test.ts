import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextDigest, readDockerContexts, selectedContextName } from './docker-contexts';
import { discoverEngines, envTls } from './discover-engines';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'strata-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function addContext(
  name: string,
  host: string,
  opts: { skipVerify?: boolean; tls?: string[]; description?: string } = {},
): void {
  const digest = contextDigest(name);
  const meta = join(home, '.docker', 'contexts', 'meta', digest);
  mkdirSync(meta, { recursive: true });
  writeFileSync(
    join(meta, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: { Description: opts.description ?? '' },
      Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skipVerify ?? false } },
    }),
  );
  if (opts.tls) {
    const dir = join(home, '.docker', 'contexts', 'tls', digest, 'docker');
    mkdirSync(dir, { recursive: true });
    for (const f of opts.tls) writeFileSync(join(dir, f), 'PEM');
  }
}
const setCurrent = (name: string): void => {
  mkdirSync(join(home, '.docker'), { recursive: true });
  writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
};
const noSockets = (): boolean => false;

describe('docker contexts', () => {
  it('reads each context’s endpoint and TLS files from the sha256-named dirs', () => {
    addContext('remote', 'tcp://build.example:2376', {
      tls: ['ca.pem', 'cert.pem', 'key.pem'],
      description: 'CI box',
    });
    addContext('lab', 'tcp://lab.example:2376', { tls: ['ca.pem'], skipVerify: true });
    const byName = Object.fromEntries(readDockerContexts({}, home).map((c) => [c.name, c]));
    const tlsDir = join(home, '.docker', 'contexts', 'tls', contextDigest('remote'), 'docker');
    expect(byName['remote']).toEqual({
      name: 'remote',
      description: 'CI box',
      endpoint: {
        kind: 'tcp',
        host: 'build.example',
        port: 2376,
        tls: {
          caPath: join(tlsDir, 'ca.pem'),
          certPath: join(tlsDir, 'cert.pem'),
          keyPath: join(tlsDir, 'key.pem'),
          verify: true,
        },
      },
    });
    expect(byName['lab']?.endpoint).toMatchObject({
      kind: 'tcp',
      tls: { verify: false, certPath: undefined },
    });
  });

  it('skips broken and foreign contexts instead of failing', () => {
    addContext('ok', 'unix:///run/user/1000/docker.sock');
    addContext('fd', 'fd://');
    mkdirSync(join(home, '.docker', 'contexts', 'meta', 'junk'), { recursive: true });
    writeFileSync(join(home, '.docker', 'contexts', 'meta', 'junk', 'meta.json'), '{not json');
    expect(readDockerContexts({}, home).map((c) => c.name)).toEqual(['ok']);
  });

  it('takes DOCKER_CONTEXT over currentContext, and honours DOCKER_CONFIG', () => {
    setCurrent('remote');
    expect(selectedContextName({}, home)).toBe('remote');
    expect(selectedContextName({ DOCKER_CONTEXT: 'lab' }, home)).toBe('lab');
    expect(selectedContextName({ DOCKER_CONFIG: join(home, 'elsewhere') }, home)).toBe('default');
  });
});

describe('discoverEngines', () => {
  it('prefers DOCKER_HOST over contexts, with TLS from DOCKER_CERT_PATH', () => {
    addContext('remote', 'tcp://build.example:2376');
    setCurrent('remote');
    const env = { DOCKER_HOST: 'tcp://1.2.3.4', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' };
    const d = discoverEngines({ env, home, platform: 'linux', exists: noSockets });
    expect(d.preferredId).toBe('env');
    expect(d.engines.find((e) => e.id === 'env')?.endpoint).toEqual({
      kind: 'tcp',
      host: '1.2.3.4',
      port: 2376,
      tls: { caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem', verify: true },
    });
    expect(d.engines.map((e) => e.id)).toEqual(['env', 'context:remote']);
  });

  it('uses the current context, DOCKER_CONTEXT overriding it', () => {
    addContext('remote', 'tcp://build.example:2376');
    addContext('lab', 'ssh://me@lab.example');
    setCurrent('remote');
    expect(discoverEngines({ env: {}, home, platform: 'linux', exists: noSockets }).preferredId).toBe(
      'context:remote',
    );
    expect(
      discoverEngines({ env: { DOCKER_CONTEXT: 'lab' }, home, platform: 'linux', exists: noSockets })
        .preferredId,
    ).toBe('context:lab');
  });

  it('lists the default sockets that exist: system, Docker Desktop, rootless, podman', () => {
    const runtime = join(home, 'run');
    const present = new Set([
      join(home, '.docker', 'run', 'docker.sock'),
      join(runtime, 'podman', 'podman.sock'),
    ]);
    const d = discoverEngines({
      env: { XDG_RUNTIME_DIR: runtime },
      home,
      platform: 'linux',
      exists: (p) => present.has(p),
    });
    expect(d.engines.map((e) => [e.id, e.source])).toEqual([
      ['default:desktop', 'default'],
      ['default:podman', 'default'],
    ]);
    expect(d.preferredId).toBe('default:desktop');
  });

  it('falls back to /var/run/docker.sock when nothing is configured, and to the named pipe on Windows', () => {
    const linux = discoverEngines({ env: {}, home, platform: 'linux', exists: noSockets });
    expect(linux.engines).toEqual([
      {
        id: 'default:system',
        name: 'Docker',
        source: 'default',
        endpoint: { kind: 'unix', socketPath: '/var/run/docker.sock' },
      },
    ]);
    const win = discoverEngines({ env: {}, home, platform: 'win32', exists: noSockets });
    expect(win.engines[0]?.endpoint).toEqual({ kind: 'npipe', pipePath: '//./pipe/docker_engine' });
  });

  it('does not list a default socket twice when DOCKER_HOST already names it', () => {
    const d = discoverEngines({
      env: { DOCKER_HOST: 'unix:///var/run/docker.sock' },
      home,
      platform: 'linux',
      exists: () => true,
    });
    expect(
      d.engines.filter((e) => e.endpoint.kind === 'unix' && e.endpoint.socketPath === '/var/run/docker.sock'),
    ).toHaveLength(1);
  });

  it('turns TLS on only when the environment asks for it', () => {
    expect(envTls({}, home)).toBeUndefined();
    expect(envTls({ DOCKER_TLS: '1' }, home)).toMatchObject({
      verify: false,
      caPath: join(home, '.docker', 'ca.pem'),
    });
  });
});
