/** Helpers of the containers and commit integration tests: loopback HTTP, free ports, cleanup. */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { EngineClient } from '../../src-main/docker/engine-client';

export const uniqueName = (domain: string): string => `strata-it-${domain}-${randomBytes(4).toString('hex')}`;

/** A TCP port free on 127.0.0.1 right now (the kernel picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** GET http://127.0.0.1:port/path, retried until the server answers (loopback only, by design). */
export async function httpGetLoopback(
  port: number,
  path = '/',
  timeoutMs = 10_000,
): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path, timeout: 2000 }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Removes every container and image whose name starts with `prefix` (best effort, for afterAll). */
export async function removeByPrefix(engine: EngineClient, prefix: string): Promise<void> {
  const containers = await engine.listContainers({ all: true });
  for (const c of containers) {
    if ((c.Names ?? []).some((n) => n.replace(/^\//, '').startsWith(prefix))) {
      await engine
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined);
    }
  }
  const images = await engine.listImages();
  for (const img of images) {
    for (const tag of img.RepoTags ?? []) {
      if (tag.startsWith(prefix))
        await engine
          .getImage(tag)
          .remove()
          .catch(() => undefined);
    }
  }
}
