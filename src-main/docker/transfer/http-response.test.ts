import { describe, expect, it } from 'vitest';
import { HttpResponseDecoder, type ResponseHead } from './http-response';

interface Seen {
  head: ResponseHead | null;
  body: Buffer;
  ended: boolean;
}

/** Feeds `wire` cut at the given offsets (each piece a separate buffer), then closes if asked. */
function decode(wire: string | Buffer, cuts: number[] = [], close = false): Seen {
  const bytes = typeof wire === 'string' ? Buffer.from(wire, 'latin1') : wire;
  const seen: Seen = { head: null, body: Buffer.alloc(0), ended: false };
  const parts: Buffer[] = [];
  const d = new HttpResponseDecoder({
    head: (h) => (seen.head = h),
    data: (span) => parts.push(Buffer.from(span)),
    end: () => (seen.ended = true),
  });
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    d.feed(bytes.subarray(at, c));
    at = c;
  }
  if (close) d.close();
  seen.body = Buffer.concat(parts);
  return seen;
}

const chunked =
  'HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '5\r\nhello\r\n1a;ext=1\r\n, a body in several chunks\r\n0\r\nX-Trailer: y\r\n\r\n';

describe('HttpResponseDecoder', () => {
  it('decodes a chunked body, its head and the end, cut at every single offset', () => {
    for (let cut = 0; cut <= chunked.length; cut++) {
      const seen = decode(chunked, [cut]);
      expect(seen.head?.status).toBe(200);
      expect(seen.head?.headers.get('content-type')).toBe('application/x-tar');
      expect(seen.body.toString()).toBe('hello, a body in several chunks');
      expect(seen.ended).toBe(true);
    }
  });

  it('decodes it fed one byte at a time', () => {
    const seen = decode(chunked, [...Array(chunked.length).keys()]);
    expect(seen.body.toString()).toBe('hello, a body in several chunks');
    expect(seen.ended).toBe(true);
  });

  it('hands out spans of the fed buffer, not copies', () => {
    const wire = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd');
    const spans: Buffer[] = [];
    const d = new HttpResponseDecoder({
      head: () => undefined,
      data: (s) => spans.push(s),
      end: () => undefined,
    });
    d.feed(wire);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.buffer).toBe(wire.buffer);
  });

  it('stops a Content-Length body at its length and ignores what follows', () => {
    const seen = decode('HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nabcEXTRA', [20, 40]);
    expect(seen.head?.status).toBe(404);
    expect(seen.body.toString()).toBe('abc');
    expect(seen.ended).toBe(true);
  });

  it('reads a body without framing until the connection closes', () => {
    const seen = decode('HTTP/1.0 200 OK\r\n\r\nall of it', [], true);
    expect(seen.body.toString()).toBe('all of it');
    expect(seen.ended).toBe(true);
  });

  it('skips an interim 100 Continue and ends a 204 at once', () => {
    const seen = decode('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nA: 1\r\nA: 2\r\n\r\n');
    expect(seen.head?.status).toBe(204);
    expect(seen.head?.headers.get('a')).toBe('1, 2');
    expect(seen.ended).toBe(true);
  });

  it('throws when the connection closes before the last chunk, or before any answer', () => {
    const cut = chunked.indexOf('0\r\n');
    expect(() => decode(chunked.slice(0, cut), [], true)).toThrow(/before the end of the response/);
    expect(() => decode('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc', [], true)).toThrow(
      /before the end of the response/,
    );
    expect(() => decode('HTTP/1.1 20', [], true)).toThrow(/before answering/);
  });

  it('refuses malformed framing', () => {
    expect(() => decode('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')).toThrow(
      /bad chunk size/,
    );
    expect(() => decode('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n')).toThrow(
      /chunk longer than its size/,
    );
    expect(() => decode('SMTP ready\r\n\r\n')).toThrow(/bad status line/);
    expect(() => decode('HTTP/1.1 200 OK\r\nno colon\r\n\r\n')).toThrow(/bad header line/);
    expect(() => decode('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n')).toThrow(/bad Content-Length/);
    expect(() => decode(Buffer.alloc(70 * 1024, 65))).toThrow(/oversized response head/);
  });
});
