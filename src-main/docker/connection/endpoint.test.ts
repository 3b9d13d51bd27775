import { describe, expect, it } from 'vitest';
import { displayEndpoint, parseDockerHost } from './endpoint';

describe('parseDockerHost', () => {
  it('reads unix sockets and rejects relative ones', () => {
    expect(parseDockerHost('unix:///var/run/docker.sock')).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
    expect(() => parseDockerHost('unix://docker.sock')).toThrow(/absolute/);
  });

  it('gives tcp Docker’s ports: 2375 plain, 2376 with TLS', () => {
    expect(parseDockerHost('tcp://10.0.0.5')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375 });
    expect(parseDockerHost('tcp://h.example:1234')).toEqual({ kind: 'tcp', host: 'h.example', port: 1234 });
    const tls = { caPath: '/c/ca.pem', verify: true };
    expect(parseDockerHost('tcp://h.example', tls)).toEqual({
      kind: 'tcp',
      host: 'h.example',
      port: 2376,
      tls,
    });
    expect(parseDockerHost('https://h.example')).toMatchObject({ port: 2376, tls: { verify: true } });
  });

  it('reads scheme-less host:port as tcp, and IPv6 in brackets', () => {
    expect(parseDockerHost('localhost:2375')).toEqual({ kind: 'tcp', host: 'localhost', port: 2375 });
    expect(parseDockerHost('tcp://[::1]:2375')).toEqual({ kind: 'tcp', host: '::1', port: 2375 });
  });

  it('reads ssh with user and port', () => {
    expect(parseDockerHost('ssh://me@build.example:2222')).toEqual({
      kind: 'ssh',
      host: 'build.example',
      port: 2222,
      username: 'me',
    });
    expect(parseDockerHost('ssh://build.example')).toEqual({ kind: 'ssh', host: 'build.example', port: 22 });
  });

  it('reads npipe with the default pipe', () => {
    expect(parseDockerHost('npipe:////./pipe/docker_engine')).toEqual({
      kind: 'npipe',
      pipePath: '//./pipe/docker_engine',
    });
    expect(parseDockerHost('npipe://')).toEqual({ kind: 'npipe', pipePath: '//./pipe/docker_engine' });
  });

  it('rejects what the engine cannot be reached with', () => {
    expect(() => parseDockerHost('fd://')).toThrow(/unsupported scheme fd/);
    expect(() => parseDockerHost('')).toThrow(/empty/);
    expect(() => parseDockerHost('tcp://h:99999')).toThrow();
  });
});

describe('displayEndpoint', () => {
  it('never shows a password and says when TLS is on', () => {
    const ssh = parseDockerHost('ssh://me:secret@h.example');
    expect(displayEndpoint(ssh)).toBe('ssh://me@h.example');
    expect(displayEndpoint(parseDockerHost('tcp://h', { verify: true }))).toBe('tcp://h:2376 (TLS)');
    expect(displayEndpoint(parseDockerHost('tcp://h', { verify: false }))).toBe(
      'tcp://h:2376 (TLS, unverified)',
    );
    expect(displayEndpoint(parseDockerHost('tcp://[::1]:2375'))).toBe('tcp://[::1]:2375');
  });
});
