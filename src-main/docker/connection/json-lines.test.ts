import { describe, expect, it } from 'vitest';
import { JsonLinesDecoder } from './json-lines';

describe('JsonLinesDecoder', () => {
  it('joins lines split across chunks, even inside a UTF-8 character', () => {
    const d = new JsonLinesDecoder();
    const bytes = Buffer.from('{"a":1}\n{"name":"café"}\n{"b"');
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of é
    expect(d.push(bytes.subarray(0, 3))).toEqual([]);
    expect(d.push(bytes.subarray(3, cut))).toEqual([{ a: 1 }]);
    expect(d.push(bytes.subarray(cut))).toEqual([{ name: 'café' }]);
    expect(d.push(':2}\r\n\n')).toEqual([{ b: 2 }]);
  });

  it('reports and skips a bad line, and keeps going', () => {
    const bad: string[] = [];
    const d = new JsonLinesDecoder((line) => bad.push(line));
    expect(d.push('{"ok":1}\nnot json\n{"ok":2}\n')).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(bad).toEqual(['not json']);
  });

  it('yields a last line without a newline at the end', () => {
    const d = new JsonLinesDecoder();
    expect(d.push('{"x":1}')).toEqual([]);
    expect(d.end()).toEqual([{ x: 1 }]);
  });

  it('drops an over-long line instead of buffering it forever', () => {
    const bad: string[] = [];
    const d = new JsonLinesDecoder((line) => bad.push(line));
    d.push('"' + 'x'.repeat((1 << 20) + 10));
    expect(bad).toHaveLength(1);
    expect(d.push('yyy"\n{"after":true}\n')).toEqual([{ after: true }]);
  });
});
