import { describe, expect, it } from 'vitest';
import { imageRelations, roleCounts, type ImageChain } from './relations';

const L = (...n: number[]): string[] => n.map((k) => `sha256:${String(k).padStart(4, '0')}`);
const byId = (images: ImageChain[]) => new Map(imageRelations(images).map((r) => [r.id, r]));

describe('imageRelations', () => {
  const alpine: ImageChain = { id: 'alpine', diffIds: L(1) };
  const python: ImageChain = { id: 'python', diffIds: L(1, 2, 3) };
  const app: ImageChain = { id: 'app', diffIds: L(1, 2, 3, 4, 5) };
  const other: ImageChain = { id: 'other', diffIds: L(9, 8) };

  it('picks the longest proper prefix as parent and walks up to the base', () => {
    const rel = byId([app, alpine, other, python]);
    expect(rel.get('app')).toMatchObject({ parentId: 'python', ancestorIds: ['python', 'alpine'], baseId: 'alpine' });
    expect(rel.get('python')).toMatchObject({ parentId: 'alpine', ancestorIds: ['alpine'], baseId: 'alpine' });
    expect(rel.get('alpine')).toMatchObject({ parentId: null, ancestorIds: [], baseId: null });
    expect(rel.get('other')?.parentId).toBeNull();
  });

  it('classifies layers as base / parent / own', () => {
    const rel = byId([app, alpine, python]);
    expect(rel.get('app')!.layerRoles).toEqual(['base', 'parent', 'parent', 'own', 'own']);
    expect(roleCounts(rel.get('app')!.layerRoles)).toEqual({ base: 1, parent: 2, own: 2 });
    expect(rel.get('python')!.layerRoles).toEqual(['base', 'own', 'own']);
    expect(rel.get('alpine')!.layerRoles).toEqual(['own']);
  });

  it('skips absent intermediates: the parent is the longest prefix that exists locally', () => {
    const rel = byId([app, alpine]);
    expect(rel.get('app')).toMatchObject({ parentId: 'alpine', baseId: 'alpine' });
    expect(roleCounts(rel.get('app')!.layerRoles)).toEqual({ base: 1, parent: 0, own: 4 });
  });

  it('does not make identical chains parents of each other', () => {
    const retag: ImageChain = { id: 'app-rebuilt', diffIds: L(1, 2, 3, 4, 5) };
    const rel = byId([app, retag, python]);
    expect(rel.get('app')).toMatchObject({ parentId: 'python', identicalIds: ['app-rebuilt'] });
    expect(rel.get('app-rebuilt')).toMatchObject({ parentId: 'python', identicalIds: ['app'] });
    expect(rel.get('python')!.identicalIds).toEqual([]);
  });

  it('chooses the smallest id among equal-chain parents and lists the others', () => {
    const b: ImageChain = { id: 'b-base', diffIds: L(1, 2) };
    const a: ImageChain = { id: 'a-base', diffIds: L(1, 2) };
    const child: ImageChain = { id: 'child', diffIds: L(1, 2, 7) };
    const rel = byId([b, child, a]);
    expect(rel.get('child')).toMatchObject({ parentId: 'a-base', parentAlternatives: ['b-base'] });
    expect(rel.get('child')!.layerRoles).toEqual(['base', 'base', 'own']);
  });

  it('never treats an empty chain as a parent, nor a diverging chain', () => {
    const scratch: ImageChain = { id: 'scratch', diffIds: [] };
    const fork: ImageChain = { id: 'fork', diffIds: L(1, 2, 99) };
    const rel = byId([scratch, fork, python]);
    expect(rel.get('fork')).toMatchObject({ parentId: null });
    expect(rel.get('python')).toMatchObject({ parentId: null });
    expect(rel.get('scratch')).toMatchObject({ parentId: null, layerRoles: [] });
  });

  it('keeps input order and handles 2,000 images in one pass', () => {
    const images: ImageChain[] = [];
    for (let i = 0; i < 2000; i++) images.push({ id: `img${i}`, diffIds: L(...Array.from({ length: (i % 50) + 1 }, (_, k) => k)) });
    const rel = imageRelations(images);
    expect(rel.map((r) => r.id)).toEqual(images.map((i) => i.id));
    // img49 has 50 layers; 40 images have its first 49: the parent is the smallest id as a string.
    const r49 = rel[49]!;
    expect(r49.parentId).toBe('img1048');
    expect(r49.ancestorIds).toHaveLength(49);
    expect(r49.baseId).toBe('img0');
    expect(roleCounts(r49.layerRoles)).toEqual({ base: 1, parent: 48, own: 1 });
  });
});
