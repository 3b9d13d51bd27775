// engineGet against a stand-in HTTP server on a unix socket (the real engine is in the integration tests).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHttpError, engineGet, plainTargetOf, type PlainTarget } from './engine-get';
import { createEngineClient } from '../engine-client';

const dirs: string[] = [];
const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A server that answers every connection with `answer(socket, requestText)`. */
async function standIn(answer: (socket: net.Socket, request: string) => void): Promise<PlainTarget> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-engine-get-'));
  dirs.push(dir);
  const sock = path.join(dir, 's.sock');
  const server = net.createServer((socket) => {
    let req = '';
    socket.on('data', (d) => {
      req += d.toString('latin1');
      if (req.includes('\r\n\r\n')) answer(socket, req);
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(sock, r));
  return { kind: 'socket', path: sock, prefix: '/v1.41' };
}

const chunk = (b: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);

describe('engineGet', () => {
  it('streams a chunked body whole, in order, with the API prefix on the path', async () => {
    const data = randomBytes(3 << 20);
    let request = '';
    const target = await standIn((s, req) => {
      request = req;
      s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      for (let i = 0; i < data.length; i += 40_000) s.write(chunk(data.subarray(i, i + 40_000)));
      s.end('0\r\n\r\n');
    });
    const body = await engineGet(target, '/images/get?names=a%3A1', { recycle: true });
    expect(body.head.status).toBe(200);
    const hash = createHash('sha256');
    let batches = 0;
    for await (const batch of body) {
      batches++;
      for (const span of batch) hash.update(span);
    }
    expect(request.startsWith('GET /v1.41/images/get?names=a%3A1 HTTP/1.1\r\n')).toBe(true);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    expect(batches).toBeGreaterThan(0);
  });

  it('holds back a fast engine for a slow consumer (pauses reading) and loses nothing', async () => {
    const data = randomBytes(40 << 20);
    const target = await standIn((s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: ' + data.length + '\r\n\r\n');
      s.end(data);
    });
    const body = await engineGet(target, '/x', { recycle: true });
    const hash = createHash('sha256');
    let biggest = 0;
    let first = true;
    for await (const batch of body) {
      if (first) await new Promise((r) => setTimeout(r, 300));
      first = false;
      biggest = Math.max(
        biggest,
        batch.reduce((n, b) => n + b.length, 0),
      );
      for (const span of batch) hash.update(span);
    }
    expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    // Reading stopped at the limit (16 MiB plus the read in progress) instead of taking all 40 MiB.
    expect(biggest).toBeLessThan(17 << 20);
  });

  it('rejects an error status with the engine message, shaped for toAppError', async () => {
    const target = await standIn((s) => {
      const msg = JSON.stringify({ message: 'reference does not exist' });
      s.end(
        `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${msg.length}\r\n\r\n${msg}`,
      );
    });
    const err = await engineGet(target, '/images/get?names=nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineHttpError);
    expect(err).toMatchObject({ statusCode: 404, json: { message: 'reference does not exist' } });
  });

  it('fails the iteration when the connection drops mid-body', async () => {
    const target = await standIn((s) => {
      s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      s.write(chunk(Buffer.alloc(1000, 1)));
      setTimeout(() => s.destroy(), 20);
    });
    const body = await engineGet(target, '/x');
    let got = 0;
    await expect(
      (async () => {
        for await (const batch of body) for (const span of batch) got += span.length;
      })(),
    ).rejects.toThrow(/closed the connection before the end/);
    expect(got).toBe(1000);
  });

  it('rejects with the system error when nothing listens', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-engine-get-'));
    dirs.push(dir);
    const err = await engineGet(
      { kind: 'socket', path: path.join(dir, 'none.sock'), prefix: '' },
      '/x',
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOENT' });
  });

  it('stops with an AbortError when its signal fires', async () => {
    const target = await standIn((s) => s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'));
    const c = new AbortController();
    const body = await engineGet(target, '/x', { signal: c.signal });
    setTimeout(() => c.abort(), 10);
    await expect(
      (async () => {
        for await (const _ of body) void _;
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('plainTargetOf', () => {
  it('takes unix sockets and plain tcp, and leaves TLS to dockerode', async () => {
    expect(await plainTargetOf(createEngineClient('unix:///run/x.sock'))).toEqual({
      kind: 'socket',
      path: '/run/x.sock',
      prefix: '',
    });
    expect(await plainTargetOf(createEngineClient('tcp://127.0.0.1:2375'))).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 2375,
      prefix: '',
    });
    expect(
      await plainTargetOf(
        createEngineClient({ kind: 'tcp', host: '127.0.0.1', port: 2376, tls: { verify: false } }),
      ),
    ).toBeNull();
  });
});
