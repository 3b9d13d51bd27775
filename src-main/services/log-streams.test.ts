import { describe, expect, it } from 'vitest';
import { ChunkCoalescer } from './log-streams';

describe('ChunkCoalescer', () => {
  it('merges everything a stream wrote between flushes into one chunk per stream', () => {
    const c = new ChunkCoalescer();
    c.add('stdout', Buffer.from('a\n'));
    c.add('stderr', Buffer.from('e\n'));
    c.add('stdout', Buffer.from('b\n'));
    expect(c.size()).toBe(6);
    expect(c.take()).toEqual([
      { stream: 'stdout', text: 'a\nb\n' },
      { stream: 'stderr', text: 'e\n' },
    ]);
    expect(c.take()).toEqual([]);
    expect(c.size()).toBe(0);
  });

  it('holds back a cut multi-byte character until its rest arrives', () => {
    const c = new ChunkCoalescer();
    const e = Buffer.from('é');
    c.add('stdout', e.subarray(0, 1));
    expect(c.take()).toEqual([]);
    c.add('stdout', e.subarray(1));
    expect(c.take()).toEqual([{ stream: 'stdout', text: 'é' }]);
  });
});
