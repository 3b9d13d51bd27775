import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  loadWindowState,
  MIN_SIZE,
  parseWindowState,
  restoreBounds,
  saveWindowState,
  type Rect,
  type WindowState,
} from './window-state';

const state = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });

const FULL_HD: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
/** A work area as Electron reports it: below a 25px top bar. */
const FULL_HD_WORK: Rect = { x: 0, y: 25, width: 1920, height: 1055 };

describe('parseWindowState', () => {
  it('parses a saved state', () => {
    expect(parseWindowState('{"bounds":{"x":10,"y":20,"width":1300,"height":900},"maximized":true}')).toEqual(
      {
        bounds: { x: 10, y: 20, width: 1300, height: 900 },
        maximized: true,
      },
    );
  });

  it('maximized is true only when literally true', () => {
    const b = '{"x":0,"y":0,"width":1000,"height":700}';
    expect(parseWindowState(`{"bounds":${b}}`)?.maximized).toBe(false);
    expect(parseWindowState(`{"bounds":${b},"maximized":"true"}`)?.maximized).toBe(false);
    expect(parseWindowState(`{"bounds":${b},"maximized":1}`)?.maximized).toBe(false);
  });

  it('accepts negative coordinates (a monitor left of or above the primary)', () => {
    expect(parseWindowState('{"bounds":{"x":-1800,"y":-200,"width":1000,"height":700}}')?.bounds).toEqual({
      x: -1800,
      y: -200,
      width: 1000,
      height: 700,
    });
  });

  it.each([
    ['empty text', ''],
    ['not JSON', 'this is not json'],
    ['truncated JSON', '{"bounds":{"x":1,"y":2,"wid'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"bounds"'],
    ['an array', '[1,2,3,4]'],
    ['an empty object', '{}'],
    ['bounds null', '{"bounds":null}'],
    ['bounds an array', '{"bounds":[0,0,800,600]}'],
  ])('answers null for garbage: %s', (_what, text) => {
    expect(parseWindowState(text)).toBeNull();
  });

  it.each([
    ['x missing', '{"bounds":{"y":0,"width":1000,"height":700}}'],
    ['y missing', '{"bounds":{"x":0,"width":1000,"height":700}}'],
    ['width missing', '{"bounds":{"x":0,"y":0,"height":700}}'],
    ['height missing', '{"bounds":{"x":0,"y":0,"width":1000}}'],
    ['a string field', '{"bounds":{"x":"0","y":0,"width":1000,"height":700}}'],
    ['a null field', '{"bounds":{"x":0,"y":null,"width":1000,"height":700}}'],
    ['a boolean field', '{"bounds":{"x":0,"y":0,"width":true,"height":700}}'],
  ])('answers null when a field is missing or not a number: %s', (_what, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('restoreBounds', () => {
  it('no saved state: the default size, no position (the caller centres)', () => {
    const b = restoreBounds(null, [FULL_HD]);
    expect(b).toEqual({ width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
    expect(b).not.toHaveProperty('x');
    expect(b).not.toHaveProperty('y');
  });

  it('saved on a display that still exists: kept as is', () => {
    const saved = { x: 100, y: 80, width: 1200, height: 800 };
    expect(restoreBounds(state(saved), [FULL_HD_WORK])).toEqual(saved);
  });

  it('saved on a secondary display left of the primary: kept as is', () => {
    const left: Rect = { x: -2560, y: 0, width: 2560, height: 1440 };
    const saved = { x: -2400, y: 100, width: 1600, height: 1000 };
    expect(restoreBounds(state(saved), [FULL_HD, left])).toEqual(saved);
  });

  it('saved on a monitor that was removed: size kept (within limits), no position', () => {
    // It was on a second monitor right of the primary; only the primary is left.
    const b = restoreBounds(state({ x: 2100, y: 100, width: 1100, height: 700 }), [FULL_HD]);
    expect(b).toEqual({ width: 1100, height: 700 });
    expect(b).not.toHaveProperty('x');
    expect(b).not.toHaveProperty('y');
  });

  it('saved on a removed monitor with a huge size: no position, size capped to the default', () => {
    const b = restoreBounds(state({ x: 3000, y: 0, width: 3800, height: 2100 }), [FULL_HD]);
    expect(b).toEqual({ width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
  });

  it('saved on a removed monitor with a tiny size: no position, size raised to the minimum', () => {
    const b = restoreBounds(state({ x: 5000, y: 0, width: 300, height: 200 }), [FULL_HD]);
    expect(b).toEqual({ width: MIN_SIZE.width, height: MIN_SIZE.height });
  });

  it('no displays at all: no position', () => {
    const b = restoreBounds(state({ x: 10, y: 10, width: 1000, height: 700 }), []);
    expect(b).not.toHaveProperty('x');
    expect(b).toEqual({ width: 1000, height: 700 });
  });

  it('bigger than the display: clamped to the work area', () => {
    const laptop: Rect = { x: 0, y: 0, width: 1366, height: 768 };
    expect(restoreBounds(state({ x: 0, y: 0, width: 2560, height: 1440 }), [laptop])).toEqual(laptop);
  });

  it('bigger than a work area that does not start at 0,0: clamped and moved inside it', () => {
    expect(restoreBounds(state({ x: -50, y: 0, width: 2500, height: 1400 }), [FULL_HD_WORK])).toEqual(
      FULL_HD_WORK,
    );
  });

  it('partially off the right/bottom edge: moved inside, size kept', () => {
    const b = restoreBounds(state({ x: 1200, y: 600, width: 1000, height: 700 }), [FULL_HD]);
    expect(b).toEqual({ x: 920, y: 380, width: 1000, height: 700 });
  });

  it('partially off the left/top edge: moved inside, size kept', () => {
    const b = restoreBounds(state({ x: -300, y: -100, width: 1000, height: 700 }), [FULL_HD_WORK]);
    expect(b).toEqual({ x: 0, y: 25, width: 1000, height: 700 });
  });

  it('spanning two displays: put on the one that shows more of it', () => {
    const right: Rect = { x: 1920, y: 0, width: 1920, height: 1080 };
    // 1300px of its width is on the right display, 300px on the left one.
    const b = restoreBounds(state({ x: 1620, y: 100, width: 1600, height: 900 }), [FULL_HD, right]);
    expect(b).toEqual({ x: 1920, y: 100, width: 1600, height: 900 });
  });

  it('the result is always inside the chosen work area when it is at least the minimum size', () => {
    const areas: Rect[] = [FULL_HD_WORK, { x: 1920, y: -200, width: 1440, height: 900 }];
    const inside = (r: Rect, a: Rect): boolean =>
      r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height;
    for (let x = -1000; x <= 3500; x += 250) {
      for (let y = -800; y <= 1500; y += 250) {
        for (const [width, height] of [
          [900, 600],
          [1600, 1000],
          [3000, 2000],
        ] as const) {
          const b = restoreBounds(state({ x, y, width, height }), areas);
          expect(b.width).toBeGreaterThanOrEqual(MIN_SIZE.width);
          expect(b.height).toBeGreaterThanOrEqual(MIN_SIZE.height);
          if (b.x !== undefined && b.y !== undefined) {
            const r = { x: b.x, y: b.y, width: b.width, height: b.height };
            expect(
              areas.some((a) => inside(r, a)),
              JSON.stringify({ saved: { x, y, width, height }, got: r }),
            ).toBe(true);
          }
        }
      }
    }
  });
});

describe('saveWindowState / loadWindowState', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'strata-window-state-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips, creating the directory, and leaves no temp file behind', () => {
    const file = join(dir, 'nested', 'deeper', 'window-state.json');
    const s = state({ x: -1200, y: 40, width: 1440, height: 900 }, true);
    saveWindowState(file, s);
    expect(loadWindowState(file)).toEqual(s);
    expect(readdirSync(join(dir, 'nested', 'deeper'))).toEqual(['window-state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(s);
  });

  it('overwrites an earlier state', () => {
    const file = join(dir, 'window-state.json');
    saveWindowState(file, state({ x: 1, y: 2, width: 900, height: 600 }));
    saveWindowState(file, state({ x: 3, y: 4, width: 1000, height: 700 }, true));
    expect(loadWindowState(file)).toEqual(state({ x: 3, y: 4, width: 1000, height: 700 }, true));
    expect(readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('a missing file loads as null', () => {
    expect(loadWindowState(join(dir, 'nope.json'))).toBeNull();
  });

  it('a corrupt file loads as null', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"bounds":{"x":');
    expect(loadWindowState(file)).toBeNull();
  });

  it('a directory in place of the file loads as null', () => {
    expect(loadWindowState(dir)).toBeNull();
  });

  it('a state that cannot be written is skipped: no throw (it runs from a timer), no temp file left', () => {
    const file = join(dir, 'window-state.json');
    mkdirSync(file);
    expect(saveWindowState(file, state({ x: 1, y: 2, width: 900, height: 600 }))).toBe(false);
    expect(readdirSync(dir)).toEqual(['window-state.json']);
    expect(readdirSync(file)).toEqual([]);
    const blocked = join(dir, 'window-state.json', 'x', 'state.json');
    writeFileSync(join(file, 'x'), 'a file where a folder should be');
    expect(saveWindowState(blocked, state({ x: 1, y: 2, width: 900, height: 600 }))).toBe(false);
  });
});
