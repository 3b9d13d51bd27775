import { describe, expect, it } from 'vitest';
import type { ImageGraph } from '../../src-shared/images-dto';
import { dotString, formatDot, formatTree } from './graph';

const graph: ImageGraph = {
  nodes: [
    { id: 'sha256:base', kind: 'image', label: 'base' },
    { id: 'b:1', kind: 'tag', label: 'b:1' },
    { id: 'sha256:app', kind: 'image', label: 'app' },
    { id: 'a:"x"', kind: 'tag', label: 'a:"x"' },
    { id: 'sha256:dang', kind: 'image', label: 'dang' },
  ],
  edges: [
    { from: 'b:1', to: 'sha256:base', kind: 'tag' },
    { from: 'a:"x"', to: 'sha256:app', kind: 'tag' },
    { from: 'sha256:app', to: 'sha256:base', kind: 'base' },
    { from: 'sha256:dang', to: 'sha256:base', kind: 'base' },
  ],
};

describe('dotString', () => {
  it('escapes quotes, backslashes and line breaks', () => {
    expect(dotString('a"b')).toBe('"a\\"b"');
    expect(dotString('a\\b')).toBe('"a\\\\b"');
    expect(dotString('a\nb')).toBe('"a\\nb"');
    expect(dotString('x\\"')).toBe('"x\\\\\\""');
  });
});

describe('formatDot', () => {
  it('writes a digraph with one statement per node and edge, every ID quoted', () => {
    const dot = formatDot(graph);
    const lines = dot.trim().split('\n');
    expect(lines[0]).toBe('digraph strata {');
    expect(lines.at(-1)).toBe('}');
    expect(lines.filter((l) => /^ {2}".*" \[label=.*\];$/.test(l))).toHaveLength(graph.nodes.length);
    expect(lines.filter((l) => / -> /.test(l))).toHaveLength(graph.edges.length);
    expect(dot).toContain('"a:\\"x\\"" -> "sha256:app"');
    // Balanced quotes on every line, once escapes are removed.
    for (const l of lines) expect((l.replace(/\\./g, '').match(/"/g) ?? []).length % 2).toBe(0);
  });
});

describe('formatTree', () => {
  it('puts base images at the roots and built-on images below, dangling ones marked', () => {
    const tree = formatTree(graph);
    expect(tree).toBe(['base  b:1', '├── app  a:"x"', '└── dang  <none> (dangling)', ''].join('\n'));
  });

  it('says so when there are no images', () => {
    expect(formatTree({ nodes: [], edges: [] })).toBe('No local images.\n');
  });
});
