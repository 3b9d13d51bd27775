import { describe, expect, it } from 'vitest';
import { mapContainerPorts } from './ports';

describe('mapContainerPorts', () => {
  it('shows a configured binding that was not published (--bridge=none, host network)', () => {
    expect(mapContainerPorts({ '80/tcp': [{ HostIp: '', HostPort: '8001' }] }, {}, { '80/tcp': {} })).toEqual(
      [
        {
          containerPort: 80,
          protocol: 'tcp',
          hostIp: '',
          hostPort: 8001,
          configured: true,
          published: false,
        },
      ],
    );
  });

  it('marks a binding published when the engine opened its port, and takes a random port from it', () => {
    const ports = mapContainerPorts(
      { '80/tcp': [{ HostIp: '', HostPort: '8001' }], '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      {
        '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8001' }],
        '53/udp': [{ HostIp: '127.0.0.1', HostPort: '49153' }],
      },
      null,
    );
    expect(ports).toEqual([
      {
        containerPort: 53,
        protocol: 'udp',
        hostIp: '127.0.0.1',
        hostPort: 49153,
        configured: true,
        published: true,
      },
      {
        containerPort: 80,
        protocol: 'tcp',
        hostIp: '0.0.0.0',
        hostPort: 8001,
        configured: true,
        published: true,
      },
    ]);
  });

  it('lists published-only ports (-P) and exposed-only ports', () => {
    const ports = mapContainerPorts(
      null,
      { '443/tcp': [{ HostIp: '0.0.0.0', HostPort: '32768' }] },
      {
        '443/tcp': {},
        '6379/tcp': {},
      },
    );
    expect(ports).toEqual([
      {
        containerPort: 443,
        protocol: 'tcp',
        hostIp: '0.0.0.0',
        hostPort: 32768,
        configured: false,
        published: true,
      },
      {
        containerPort: 6379,
        protocol: 'tcp',
        hostIp: null,
        hostPort: null,
        configured: false,
        published: false,
      },
    ]);
  });
});
