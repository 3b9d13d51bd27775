/**
 * Remembers the window's size and position between runs. Pure logic plus a small JSON file;
 * no electron import, so it is tested under Node.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;

const isRect = (r: unknown): r is Rect =>
  typeof r === 'object' &&
  r !== null &&
  ['x', 'y', 'width', 'height'].every((k) => Number.isFinite((r as Record<string, unknown>)[k]));

export function parseWindowState(text: string): WindowState | null {
  try {
    const v = JSON.parse(text) as { bounds?: unknown; maximized?: unknown };
    if (!isRect(v.bounds)) return null;
    return { bounds: v.bounds, maximized: v.maximized === true };
  } catch {
    return null;
  }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with: the saved ones if enough of them is on a display that still exists
 * (a monitor may have been unplugged), shrunk to that display; otherwise the default size,
 * which the caller centres.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rect[]): Partial<Rect> & {
  width: number;
  height: number;
} {
  if (!saved) return { ...DEFAULT_SIZE };
  const b = saved.bounds;
  const best = workAreas
    .map((area) => ({ area, seen: overlap(b, area) }))
    .sort((p, q) => q.seen - p.seen)[0];
  if (!best || best.seen < 0.25 * Math.min(b.width * b.height, best.area.width * best.area.height)) {
    return { width: Math.max(MIN_SIZE.width, Math.min(b.width, DEFAULT_SIZE.width)), height: Math.max(MIN_SIZE.height, Math.min(b.height, DEFAULT_SIZE.height)) };
  }
  const a = best.area;
  const width = Math.max(MIN_SIZE.width, Math.min(b.width, a.width));
  const height = Math.max(MIN_SIZE.height, Math.min(b.height, a.height));
  const x = Math.min(Math.max(b.x, a.x), a.x + a.width - width);
  const y = Math.min(Math.max(b.y, a.y), a.y + a.height - height);
  return { x, y, width, height };
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Written to a temp file and renamed, so a crash never leaves half a file. A state that cannot be
 * written (disk full, folder not writable) is skipped, with its temp file removed: it is only a
 * convenience, and this runs from a timer and on close, where a throw would be an uncaught error
 * in main. Answers whether it was written.
 */
export function saveWindowState(file: string, state: WindowState): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // no temp file could be made there either
    }
    return false;
  }
}
