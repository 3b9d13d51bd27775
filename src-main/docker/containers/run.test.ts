import { describe, expect, it } from 'vitest';
import { RunSpecSchema } from '../../../src-shared/containers-spec';
import { buildCreateBody } from './run';

describe('RunSpecSchema', () => {
  const ok = { image: 'nginx:alpine' };

  it('fills the defaults of a minimal run (detached, bridge, no restart)', () => {
    const spec = RunSpecSchema.parse(ok);
    expect(spec).toMatchObject({
      detach: true,
      networkMode: 'bridge',
      autoRemove: false,
      env: [],
      ports: [],
    });
    expect(spec.restartPolicy).toEqual({ name: 'no', maximumRetryCount: 0 });
  });

  it.each([
    ['an env entry without =', { env: ['FOO'] }],
    ['an env entry with an empty key', { env: ['=x'] }],
    ['a container port out of range', { ports: [{ containerPort: 0 }] }],
    ['a host port out of range', { ports: [{ containerPort: 80, hostPort: 70000 }] }],
    ['a host IP that is not one', { ports: [{ containerPort: 80, hostIp: 'example.com' }] }],
    ['an unknown protocol', { ports: [{ containerPort: 80, protocol: 'icmp' }] }],
    ['a relative bind path', { binds: [{ hostPath: 'data', containerPath: '/data' }] }],
    ['a bind path with a colon', { binds: [{ hostPath: '/a:b', containerPath: '/data' }] }],
    ['a network mode that names another container', { networkMode: 'container:abc' }],
    ['a retry count without on-failure', { restartPolicy: { name: 'always', maximumRetryCount: 3 } }],
    ['auto-remove with a restart policy', { autoRemove: true, restartPolicy: { name: 'always' } }],
    ['a bad container name', { name: '-web' }],
    ['a raw engine option', { HostConfig: { Privileged: true } }],
    [
      'the same mapping twice',
      {
        ports: [
          { containerPort: 80, hostPort: 8001 },
          { containerPort: 80, hostPort: 8001 },
        ],
      },
    ],
  ])('rejects %s', (_what, extra) => {
    expect(RunSpecSchema.safeParse({ ...ok, ...extra }).success).toBe(false);
  });
});

describe('buildCreateBody', () => {
  it('maps the tutorial’s `run --name web1 -p 8001:80 -d` with env, binds, volumes and a restart policy', () => {
    const spec = RunSpecSchema.parse({
      image: 'nginx:alpine',
      name: 'web1',
      command: ['nginx', '-g', 'daemon off;'],
      env: ['A=b', 'EMPTY='],
      ports: [
        { containerPort: 80, hostPort: 8001 },
        { containerPort: 80, hostIp: '127.0.0.1', hostPort: 8002 },
        { containerPort: 53, protocol: 'udp' },
      ],
      binds: [{ hostPath: '/srv/www', containerPath: '/usr/share/nginx/html', readOnly: true }],
      volumes: [{ name: 'cache', containerPath: '/var/cache' }],
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    });
    const body = buildCreateBody(spec);
    expect(body).toMatchObject({
      Image: 'nginx:alpine',
      Cmd: ['nginx', '-g', 'daemon off;'],
      Env: ['A=b', 'EMPTY='],
      Tty: false,
      AttachStdout: false,
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      HostConfig: {
        NetworkMode: 'bridge',
        PortBindings: {
          '80/tcp': [
            { HostIp: '', HostPort: '8001' },
            { HostIp: '127.0.0.1', HostPort: '8002' },
          ],
          '53/udp': [{ HostIp: '', HostPort: '' }],
        },
        Binds: ['/srv/www:/usr/share/nginx/html:ro', 'cache:/var/cache'],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        AutoRemove: false,
      },
    });
    expect(body).not.toHaveProperty('Entrypoint');
    expect(body).not.toHaveProperty('name');
  });

  it('attaches the output streams only for an attached run, and can clear the entrypoint', () => {
    const body = buildCreateBody(RunSpecSchema.parse({ image: 'busybox', detach: false, entrypoint: [] }));
    expect(body.AttachStdout).toBe(true);
    expect(body.AttachStderr).toBe(true);
    expect(body.Entrypoint).toEqual([]);
  });
});
