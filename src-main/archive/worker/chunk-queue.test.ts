import { describe, expect, it } from 'vitest';
import { ChunkQueue } from './chunk-queue';

describe('ChunkQueue', () => {
  it('yields pushed chunks in order, acks every N bytes read, and ends', async () => {
    const acks: number[] = [];
    const q = new ChunkQueue((b) => acks.push(b), 4);
    const read = (async () => {
      const got: string[] = [];
      for await (const c of q) got.push(c.toString());
      return got;
    })();
    q.push(Buffer.from('ab'));
    q.push(Buffer.from('cd'));
    await new Promise((r) => setTimeout(r, 0));
    q.push(Buffer.from('ef'));
    q.end();
    expect(await read).toEqual(['ab', 'cd', 'ef']);
    expect(acks).toEqual([4]);
  });

  it('fails the reader on an error end or a cancel', async () => {
    const q = new ChunkQueue(() => {});
    q.push(Buffer.from('x'));
    q.end(new Error('broken'));
    await expect((async () => { for await (const _ of q) void _; })()).rejects.toThrow('broken'); // prettier-ignore
    const c = new ChunkQueue(() => {});
    const pending = (async () => { for await (const _ of c) void _; })(); // prettier-ignore
    c.fail(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
  });
});
