import { describe, expect, it } from 'vitest';
import type { ImageGraph } from '../../../src-shared/images-dto';
import type { ArchiveAnalysis } from '../../../src-shared/archive-analysis';
import { chainToBase, danglingImages, graphFromAnalysis, imageOf, pathDown, tagsOf } from './graph-model';

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
  it('builds the graph of an archive from parentImageId, ignoring parents outside the archive', () => {
    const analysis = {
      images: [
        { id: 'sha256:base', repoTags: ['b:1'], parentImageId: null },
        { id: 'sha256:top', repoTags: ['t:1', 't:2'], parentImageId: 'sha256:base' },
        { id: 'sha256:lost', repoTags: [], parentImageId: 'sha256:elsewhere' },
      ],
    } as unknown as ArchiveAnalysis;
    const ag = graphFromAnalysis(analysis);
    expect(ag.edges).toEqual([
      { from: 'b:1', to: 'sha256:base', kind: 'tag' },
      { from: 't:1', to: 'sha256:top', kind: 'tag' },
      { from: 't:2', to: 'sha256:top', kind: 'tag' },
      { from: 'sha256:top', to: 'sha256:base', kind: 'base' },
    ]);
    expect(ag.nodes.find((n) => n.id === 'sha256:top')!.label).toBe('top');
    expect([...danglingImages(ag)]).toEqual(['sha256:lost']);
  });
});
