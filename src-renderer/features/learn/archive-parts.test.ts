import { describe, expect, it } from 'vitest';
import type { ArchiveMemberDto } from '../../../src-shared/contract/learn';
import { archiveParts } from './archive-parts';
import { learnSubgraph } from './learn-graph';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const f = (
  path: string,
  size = 10,
  kind: ArchiveMemberDto['kind'] = 'file',
  linkTarget = '',
): ArchiveMemberDto => ({
  path,
  kind,
  size,
  linkTarget,
});

describe('archiveParts', () => {
  it('groups a legacy docker save: manifest and repositories first, configs, then layer folders', () => {
    const parts = archiveParts([
      f(`${A}.json`, 1400),
      f(`${B}/`, 0, 'dir'),
      f(`${B}/VERSION`, 3),
      f(`${B}/json`, 400),
      f(`${B}/layer.tar`, 2_000_000),
      f(`${A}/`, 0, 'dir'),
      f(`${A}/layer.tar`, 0, 'symlink', `../${B}/layer.tar`),
      f('manifest.json', 600),
      f('repositories', 270),
    ]);
    expect(parts.map((p) => [p.kind, p.name])).toEqual([
      ['manifest', 'manifest.json'],
      ['repositories', 'repositories'],
      ['config', `${A}.json`],
      ['layer-dir', `${B}/`],
      ['layer-dir', `${A}/`],
    ]);
    expect(parts[3]!.bytes).toBe(2_000_403);
    expect(parts[4]!.bytes).toBe(0);
    expect(parts[4]!.children[0]).toMatchObject({
      path: 'layer.tar',
      kind: 'symlink',
      linkTarget: `../${B}/layer.tar`,
    });
  });

  it('groups an OCI layout: index, marker, blobs', () => {
    const parts = archiveParts([
      f('blobs/', 0, 'dir'),
      f('blobs/sha256/', 0, 'dir'),
      f(`blobs/sha256/${A}`, 500),
      f('oci-layout', 30),
      f('./index.json', 300),
      f('manifest.json', 200),
    ]);
    expect(parts.map((p) => p.kind)).toEqual(['manifest', 'oci-index', 'oci-layout', 'blobs']);
    expect(parts[3]!.children.map((c) => c.path)).toEqual(['sha256', `sha256/${A}`]);
  });
});

describe('learnSubgraph', () => {
  it('keeps the lessons’ tags, their images and the chain down to the base, plus a dangling image asked for', () => {
    const g = {
      nodes: [
        { id: 'myimg/httpd:v1', kind: 'tag' as const, label: 'myimg/httpd:v1' },
        { id: 'other:1', kind: 'tag' as const, label: 'other:1' },
        { id: 'i1', kind: 'image' as const, label: 'i1' },
        { id: 'i0', kind: 'image' as const, label: 'i0' },
        { id: 'i9', kind: 'image' as const, label: 'i9' },
        { id: 'none', kind: 'image' as const, label: 'none' },
      ],
      edges: [
        { from: 'myimg/httpd:v1', to: 'i1', kind: 'tag' as const },
        { from: 'other:1', to: 'i9', kind: 'tag' as const },
        { from: 'i1', to: 'i0', kind: 'base' as const },
      ],
    };
    const sub = learnSubgraph(g, ['myimg/'], ['none', 'missing']);
    expect(sub.nodes.map((n) => n.id).sort()).toEqual(['i0', 'i1', 'myimg/httpd:v1', 'none']);
    expect(sub.edges).toHaveLength(2);
  });
});
