/**
 * The page side of `npm run bench:ui`, bundled (esbuild, IIFE) and evaluated in the page: the
 * renderer's own treemap math and drawing on a synthetic tree, and frame timing helpers.
 */
import { layoutTreemap, type SizeNode } from '../src-renderer/viz/treemap';
import { drawTreemap } from '../src-renderer/viz/treemap-draw';

/** `dirs` directories of `perDir` files each (sizes spread over three orders of magnitude). */
function syntheticTree(dirs: number, perDir: number): SizeNode {
  const children: SizeNode[] = [];
  for (let d = 0; d < dirs; d++) {
    const files: SizeNode[] = [];
    let total = 0;
    for (let f = 0; f < perDir; f++) {
      const size = 100 + ((f * 7919 + d * 104729) % 100_000);
      total += size;
      const name = `f${f}`;
      files.push({
        name,
        path: `d${d}/${name}`,
        key: `d${d}/${name}`,
        size,
        dir: false,
        change: 'unchanged',
      });
    }
    const name = `d${d}`;
    children.push({ name, path: name, key: name, size: total, dir: true, change: 'added', children: files });
  }
  const size = children.reduce((a, c) => a + c.size, 0);
  return { name: '', path: '', key: '', size, dir: true, change: 'unchanged', children };
}

export interface TreemapTiming {
  files: number;
  layoutMs: number;
  drawMs: number;
  /** Layout + draw + until the next frame starts (the canvas is on screen). */
  totalMs: number;
}

const nextFrame = (): Promise<number> =>
  new Promise((r) => requestAnimationFrame(() => r(performance.now())));

async function treemap(dirs: number, perDir: number, width = 1000, height = 640): Promise<TreemapTiming> {
  const root = syntheticTree(dirs, perDir);
  const canvas = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  canvas.style.cssText = `position:fixed;left:0;top:0;width:${width}px;height:${height}px;z-index:99`;
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(dpr, dpr);
  await nextFrame();
  performance.mark('bench:treemap:start');
  const t0 = performance.now();
  const laid = layoutTreemap(root, { width, height, labelHeight: 16, padding: 1, maxDepth: 3 });
  const t1 = performance.now();
  drawTreemap(ctx, laid, {
    width,
    height,
    mode: 'top-level',
    labelHeight: 16,
    frame: '#101418',
    text: '#f8fafc',
  });
  const t2 = performance.now();
  await nextFrame();
  const t3 = performance.now();
  performance.mark('bench:treemap:end');
  canvas.remove();
  return { files: dirs * perDir, layoutMs: t1 - t0, drawMs: t2 - t1, totalMs: t3 - t0 };
}

export interface ScrollTiming {
  frames: number;
  maxMs: number;
  p95Ms: number;
  over50: number;
  scrolledPx: number;
}

/** Scrolls `el` by `step` px every frame for `durationMs`, recording the gaps between frames. */
async function scroll(el: HTMLElement, durationMs: number, step: number): Promise<ScrollTiming> {
  const deltas: number[] = [];
  let last = await nextFrame();
  const end = last + durationMs;
  let scrolled = 0;
  while (last < end) {
    const before = el.scrollTop;
    el.scrollTop = el.scrollTop + step >= el.scrollHeight - el.clientHeight ? 0 : el.scrollTop + step;
    scrolled += Math.abs(el.scrollTop - before);
    const now = await nextFrame();
    deltas.push(now - last);
    last = now;
  }
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    frames: deltas.length,
    maxMs: sorted[sorted.length - 1] ?? 0,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    over50: deltas.filter((d) => d > 50).length,
    scrolledPx: scrolled,
  };
}

/** Resolves once `test()` holds, checked on every DOM change, then two frames later (painted). */
function paintedWhen(test: () => boolean, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      performance.mark('bench:dom-ready');
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => {
        performance.mark('bench:frame-1');
        requestAnimationFrame(() => resolve(performance.now()));
      });
    };
    const observer = new MutationObserver(() => {
      if (test()) done();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('timed out waiting for the page'));
    }, timeoutMs);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    if (test()) done();
  });
}

Object.assign(window, { __bench: { treemap, scroll, paintedWhen, nextFrame } });
