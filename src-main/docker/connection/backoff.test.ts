import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((n) => backoffDelay(n))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
  it('treats 0 or less as the first failure, and follows a custom policy', () => {
    expect(backoffDelay(0)).toBe(1000);
    expect(backoffDelay(3, { initialMs: 100, maxMs: 250 })).toBe(250);
  });
});
