import { describe, expect, it } from 'vitest';
import { layerIntroducers, resolveBuiltOn } from './built-on';

describe('resolveBuiltOn', () => {
  it('follows Parent through unlisted intermediate images to a listed one', () => {
    const parents = new Map([
      ['app', 'mid2'],
      ['mid2', 'mid1'],
      ['mid1', 'base'],
    ]);
    const r = resolveBuiltOn(
      [
        { id: 'base', parentId: null, diffIds: ['a'] },
        { id: 'app', parentId: 'mid2', diffIds: ['a', 'b', 'c'] },
      ],
      parents,
    );
    expect(r.get('app')).toBe('base');
    expect(r.get('base')).toBeNull();
  });

  it('falls back to the longest proper prefix of layer chains without a Parent (pulled images)', () => {
    const r = resolveBuiltOn(
      [
        { id: 'os', parentId: null, diffIds: ['a'] },
        { id: 'runtime', parentId: null, diffIds: ['a', 'b'] },
        { id: 'app', parentId: null, diffIds: ['a', 'b', 'c'] },
        { id: 'retag', parentId: null, diffIds: ['a', 'b', 'c'] },
      ],
      new Map(),
    );
    expect(r.get('app')).toBe('runtime');
    expect(r.get('runtime')).toBe('os');
    // The same chain is not a parent.
    expect(r.get('retag')).toBe('runtime');
  });

  it('survives a Parent cycle', () => {
    const r = resolveBuiltOn(
      [{ id: 'x', parentId: 'p', diffIds: [] }],
      new Map([
        ['p', 'q'],
        ['q', 'p'],
      ]),
    );
    expect(r.get('x')).toBeNull();
  });
});

describe('layerIntroducers', () => {
  it('credits each layer to the smallest image using it', () => {
    const m = layerIntroducers([
      { id: 'app', chain: ['c0', 'c1'] },
      { id: 'base', chain: ['c0'] },
    ]);
    expect(m.get('c0')).toBe('base');
    expect(m.get('c1')).toBe('app');
  });
});
