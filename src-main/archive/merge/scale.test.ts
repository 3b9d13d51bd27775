/**
 * Scale probe: builds the merged tree (and the dive metrics on the same path index) for a
 * synthetic image, feeding one layer at a time and dropping it, then times the window's queries.
 * It reports figures; it asserts only correctness, never timings.
 *
 * A 50,000-entry version runs here; the full-size figures (1,000,000 entries over 10 layers:
 * ~1.8 s to build, ~101 MB retained) come from `npm run bench:archive`'s end-to-end run.
 */
import { describe, expect, it } from 'vitest';
import { type TarEntry } from '../model';
import { DiveAccumulator } from '../metrics/dive';
import { reclaimable } from '../metrics/reclaimable';
import { PathIndex } from './path-index';
import { dir, file, hardlink, opaque, whiteout } from './test-entries';
import { MergedTreeBuilder } from './tree-builder';

const PKG_FILES = 199;

/** Layer 0: `dirs` package dirs of 199 files (every 50th a hardlink); upper layers: churn. */
function syntheticLayer(layer: number, dirs: number, perUpperLayer: number): TarEntry[] {
  const out: TarEntry[] = [];
  const pkg = (d: number): string => `usr/share/pkg${d}`;
  if (layer === 0) {
    out.push(dir('usr'), dir('usr/share'));
    for (let d = 0; d < dirs; d++) {
      out.push(dir(pkg(d)));
      for (let f = 0; f < PKG_FILES; f++) {
        const path = `${pkg(d)}/file${f}.dat`;
        out.push(
          f % 50 === 49
            ? hardlink(path, `${pkg(d)}/file${f - 1}.dat`)
            : file(path, (d * 7919 + f * 104729) % 65536),
        );
      }
    }
    return out.slice(0, dirs * (PKG_FILES + 1));
  }
  const base = `opt/l${layer}`;
  const modified = Math.floor(perUpperLayer * 0.22);
  for (let j = 0; out.length < modified; j++) {
    const d = (layer * 100 + j) % dirs;
    out.push(dir(pkg(d)));
    for (let f = 0; f < 150 && out.length < modified; f++)
      out.push(file(`${pkg(d)}/file${f}.dat`, (f * 31 + layer) % 4096));
  }
  for (let j = 0; j < 10; j++) out.push(whiteout('usr/share', `pkg${(layer * 131 + j * 17) % dirs}`));
  for (let j = 0; j < perUpperLayer * 0.075; j++) {
    const d = (layer * 53 + j) % dirs;
    out.push(whiteout(pkg(d), `file${(j * 7) % PKG_FILES}.dat`));
  }
  for (let j = 0; j < 5; j++) {
    const d = (layer * 71 + j * 3) % dirs;
    out.push(dir(pkg(d)), opaque(pkg(d)));
    for (let f = 0; f < 10; f++) out.push(file(`${pkg(d)}/fresh${f}`, 100));
  }
  out.push(dir('opt'), dir(base), dir(`${base}/links`));
  for (let j = 0; j < perUpperLayer * 0.09; j++) {
    out.push(hardlink(`${base}/links/l${j}`, `${pkg((j * 13) % dirs)}/file${j % 48}.dat`));
  }
  for (let j = 0; out.length < perUpperLayer; j++) {
    if (j % 200 === 0) out.push(dir(`${base}/d${j / 200}`));
    out.push(file(`${base}/d${Math.floor(j / 200)}/f${j % 200}.bin`, (j * 2654435761) % 100000));
  }
  return out.slice(0, perUpperLayer);
}

interface ScaleFigures {
  entries: number;
  paths: number;
  versions: number;
  buildMs: number;
  diveMs: number;
  treeMB: number;
  /** Heap + array buffers still reachable after the build: tree and dive accumulator. */
  retainedWithDiveMB: number | null;
  /** The same once the dive accumulator is dropped: what the merged tree really costs. */
  retainedTreeMB: number | null;
  peakRssMB: number;
  firstChildrenMs: number;
  warmChildrenMs: number;
  layerOnlyMs: number;
  reclaimableMs: number;
  warnings: number;
  inefficientFiles: number;
}

