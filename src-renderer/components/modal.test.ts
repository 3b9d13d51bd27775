import { describe, expect, it } from 'vitest';
import { outsideBox } from './Modal';

describe('outsideBox', () => {
  const box = { left: 100, right: 300, top: 50, bottom: 250 };
  it('is true for a click on the backdrop around the dialog', () => {
    expect(outsideBox(box, 99, 100)).toBe(true);
    expect(outsideBox(box, 200, 251)).toBe(true);
  });
  it('is false inside the dialog, edges included', () => {
    expect(outsideBox(box, 100, 50)).toBe(false);
    expect(outsideBox(box, 200, 150)).toBe(false);
  });
});
