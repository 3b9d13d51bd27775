import { describe, expect, it } from 'vitest';
import { detailMsg } from '../features/archives/messages';
import { compareMsg } from '../features/compare/messages';
import { graphMsg } from '../features/graph/messages';
import { imagesMsg } from '../features/images/messages';
import { plural } from './messages';

describe('counts of one read in the singular (English)', () => {
  it('plural', () => {
    expect(plural(1, 'layer', 'layers')).toBe('1 layer');
    expect(plural(0, 'layer', 'layers')).toBe('0 layers');
    expect(plural(2, 'layer', 'layers')).toBe('2 layers');
  });
  it('in the views that said "1 layers", "1 images", "1 tags"', () => {
    expect(compareMsg.en.nLayers(1)).toBe('1 layer');
    expect(graphMsg.en.count(1, 1, 0)).toBe('1 tag · 1 image · 0 dangling');
    expect(graphMsg.en.count(4, 3, 1)).toBe('4 tags · 3 images · 1 dangling');
    expect(graphMsg.en.summary('a', 1, '1 B', '100 %')).toBe('a: 1 layer · 1 B · efficiency 100 %');
    expect(detailMsg.en.verifyOk(1)).toBe('✓ the layer matches its diffID');
    expect(detailMsg.en.verifyOk(8)).toBe('✓ all 8 layers match their diffID');
    expect(imagesMsg.en.count(1, 1)).toBe('1 image');
  });
  it('the Images count says how many a filter hides', () => {
    expect(imagesMsg.en.count(3, 3)).toBe('3 images');
    expect(imagesMsg.en.count(0, 3)).toBe('0 of 3 images');
    expect(imagesMsg.zh.count(1, 3)).toBe('1 / 3 个镜像');
  });
});
