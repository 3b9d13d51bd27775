import { describe, expect, it } from 'vitest';
import { ImageGraphSchema } from '../../src-shared/images-dto';
import { buildImageGraph } from './image-graph';

const id = (c: string): string => 'sha256:' + c.repeat(64);

describe('buildImageGraph', () => {
  it('links tags to IDs and IDs to what they are built on; dangling images have no tag edge', () => {
    const g = buildImageGraph(
      [
        { id: id('b'), repoTags: ['app:1', 'app:latest'] },
        { id: id('a'), repoTags: ['base:1'] },
        { id: id('c'), repoTags: [] },
      ],
      new Map([
        [id('b'), id('a')],
        [id('c'), id('a')],
        [id('a'), null],
      ]),
    );
    expect(ImageGraphSchema.parse(g)).toEqual(g);
    expect(g.nodes.filter((n) => n.kind === 'tag').map((n) => n.id)).toEqual([
      'app:1',
      'app:latest',
      'base:1',
    ]);
    expect(g.nodes.find((n) => n.id === id('a'))).toEqual({
      id: id('a'),
      kind: 'image',
      label: 'a'.repeat(12),
    });
    expect(g.edges).toContainEqual({ from: 'app:latest', to: id('b'), kind: 'tag' });
    expect(g.edges).toContainEqual({ from: id('b'), to: id('a'), kind: 'base' });
    expect(g.edges).toContainEqual({ from: id('c'), to: id('a'), kind: 'base' });
    expect(g.edges.filter((e) => e.to === id('c') && e.kind === 'tag')).toEqual([]);
  });

  it('drops an edge to an image that is not in the graph', () => {
    const g = buildImageGraph([{ id: id('b'), repoTags: [] }], new Map([[id('b'), id('z')]]));
    expect(g.edges).toEqual([]);
  });
});
