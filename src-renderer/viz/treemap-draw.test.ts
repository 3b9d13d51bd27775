import { describe, expect, it } from 'vitest';
import { layoutTreemap, type SizeNode } from './treemap';
import { CHANGE_COLOURS, planTreemap, shade } from './treemap-draw';
import { dir, file } from './size-tree-fixtures';

// a: 900 bytes in two files and a tiny one; lib: unloaded; z: a file too small to see.
const tree = (): SizeNode =>
  dir('', 2000, [
    dir('a', 900, [file('a/big', 600, 'added'), file('a/mid', 299, 'modified'), file('a/tiny', 1)]),
    dir('lib', 1099),
    file('z', 1, 'removed'),
  ]);
const FRAME = '#000001';
const opts = { mode: 'top-level' as const, labelHeight: 16, frame: FRAME };
/** Rectangles as [x, y, w, h] tuples. */
const quads = (r: number[]): number[][] =>
  Array.from({ length: r.length / 4 }, (_, i) => r.slice(i * 4, i * 4 + 4));

describe('planTreemap', () => {
  const root = layoutTreemap(tree(), { width: 400, height: 200, labelHeight: 16, padding: 1 });

  it('paints shallower cells first, each depth frames first, one batch per colour', () => {
    const plan = planTreemap(root, opts);
    // Depth 1: the frame of a, then a's band and lib's block (two top-level colours); depth 2:
    // a's two visible files in one colour (no frames: no directories there).
    expect(plan.fills.map((f) => f.rects.length / 4)).toEqual([1, 1, 1, 2]);
    expect(plan.fills[0]!.colour).toBe(FRAME);
    expect(new Set(plan.fills.map((f) => f.colour)).size).toBe(4);
    const a = root.children!.find((c) => c.data.name === 'a')!;
    const depth2 = plan.fills.slice(3);
    expect(depth2.flatMap((f) => quads(f.rects))).toHaveLength(2);
    expect(quads(plan.fills[0]!.rects)).toEqual([[a.x0, a.y0, a.x1 - a.x0, a.y1 - a.y0]]);
    const aBand = plan.fills
      .slice(1)
      .flatMap((f) => quads(f.rects))
      .find((q) => q[0] === a.x0 && q[1] === a.y0);
    expect(aBand![3]).toBe(16);
  });

  it('leaves out cells under half a pixel and outlines unloaded directories', () => {
    const plan = planTreemap(root, opts);
    const drawn = plan.fills.flatMap((f) => quads(f.rects));
    // a (frame + band), lib, a/big, a/mid; not a/tiny or z (1 byte of 2000 in 400x200).
    expect(drawn).toHaveLength(5);
    expect(drawn.every(([, , w, h]) => w! >= 0.5 && h! >= 0.5)).toBe(true);
    const lib = root.children!.find((c) => c.data.name === 'lib')!;
    expect(quads(plan.hatches)).toEqual([
      [lib.x0 + 2.5, lib.y0 + 2.5, lib.x1 - lib.x0 - 5, lib.y1 - lib.y0 - 5],
    ]);
  });

  it('colours a subtree with its top-level colour, shaded by depth; by change, each its own', () => {
    const byTop = planTreemap(root, opts);
    const a = root.children!.find((c) => c.data.name === 'a')!;
    const colourAt = (plan: typeof byTop, x: number, y: number): string | undefined =>
      plan.fills
        .filter((f) =>
          quads(f.rects).some(([qx, qy, w, h]) => x >= qx! && x < qx! + w! && y >= qy! && y < qy! + h!),
        )
        .at(-1)?.colour;
    const [big, mid] = a.children!;
    const bandColour = colourAt(byTop, a.x0 + 1, a.y0 + 1)!;
    expect(colourAt(byTop, big!.x0 + 1, big!.y0 + 1)).toBe(colourAt(byTop, mid!.x0 + 1, mid!.y0 + 1));
    expect(colourAt(byTop, big!.x0 + 1, big!.y0 + 1)).not.toBe(bandColour);
    const byChange = planTreemap(root, { ...opts, mode: 'change' });
    expect(colourAt(byChange, big!.x0 + 1, big!.y0 + 1)).toBe(shade(CHANGE_COLOURS.added, 2));
    expect(colourAt(byChange, mid!.x0 + 1, mid!.y0 + 1)).toBe(shade(CHANGE_COLOURS.modified, 2));
  });

  it('labels only cells with room for text', () => {
    const plan = planTreemap(root, opts);
    expect(plan.labels.map((n) => n.data.path).sort()).toEqual(['a', 'a/big', 'a/mid', 'lib']);
    const small = layoutTreemap(tree(), { width: 40, height: 20, labelHeight: 16, padding: 1 });
    expect(planTreemap(small, opts).labels.every((n) => n.x1 - n.x0 >= 24)).toBe(true);
  });
});
