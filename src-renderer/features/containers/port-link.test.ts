import { describe, expect, it } from 'vitest';
import type { ContainerPort } from '../../../src-shared/containers-dto';
import { portUrl } from './port-link';

const port = (p: Partial<ContainerPort>): ContainerPort => ({
  containerPort: 80,
  protocol: 'tcp',
  hostIp: '0.0.0.0',
  hostPort: 8002,
  configured: true,
  published: true,
  ...p,
});

describe('portUrl', () => {
  it('opens a published TCP port on loopback', () => {
    expect(portUrl(port({}))).toBe('http://127.0.0.1:8002/');
    expect(portUrl(port({ hostIp: '' }))).toBe('http://127.0.0.1:8002/');
    expect(portUrl(port({ hostIp: '127.0.0.1' }))).toBe('http://127.0.0.1:8002/');
    expect(portUrl(port({ hostIp: '::' }))).toBe('http://[::1]:8002/');
  });
  it('gives no link for a port not published, not TCP, or bound to another host address', () => {
    expect(portUrl(port({ published: false }))).toBeNull();
    expect(portUrl(port({ protocol: 'udp' }))).toBeNull();
    expect(portUrl(port({ hostPort: null }))).toBeNull();
    expect(portUrl(port({ hostIp: '192.168.1.5' }))).toBeNull();
    expect(portUrl(port({ hostIp: '10.0.0.2' }))).toBeNull();
  });
});
