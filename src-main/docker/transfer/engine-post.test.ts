// enginePostFile and the load over it, against a stand-in engine on a unix socket (the real engine
// is in the integration tests: transfer-archive, transfer-reliability).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { END_OF_ARCHIVE, fileHeader, paddingFor } from '../../services/convert-archive-tar';
import { createEngineClient } from '../engine-client';
import { EngineHttpError, type PlainTarget } from './engine-get';
import { enginePostFile, type PostAnswer, type PostFile } from './engine-post';
import { consumeJsonStream } from './json-stream';
import { loadImagesFromFile } from './load-images';

const dirs: string[] = [];
const servers: net.Server[] = [];
const handles: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close().catch(() => undefined);
  for (const s of servers.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tempDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-engine-post-'));
  dirs.push(dir);
  return dir;
};

/** What the stand-in saw of a request: its head, and the body bytes as they arrive. */
interface Seen {
  head: string;
  body: Buffer[];
  bodyBytes: number;
}

/**
 * A server that calls `onHead` once a request's head is in, then `onBody` for each piece of its
 * body (with what has been seen so far).
 */
async function standIn(
  onHead: (socket: net.Socket, seen: Seen) => void,
  onBody: (socket: net.Socket, seen: Seen) => void = () => undefined,
): Promise<{ target: PlainTarget; sock: string }> {
  const sock = path.join(tempDir(), 's.sock');
  const server = net.createServer((socket) => {
    let raw = Buffer.alloc(0);
    let seen: Seen | null = null;
    socket.on('data', (d: Buffer) => {
      if (seen) {
        seen.body.push(d);
        seen.bodyBytes += d.length;
        onBody(socket, seen);
        return;
      }
      raw = Buffer.concat([raw, d]);
      const at = raw.indexOf('\r\n\r\n');
      if (at < 0) return;
      const rest = raw.subarray(at + 4);
      seen = { head: raw.subarray(0, at).toString('latin1'), body: [rest], bodyBytes: rest.length };
      onHead(socket, seen);
      if (rest.length > 0) onBody(socket, seen);
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(sock, r));
  return { target: { kind: 'socket', path: sock, prefix: '/v1.41' }, sock };
}

const lengthOf = (head: string): number => Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]);

/** Answers with `lines` (chunked, as the engine does) once the whole body is in. */
const answerWhenRead =
  (lines: string[]) =>
  (socket: net.Socket, seen: Seen): void => {
    if (seen.bodyBytes < lengthOf(seen.head)) return;
    const text = lines.map((l) => `${l}\n`).join('');
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    socket.end(`${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n0\r\n\r\n`);
  };

async function fileOf(data: Buffer): Promise<PostFile & { path: string }> {
  const file = path.join(tempDir(), 'f.tar');
  writeFileSync(file, data);
  const handle = await open(file, 'r');
  handles.push(handle);
  return { path: file, handle, size: data.length, contentType: 'application/x-tar' };
}

const sha = (b: Buffer | Buffer[]): string =>
  createHash('sha256')
    .update(Array.isArray(b) ? Buffer.concat(b) : b)
    .digest('hex');

/**
 * Posts a 16 MiB file to a stand-in that, past 2 MiB, sends `reply` (if any) and closes the
 * connection between a file read and the socket write that follows it: that write then fails
 * (EPIPE or ECONNRESET) while the reply is still unread, the race made certain.
 */
async function closedBetweenReadAndWrite(
  reply: string | null,
): Promise<{ answer: Promise<PostAnswer>; sent: () => number }> {
  let engine: { socket: net.Socket; seen: Seen } | null = null;
  const { target } = await standIn(
    () => undefined,
    (socket, seen) => (engine = { socket, seen }),
  );
  const file = await fileOf(randomBytes(16 << 20));
  let sent = 0;
  const read = file.handle.read.bind(file.handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
  file.handle.read = (async (...args: unknown[]) => {
    const result = await read(...args);
    if (sent >= 2 << 20 && engine && !engine.socket.destroyed) {
      const { socket, seen } = engine;
      // Once the stand-in has all that was written, the next write goes to the socket at once.
      while (seen.bodyBytes < sent) await new Promise((r) => setImmediate(r));
      if (reply !== null) socket.write(reply);
      socket.destroy();
    }
    return result;
  }) as typeof file.handle.read;
  const answer = enginePostFile(target, '/images/load', file, { onSent: (n) => (sent = n) });
  answer.catch(() => undefined);
  return { answer, sent: () => sent };
}

describe('enginePostFile', () => {
  it('sends the whole file under a Content-Length, with the API prefix, and hands over the answer', async () => {
    const data = randomBytes((5 << 20) + 12345);
    let seen: Seen | null = null;
    const { target } = await standIn(
      (_s, s) => (seen = s),
      answerWhenRead(['{"stream":"Loaded image: a:1"}']),
    );
    const file = await fileOf(data);
    const sent: number[] = [];
    const answer = await enginePostFile(target, '/images/load?quiet=1', file, {
      onSent: (n) => sent.push(n),
    });
    const messages: unknown[] = [];
    const outcome = await consumeJsonStream(answer, (m) => messages.push(m));
    expect(seen!.head.split('\r\n')[0]).toBe('POST /v1.41/images/load?quiet=1 HTTP/1.1');
    expect(seen!.head).toMatch(/\r\nContent-Type: application\/x-tar\r\n/);
    expect(lengthOf(seen!.head)).toBe(data.length);
    expect(seen!.head).not.toMatch(/transfer-encoding/i);
    expect(sha(seen!.body)).toBe(sha(data));
    expect(sent.at(-1)).toBe(data.length);
    expect(messages).toEqual([{ stream: 'Loaded image: a:1' }]);
    expect(outcome.error).toBeNull();
  });

  it('reads the file no further ahead than the engine takes it', async () => {
    const data = randomBytes(40 << 20);
    let sentWhilePaused = -1;
    let sent = 0;
    const { target } = await standIn((socket, seen) => {
      socket.pause();
      setTimeout(() => {
        sentWhilePaused = sent;
        socket.resume();
      }, 300);
      socket.on('data', () => answerWhenRead(['{"stream":"ok"}'])(socket, seen));
    });
    const file = await fileOf(data);
    const answer = await enginePostFile(target, '/images/load', file, { onSent: (n) => (sent = n) });
    await consumeJsonStream(answer, () => undefined);
    // 4 pieces of 1 MiB, plus what the kernel's socket buffers hold; far from the 40 MiB.
    expect(sentWhilePaused).toBeGreaterThan(0);
    expect(sentWhilePaused).toBeLessThan(8 << 20);
    expect(sent).toBe(data.length);
  });

  it('rejects an error status with the engine message, even before the body is sent', async () => {
    const { target } = await standIn((socket) => {
      const msg = JSON.stringify({ message: 'bad parameter' });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Length: ${msg.length}\r\n\r\n${msg}`);
    });
    const file = await fileOf(randomBytes(3 << 20));
    const err = await enginePostFile(target, '/images/load', file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineHttpError);
    expect(err).toMatchObject({ statusCode: 400, json: { message: 'bad parameter' } });
  });

  it("reports the engine's refusal, not the write error, when it answers and closes mid-upload", async () => {
    const msg = JSON.stringify({ message: 'archive refused: not a tar' });
    const post = await closedBetweenReadAndWrite(
      `HTTP/1.1 500 Internal Server Error\r\nContent-Length: ${msg.length}\r\n\r\n${msg}`,
    );
    const err = await post.answer.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineHttpError);
    expect(err).toMatchObject({ statusCode: 500, message: '(HTTP code 500) archive refused: not a tar' });
    expect(post.sent()).toBeLessThan(16 << 20);
  });

  it('hands over the in-stream error of an HTTP 200 sent with the close (as dockerd refuses a load)', async () => {
    const text = '{"errorDetail":{"message":"flate: corrupt input"},"error":"flate: corrupt input"}\n';
    const post = await closedBetweenReadAndWrite(
      `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${text.length.toString(16)}\r\n${text}\r\n0\r\n\r\n`,
    );
    const outcome = await consumeJsonStream(await post.answer, () => undefined);
    expect(outcome.error).toEqual({ message: 'flate: corrupt input' });
  });

  it('reports the write error when the engine closes mid-upload without answering', async () => {
    const post = await closedBetweenReadAndWrite(null);
    await expect(post.answer).rejects.toMatchObject({ syscall: 'write', code: /^(EPIPE|ECONNRESET)$/ });
  });

  it('fails when the engine drops the connection mid-upload', async () => {
    const { target } = await standIn(
      () => undefined,
      (socket, seen) => {
        if (seen.bodyBytes > 1 << 20) socket.destroy();
      },
    );
    const file = await fileOf(randomBytes(16 << 20));
    await expect(enginePostFile(target, '/images/load', file)).rejects.toThrow(
      /EPIPE|ECONNRESET|closed the connection/,
    );
  });

  it('stops with an AbortError when its signal fires, and closes the connection', async () => {
    let server: net.Socket | null = null;
    const { target } = await standIn((socket) => {
      server = socket.pause();
    });
    const file = await fileOf(randomBytes(16 << 20));
    const c = new AbortController();
    setTimeout(() => c.abort(), 50);
    await expect(enginePostFile(target, '/images/load', file, { signal: c.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    // The stand-in, reading again, sees the connection end.
    const ended = new Promise<void>((r) => server!.on('close', () => r()));
    server!.resume();
    await ended;
    expect(server!.destroyed).toBe(true);
  });

  it('fails when the file is shorter than the length announced', async () => {
    const { target } = await standIn(() => undefined);
    const file = await fileOf(randomBytes(1000));
    await expect(enginePostFile(target, '/images/load', { ...file, size: 5000 })).rejects.toThrow(
      /file got shorter while it was sent \(1000 of 5000 bytes\)/,
    );
  });
});

describe('loadImagesFromFile over the plain socket', () => {
  const tar = (): Buffer => {
    const body = Buffer.from('[]');
    return Buffer.concat([
      fileHeader('manifest.json', body.length),
      body,
      paddingFor(body.length),
      END_OF_ARCHIVE,
    ]);
  };

  it('reports the loaded tags and IDs the engine names', async () => {
    const id = `sha256:${'a'.repeat(64)}`;
    const { sock } = await standIn(
      () => undefined,
      answerWhenRead(['{"stream":"Loaded image: a/b:1\\n"}', `{"stream":"Loaded image ID: ${id}\\n"}`]),
    );
    const file = await fileOf(tar());
    const progress: number[] = [];
    const out = await loadImagesFromFile(createEngineClient(`unix://${sock}`), file.path, {
      onProgress: (p) => progress.push(p.bytesDone),
    });
    expect(out).toEqual({ loaded: ['a/b:1', id], converted: false });
    expect(progress.at(-1)).toBe(file.size);
  });

  it('raises the error the engine reports inside its HTTP 200 answer', async () => {
    const { sock } = await standIn(
      () => undefined,
      answerWhenRead(['{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}']),
    );
    const file = await fileOf(tar());
    await expect(loadImagesFromFile(createEngineClient(`unix://${sock}`), file.path)).rejects.toMatchObject({
      code: 'BAD_ARCHIVE',
      message: 'The engine refused f.tar: unexpected EOF',
    });
  });
});
