import { describe, expect, it } from 'vitest';
import type { ImageGraph } from '../../../src-shared/images-dto';
import { chainToBase, danglingImages, imageOf, pathDown, tagsOf } from './graph-model';

const g: ImageGraph = {
  nodes: [
    { id: 'busybox:base', kind: 'tag', label: 'busybox:base' },
    { id: 'B', kind: 'image', label: 'B' },
    { id: 'l:1.0', kind: 'tag', label: 'l:1.0' },
    { id: 'l:latest', kind: 'tag', label: 'l:latest' },
    { id: 'L', kind: 'image', label: 'L' },
    { id: 'C', kind: 'image', label: 'C' },
    { id: 'D', kind: 'image', label: 'D' },
  ],
  edges: [
    { from: 'busybox:base', to: 'B', kind: 'tag' },
    { from: 'l:1.0', to: 'L', kind: 'tag' },
    { from: 'l:latest', to: 'L', kind: 'tag' },
    { from: 'L', to: 'B', kind: 'base' },
    { from: 'C', to: 'L', kind: 'base' },
  ],
};

describe('graph model', () => {
  it('resolves tags to images and walks down to the base', () => {
    expect(imageOf(g, 'l:1.0')).toBe('L');
    expect(imageOf(g, 'B')).toBe('B');
    expect(imageOf(g, 'nope')).toBeNull();
    expect(chainToBase(g, 'C')).toEqual(['C', 'L', 'B']);
    expect(tagsOf(g, 'L')).toEqual(['l:1.0', 'l:latest']);
  });
  it('highlights the path from a tag down to the base', () => {
    const p = pathDown(g, 'l:latest');
    expect([...p.nodes].sort()).toEqual(['B', 'L', 'l:latest']);
    expect([...p.edges].sort()).toEqual(['L->B', 'l:latest->L']);
  });
  it('marks images no tag names as dangling', () => {
    expect([...danglingImages(g)].sort()).toEqual(['C', 'D']);
  });
  it('survives a cycle', () => {
    const cyc: ImageGraph = {
      nodes: [
        { id: 'a', kind: 'image', label: 'a' },
        { id: 'b', kind: 'image', label: 'b' },
      ],
      edges: [
        { from: 'a', to: 'b', kind: 'base' },
        { from: 'b', to: 'a', kind: 'base' },
      ],
    };
    expect(chainToBase(cyc, 'a')).toEqual(['a', 'b']);
  });
});
