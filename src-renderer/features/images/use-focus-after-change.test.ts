import { describe, expect, it } from 'vitest';
import { rowToFocus } from './use-focus-after-change';

describe('rowToFocus after a dialog changed the list', () => {
  it('is the row of the image the dialog acted on, when it is still listed (an untag)', () => {
    expect(rowToFocus(['a', 'b', 'c'], ['b'], 1)).toBe(1);
    expect(rowToFocus(['a', 'c', 'b'], ['x', 'b'], 0)).toBe(2);
  });
  it('is the row now in its place when the image went (a removal), the last one past the end', () => {
    expect(rowToFocus(['a', 'c'], ['b'], 1)).toBe(1);
    expect(rowToFocus(['a', 'b'], ['c'], 2)).toBe(1);
    expect(rowToFocus(['a'], ['z'], -1)).toBe(0);
  });
  it('is nothing for an empty list', () => {
    expect(rowToFocus([], ['a'], 0)).toBeNull();
  });
});
