import { describe, expect, it } from 'vitest';
import { clickSelect, emptySelection, keepListed } from './selection';
import { imagesMsg } from './messages';
import { age } from './visible-images';

const rows = ['a', 'b', 'c', 'd', 'e'];

describe('image row selection', () => {
  it('a click toggles one row and moves the anchor', () => {
    const one = clickSelect(emptySelection, rows, 'b', false);
    expect([...one.ids]).toEqual(['b']);
    expect(one.anchor).toBe('b');
    const none = clickSelect(one, rows, 'b', false);
    expect(none.ids.size).toBe(0);
  });

  it('a shift-click selects the range from the anchor, either direction', () => {
    const down = clickSelect(clickSelect(emptySelection, rows, 'b', false), rows, 'd', true);
    expect([...down.ids].sort()).toEqual(['b', 'c', 'd']);
    expect(down.anchor).toBe('b');
    const up = clickSelect(clickSelect(emptySelection, rows, 'd', false), rows, 'a', true);
    expect([...up.ids].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a shift-click on a selected row clears the range', () => {
    const all = clickSelect(clickSelect(emptySelection, rows, 'a', false), rows, 'e', true);
    const cleared = clickSelect(all, rows, 'c', true);
    expect([...cleared.ids].sort()).toEqual(['d', 'e']);
  });

  it('a shift-click without an anchor acts as a click', () => {
    const s = clickSelect(emptySelection, rows, 'c', true);
    expect([...s.ids]).toEqual(['c']);
    expect(s.anchor).toBe('c');
  });

  it('forgets rows that are no longer listed', () => {
    const s = clickSelect(clickSelect(emptySelection, rows, 'a', false), rows, 'c', true);
    const kept = keepListed(s, ['b', 'c']);
    expect([...kept.ids].sort()).toEqual(['b', 'c']);
    expect(kept.anchor).toBeNull();
    expect(keepListed(kept, ['b', 'c', 'x'])).toBe(kept);
  });
});

describe('row age', () => {
  it('says how long ago, in the largest whole unit', () => {
    const now = Date.UTC(2025, 0, 10);
    expect(age(now - 5_000, undefined, now)).toBe('just now');
    expect(age(now - 9 * 60_000, undefined, now)).toBe('9 min ago');
    expect(age(now - 3 * 3600_000, undefined, now)).toBe('3 h ago');
    expect(age(now - 2 * 86400_000, undefined, now)).toBe('2 d ago');
    expect(age(now - 400 * 86400_000, undefined, now)).toBe('1 y ago');
  });
});

describe('age in Chinese', () => {
  it('words the same steps with the catalog', () => {
    const now = 1_700_000_000_000;
    expect(age(now - 5_000, imagesMsg.zh, now)).toBe('刚刚');
    expect(age(now - 9 * 60_000, imagesMsg.zh, now)).toBe('9 分钟前');
    expect(age(now - 2 * 86400_000, imagesMsg.zh, now)).toBe('2 天前');
  });
});
