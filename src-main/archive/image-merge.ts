/**
 * One image's layers merged bottom first into the tree and dive's metrics, a layer at a time:
 * the merge of the layers already read can run while the next ones are still being read.
 */
import type { LayoutPlan } from './layout/plan';
import type { LayerScan } from './model';
import type { LayerSummary } from './merge/layer-changes';
import { PathIndex } from './merge/path-index';
import { MergedTreeBuilder } from './merge/tree-builder';
import { DiveAccumulator } from './metrics/dive';

export class ImageMerge {
  // One path index for the tree and dive's metrics: each path is interned once, not twice.
  readonly index = new PathIndex();
  readonly builder = new MergedTreeBuilder({ index: this.index });
  readonly dive = new DiveAccumulator(this.index);
  readonly summaries: LayerSummary[] = [];

  /** Layers merged so far. */
  get merged(): number {
    return this.summaries.length;
  }

  add(scan: LayerScan): void {
    this.summaries.push(this.builder.addLayer(scan.entries));
    this.dive.addPlannedLayer(scan.entries, this.builder.lastPlan!);
  }
}

/**
 * Merges the layers of an archive's only image as they arrive (in any order; each is merged once
 * those below it are). Only then: with several images (or a layer listed twice) the total merge
 * work is checked against its limit first, which needs every layer's entry count.
 */
export class EarlyMerge {
  private merge: ImageMerge | null = null;
  private plan: LayoutPlan | null = null;
  private readonly ready = new Map<string, LayerScan>();
  /** Entries of the layers merged (their lists are emptied once merged, to free them early). */
  private readonly counts = new Map<string, number>();

  onLayer = (plan: LayoutPlan, blob: string, scan: LayerScan): void => {
    const img = plan.images[0];
    if (plan.images.length !== 1 || !img) return;
    const blobs = img.layers.map((l) => l.blobPath);
    if (new Set(blobs).size !== blobs.length) return;
    if (!this.merge) {
      this.merge = new ImageMerge();
      this.plan = plan;
    }
    this.ready.set(blob, scan);
    for (let b = blobs[this.merge.merged]; b && this.ready.has(b); b = blobs[this.merge.merged]) {
      const ready = this.ready.get(b)!;
      this.merge.add(ready);
      this.ready.delete(b);
      this.counts.set(b, ready.entries.length);
      ready.entries = [];
    }
  };

  /** A layer's entry count (its list may have been emptied by the merge). */
  entryCount(blob: string, scan: LayerScan): number {
    return this.counts.get(blob) ?? scan.entries.length;
  }

  /** The merge begun for this plan's image, if any. */
  take(plan: LayoutPlan, imageId: string): ImageMerge | null {
    return this.plan === plan && plan.images[0]?.id === imageId ? this.merge : null;
  }
}
