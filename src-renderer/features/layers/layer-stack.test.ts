import { describe, expect, it } from 'vitest';
import type { LayerAnalysis } from '../../../src-shared/archive-analysis';
import {
  changeCounts,
  formatPercent,
  layerBars,
  revealDelta,
  shortenCommand,
  stepLayer,
} from './layer-stack';

const layer = (sizeBytes: number, blobBytes: number): LayerAnalysis =>
  ({ sizeBytes, blobBytes, added: 3, modified: 1, removed: 2 }) as LayerAnalysis;

describe('layer stack helpers', () => {
  it('shortens commands', () => {
    expect(shortenCommand('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(shortenCommand('/bin/sh -c apt-get   update')).toBe('RUN apt-get update');
    expect(shortenCommand('')).toBe('(no command recorded)');
    expect(shortenCommand('RUN ' + 'x'.repeat(100), 20)).toHaveLength(20);
  });
  it('scales bars on one axis with a visible minimum', () => {
    expect(layerBars([layer(1000, 500), layer(10, 2000), layer(0, 0)])).toEqual([
      { contentPct: 50, storedPct: 25 },
      { contentPct: 0.5, storedPct: 100 },
      { contentPct: 0, storedPct: 0 },
    ]);
  });
  it('formats counts and percent', () => {
    expect(changeCounts(layer(0, 0))).toBe('+3 ~1 -2');
    expect(formatPercent(0.98437)).toBe('98.44 %');
  });
  it('steps with the keyboard bottom-up', () => {
    expect(stepLayer(2, 'ArrowUp', 5)).toBe(3);
    expect(stepLayer(4, 'ArrowUp', 5)).toBe(4);
    expect(stepLayer(0, 'ArrowDown', 5)).toBe(0);
    expect(stepLayer(2, 'End', 5)).toBe(4);
    expect(stepLayer(2, 'x', 5)).toBeNull();
  });
});

describe('revealDelta', () => {
  const list = { top: 100, bottom: 400 };
  it('is 0 for an item already in sight', () => {
    expect(revealDelta(list, { top: 100, bottom: 160 })).toBe(0);
    expect(revealDelta(list, { top: 300, bottom: 400 })).toBe(0);
  });
  it('scrolls up to an item above and down to an item below, just enough', () => {
    expect(revealDelta(list, { top: -200, bottom: -140 })).toBe(-300);
    expect(revealDelta(list, { top: 420, bottom: 480 })).toBe(80);
  });
  it('shows the top of an item taller than the list', () => {
    expect(revealDelta(list, { top: 150, bottom: 900 })).toBe(50);
  });
});
