import { describe, expect, it } from 'vitest';
import { layoutDag } from './dag-layout';
import { dotQuote, edgePath, toDot, toSvg, xmlEscape } from './export-graph';

describe('DOT export', () => {
  it('escapes quotes, backslashes and line breaks', () => {
    expect(dotQuote('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
  it('writes every node and edge with quoted ids', () => {
    const dot = toDot(
      [
        { id: 'repo:1.0', kind: 'tag', label: 'repo:1.0' },
        { id: 'sha256:abc', kind: 'image', label: 'abc' },
        { id: 'sha256:def', kind: 'image', label: 'def "x"' },
      ],
      [
        { from: 'repo:1.0', to: 'sha256:abc', kind: 'tag' },
        { from: 'sha256:abc', to: 'sha256:def', kind: 'base' },
      ],
    );
    expect(dot.startsWith('digraph "images" {\n  rankdir=LR;')).toBe(true);
    expect(dot).toContain('"repo:1.0" [label="repo:1.0", shape=box');
    expect(dot).toContain('"sha256:def" [label="def \\"x\\""');
    expect(dot).toContain('"repo:1.0" -> "sha256:abc";');
    expect(dot).toContain('"sha256:abc" -> "sha256:def" [label="built on", style=dashed];');
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });
});

describe('SVG export', () => {
  it('escapes XML', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
  it('draws a path through every point', () => {
    expect(
      edgePath([
        [0, 0],
        [10, 20],
      ]),
    ).toBe('M0.0,0.0 C5.0,0.0 5.0,20.0 10.0,20.0');
    expect(edgePath([])).toBe('');
  });
  it('builds a document with one rect and text per node, one path per edge, sized to the layout', () => {
    const layout = layoutDag(
      [
        { id: 'a<b>:1', kind: 'tag', label: 'a<b>:1' },
        { id: 'sha256:1', kind: 'image', label: '1' },
        { id: 'sha256:2', kind: 'image', label: '2' },
      ],
      [{ from: 'a<b>:1', to: 'sha256:1', kind: 'tag' }],
    );
    const svg = toSvg(layout, { isDangling: (id) => id === 'sha256:2' });
    expect(svg).toMatch(
      new RegExp(
        `^<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(layout.width)}" height="${Math.ceil(layout.height)}"`,
      ),
    );
    expect(svg.match(/<g><title>/g)).toHaveLength(3);
    expect(svg.match(/<path d="M[\d.]+,[\d.]+ C/g)).toHaveLength(1);
    expect(svg).toContain('>a&lt;b&gt;:1</text>');
    expect(svg).not.toContain('a<b>');
    expect(svg).toContain('fill="#fbe3e3"'); // the dangling image
  });
});
