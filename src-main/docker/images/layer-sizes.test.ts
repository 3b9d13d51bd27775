import { describe, expect, it } from 'vitest';
import {
  alignHistoryToLayers,
  chainIds,
  computeSharing,
  isMetadataStep,
  layerSizesFromHistory,
  type RawHistoryEntry,
} from './layer-sizes';

const h = (CreatedBy: string, Size: number, Id = '<missing>'): RawHistoryEntry => ({ Id, CreatedBy, Size });

// The legacy builder's history of the test bed's layers image (newest first): WORKDIR made a 0-byte layer.
const LEGACY: RawHistoryEntry[] = [
  h('/bin/sh -c #(nop)  CMD ["/bin/sh"]', 0),
  h('/bin/sh -c chmod 0600 /data/big.bin', 65536),
  h('/bin/sh -c #(nop) COPY multi:abc in /data/ ', 65568),
  h('/bin/sh -c #(nop) WORKDIR /data', 0),
  h('/bin/sh -c #(nop)  ENV A=1', 0),
  h('/bin/sh -c #(nop)  LABEL a=b', 0),
  h('', 1982464),
];

describe('alignHistoryToLayers', () => {
  it('gives sized steps their layers and fills the rest from 0-byte steps that can make one', () => {
    expect(alignHistoryToLayers(LEGACY, 4)).toEqual([null, 3, 2, 1, null, null, 0]);
    expect(layerSizesFromHistory(LEGACY, 4)).toEqual([1982464, 0, 65568, 65536]);
  });

  it('prefers metadata steps last, oldest first among equals', () => {
    const hist = [h('/bin/sh -c #(nop)  ENV B=2', 0), h('/bin/sh -c #(nop)  ENV A=1', 0), h('', 10)];
    expect(alignHistoryToLayers(hist, 2)).toEqual([null, 1, 0]);
  });

  it('trusts nothing when more steps have a size than the image has layers', () => {
    expect(alignHistoryToLayers([h('RUN a', 1), h('RUN b', 2)], 1)).toEqual([null, null]);
    expect(layerSizesFromHistory([h('RUN a', 1), h('RUN b', 2)], 1)).toEqual([0]);
  });

  it('keeps the sizes summing to the image size', () => {
    const sizes = layerSizesFromHistory(LEGACY, 4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(LEGACY.reduce((a, e) => a + (e.Size ?? 0), 0));
  });

  it('knows which instructions are metadata only', () => {
    expect(isMetadataStep('/bin/sh -c #(nop)  ENV A=1')).toBe(true);
    expect(isMetadataStep('CMD ["sh"]')).toBe(true);
    expect(isMetadataStep('/bin/sh -c #(nop) WORKDIR /data')).toBe(false);
    expect(isMetadataStep('/bin/sh -c #(nop) COPY file:x in /')).toBe(false);
    expect(isMetadataStep('/bin/sh -c envsubst < a')).toBe(false);
  });
});

describe('chainIds', () => {
  it('starts with the first diffID and hashes the rest with the parent chain (image spec)', () => {
    const a = 'sha256:' + 'a'.repeat(64);
    const b = 'sha256:' + 'b'.repeat(64);
    const [c0, c1] = chainIds([a, b]);
    expect(c0).toBe(a);
    // sha256("sha256:aaa... sha256:bbb...")
    expect(c1).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(chainIds([b, b])[1]).not.toBe(c1);
    expect(chainIds([a, b])).toEqual([c0, c1]);
  });
});

describe('computeSharing', () => {
  it('counts a layer as shared when another image uses the same chain, unique otherwise', () => {
    const base = { id: 'base', chain: ['c0'], layerSizes: [100] };
    const app = { id: 'app', chain: ['c0', 'c1'], layerSizes: [100, 7] };
    const other = { id: 'other', chain: ['x0'], layerSizes: [50] };
    const r = computeSharing([base, app, other]);
    expect(r.get('base')).toEqual({ shared: 100, unique: 0 });
    expect(r.get('app')).toEqual({ shared: 100, unique: 7 });
    expect(r.get('other')).toEqual({ shared: 0, unique: 50 });
  });
});
