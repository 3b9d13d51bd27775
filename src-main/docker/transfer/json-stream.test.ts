import { describe, expect, it } from 'vitest';
import { consumeJsonStream, LineSplitter, messageError, parseMessage } from './json-stream';
import { LayerProgress } from './layer-progress';
import { loadedFrom } from './load-images';
import { registryError } from './pull-push';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield Buffer.from(p);
}

describe('engine JSON streams', () => {
  it('splits lines across chunk boundaries, CRLF included, and keeps a multi-byte character whole', () => {
    const s = new LineSplitter();
    const euro = Buffer.from('{"stream":"€"}\r\n{"a":');
    expect(s.push(euro.subarray(0, 12))).toEqual([]);
    expect(s.push(euro.subarray(12))).toEqual(['{"stream":"€"}']);
    expect(s.push(Buffer.from('1}\n\n'))).toEqual(['{"a":1}']);
    expect(s.end()).toEqual([]);
  });

  it('reports the first in-stream error though the HTTP status was 200', async () => {
    const seen: unknown[] = [];
    const out = await consumeJsonStream(
      chunks(
        '{"stream":"Loading"}\n{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}\n',
        '{"error":"later"}',
      ),
      (m) => seen.push(m),
    );
    expect(out).toEqual({ messages: 3, error: { message: 'unexpected EOF' } });
    expect(seen).toHaveLength(3);
  });

  it('keeps a line that is not JSON as text and reads error codes', () => {
    expect(parseMessage('plain text')).toEqual({ stream: 'plain text' });
    expect(messageError({ error: 'x', errorDetail: { message: 'y', code: 7 } })).toEqual({
      message: 'y',
      code: 7,
    });
    expect(messageError({ status: 'ok' })).toBeNull();
  });

  it('reads loaded tags and IDs from the load output', () => {
    expect(loadedFrom({ stream: 'Loaded image: strata-test/layers:1.0\n' })).toBe('strata-test/layers:1.0');
    expect(loadedFrom({ stream: `Loaded image ID: sha256:${'a'.repeat(64)}\n` })).toBe(
      `sha256:${'a'.repeat(64)}`,
    );
    expect(loadedFrom({ stream: 'Loading layer 1/2' })).toBeNull();
  });

  it('maps registry errors to codes the window can act on', () => {
    expect(registryError('manifest for x:y not found: manifest unknown', 'Pulling').code).toBe('NOT_FOUND');
    expect(registryError('unauthorized: authentication required', 'Pushing').code).toBe('INVALID_ARGUMENT');
    expect(registryError('disk full', 'Pulling').code).toBe('INTERNAL');
  });
});

describe('LayerProgress', () => {
  it('sums transfer bytes over the layers seen and counts finished layers as done', () => {
    const p = new LayerProgress();
    expect(p.update({ status: 'Pulling from strata/x', id: '1.0' })).toBe('status');
    expect(p.update({ id: 'aaaaaaaaaaaa', status: 'Pulling fs layer', progressDetail: {} })).toBe('status');
    expect(
      p.update({ id: 'aaaaaaaaaaaa', status: 'Downloading', progressDetail: { current: 100, total: 1000 } }),
    ).toBe('status');
    expect(
      p.update({ id: 'aaaaaaaaaaaa', status: 'Downloading', progressDetail: { current: 400, total: 1000 } }),
    ).toBe('bytes');
    p.update({ id: 'bbbbbbbbbbbb', status: 'Downloading', progressDetail: { current: 50, total: 500 } });
    expect(p.snapshot()).toEqual({
      bytesDone: 450,
      bytesTotal: 1500,
      layers: 2,
      current: 'bbbbbbbbbbbb: Downloading',
    });
    // Extraction re-reads the same bytes: the download counts as done, nothing is added.
    p.update({ id: 'aaaaaaaaaaaa', status: 'Extracting', progressDetail: { current: 10, total: 2000 } });
    p.update({ id: 'bbbbbbbbbbbb', status: 'Pull complete', progressDetail: {} });
    p.update({ id: 'cccccccccccc', status: 'Already exists', progressDetail: {} });
    expect(p.snapshot()).toMatchObject({ bytesDone: 1500, bytesTotal: 1500, layers: 3 });
  });

  it('never goes backwards or past the total, and ignores messages without an id', () => {
    const p = new LayerProgress();
    p.update({ id: 'dddddddddddd', status: 'Pushing', progressDetail: { current: 700, total: 600 } });
    p.update({ id: 'dddddddddddd', status: 'Pushing', progressDetail: { current: 300, total: 600 } });
    expect(p.snapshot()).toMatchObject({ bytesDone: 600, bytesTotal: 600 });
    expect(p.update({ status: 'digest: sha256:...' })).toBeNull();
    p.update({ id: 'eeeeeeeeeeee', status: 'Mounted from strata/other', progressDetail: {} });
    expect(p.snapshot()).toMatchObject({ layers: 2, bytesDone: 600 });
  });
});
