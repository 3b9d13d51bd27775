import { describe, expect, it } from 'vitest';
import { LogLineCollector } from './log-lines';

const piece = (stream: 'stdout' | 'stderr', text: string | Buffer) => ({
  stream,
  bytes: typeof text === 'string' ? Buffer.from(text) : text,
});

describe('LogLineCollector', () => {
  it('joins lines and characters split across pieces, per stream', () => {
    const c = new LogLineCollector(false, 1 << 20);
    const e = Buffer.from('é\n');
    c.push(piece('stdout', 'hel'));
    c.push(piece('stderr', 'oops\n'));
    c.push(piece('stdout', Buffer.concat([Buffer.from('lo '), e.subarray(0, 1)])));
    c.push(piece('stdout', e.subarray(1)));
    c.push(piece('stdout', 'tail without newline'));
    expect(c.finish()).toEqual([
      { stream: 'stderr', text: 'oops' },
      { stream: 'stdout', text: 'hello é' },
      { stream: 'stdout', text: 'tail without newline' },
    ]);
  });

  it('splits off the engine’s timestamps', () => {
    const c = new LogLineCollector(true, 1 << 20);
    c.push(piece('stdout', '2026-11-28T04:37:44.933658376Z out\r\nno stamp\n'));
    expect(c.finish()).toEqual([
      { stream: 'stdout', text: 'out', time: '2026-11-28T04:37:44.933658376Z' },
      { stream: 'stdout', text: 'no stamp' },
    ]);
  });

  it('keeps the newest lines within its budget and says it dropped some', () => {
    const c = new LogLineCollector(false, 500);
    for (let i = 0; i < 100; i++) c.push(piece('stdout', `line ${i}\n`));
    const lines = c.finish();
    expect(c.truncated).toBe(true);
    expect(lines.length).toBeLessThan(100);
    expect(lines[lines.length - 1]).toEqual({ stream: 'stdout', text: 'line 99' });
  });
});