const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;
/** Reachable heap + array buffers. Buffers are freed by a concurrent sweeper: collect, wait, repeat. */
const retained = async (): Promise<number> => {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** Only numbers leave, so the report's object list is garbage before memory is measured. */
function diveNumbers(acc: DiveAccumulator): [number, number, number] {
  const r = acc.result();
  return [r.efficiency, r.sizeBytes, r.inefficientFiles.length];
}

async function runScale(
  dirs: number,
  perUpperLayer: number,
): Promise<{ figures: ScaleFigures; check: () => void }> {
  const before = await retained();
  let peakRss = process.memoryUsage().rss;
  const index = new PathIndex();
  const builder = new MergedTreeBuilder({ index });
  // Held through an object so it can be dropped before the tree-only measurement.
  const held: { dive: DiveAccumulator | null } = { dive: new DiveAccumulator(index) };
  let entries = 0;
  let contentBytes = 0;
  let buildMs = 0;
  let diveMs = 0;
  for (let layer = 0; layer < 10; layer++) {
    const layerEntries = syntheticLayer(layer, dirs, perUpperLayer);
    entries += layerEntries.length;
    let t = performance.now();
    const summary = builder.addLayer(layerEntries);
    buildMs += performance.now() - t;
    contentBytes += summary.contentBytes;
    t = performance.now();
    held.dive!.addLayer(layerEntries);
    diveMs += performance.now() - t;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  let t = performance.now();
  const tree = builder.finish();
  buildMs += performance.now() - t;
  t = performance.now();
  const [efficiency, diveSize, inefficientCount] = diveNumbers(held.dive!);
  diveMs += performance.now() - t;
  const withDive = await retained();
  held.dive = null;
  const treeOnly = await retained();
  t = performance.now();
  const top = tree.children('usr/share');
  const firstChildrenMs = performance.now() - t;
  t = performance.now();
  tree.children('usr/share/pkg7');
  const warmChildrenMs = performance.now() - t;
  t = performance.now();
  tree.children('', { asOfLayer: 5, view: 'layer-only' });
  const layerOnlyMs = performance.now() - t;
  t = performance.now();
  const reclaim = reclaimable(tree, { limit: 100 });
  const reclaimableMs = performance.now() - t;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const figures: ScaleFigures = {
    entries,
    paths: index.size,
    versions: tree.store.count,
    buildMs: Math.round(buildMs),
    diveMs: Math.round(diveMs),
    treeMB: mb(tree.memoryBytes()),
    retainedWithDiveMB: gc === undefined ? null : mb(withDive - before),
    retainedTreeMB: gc === undefined ? null : mb(treeOnly - before),
    peakRssMB: mb(peakRss),
    firstChildrenMs: Math.round(firstChildrenMs),
    warmChildrenMs: Math.round(warmChildrenMs * 10) / 10,
    layerOnlyMs: Math.round(layerOnlyMs),
    reclaimableMs: Math.round(reclaimableMs),
    warnings: tree.warningCount,
    inefficientFiles: inefficientCount,
  };
  const check = (): void => {
    expect(top.length).toBeGreaterThan(0);
    expect(tree.fileCountAndBytes().bytes + reclaim.reclaimableBytes).toBe(contentBytes);
    expect(diveSize).toBe(contentBytes);
    expect(efficiency).toBeGreaterThan(0);
    expect(efficiency).toBeLessThan(1);
    expect(inefficientCount).toBeGreaterThan(0);
  };
  return { figures, check };
}

describe('merged tree at scale', () => {
  it('builds a 50,000-entry, 10-layer image and keeps its byte balance', async () => {
    const { figures, check } = await runScale(100, 3000);
    expect(figures.entries).toBe(100 * 200 + 9 * 3000);
    check();
  });
});
