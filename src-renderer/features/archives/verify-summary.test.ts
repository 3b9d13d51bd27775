import { describe, expect, it } from 'vitest';
import { verifySummary } from './verify-summary';

const layers = (...m: (boolean | null)[]) => m.map((diffIdMatches, index) => ({ index, diffIdMatches }));

describe('verifySummary', () => {
  it('is null when no layer was checked', () => {
    expect(verifySummary('a', layers(null, null), null)).toBeNull();
    expect(verifySummary('a', layers(null), [{ imageId: 'b', index: 0, matches: true }])).toBeNull();
  });
  it('reads what the analysis reports when no background result is in', () => {
    expect(verifySummary('a', layers(true, false, true), null)).toEqual({
      total: 3,
      checked: 3,
      mismatched: [1],
    });
  });
  it('prefers the background results of this image, by layer index', () => {
    const results = [
      { imageId: 'a', index: 0, matches: true },
      { imageId: 'a', index: 1, matches: false },
      { imageId: 'b', index: 2, matches: false },
    ];
    expect(verifySummary('a', layers(null, null, null), results)).toEqual({
      total: 3,
      checked: 2,
      mismatched: [1],
    });
  });
});
