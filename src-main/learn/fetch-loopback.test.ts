import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchLoopback, MAX_PAGE_BYTES } from './fetch-loopback';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(MAX_PAGE_BYTES * 2));
    } else if (req.url === '/moved') {
      res.writeHead(302, { location: 'http://10.0.0.1/' });
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<h1>hello</h1>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('fetchLoopback', () => {
  it('answers the status, type and body of a loopback page', async () => {
    expect(await fetchLoopback(`${base}/`)).toEqual({
      url: `${base}/`,
      status: 200,
      contentType: 'text/html',
      body: '<h1>hello</h1>',
      truncated: false,
    });
  });

  it('cuts a big body at 64 KiB and says so', async () => {
    const page = await fetchLoopback(`${base}/big`);
    expect(page.body).toHaveLength(MAX_PAGE_BYTES);
    expect(page.truncated).toBe(true);
  });

  it('does not follow a redirect (it could lead off this machine)', async () => {
    expect(await fetchLoopback(`${base}/moved`)).toMatchObject({ status: 302, body: '' });
  });

  it('refuses another host before connecting, and names a port nothing listens on', async () => {
    await expect(fetchLoopback('http://192.168.0.1:8001/')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(fetchLoopback(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
