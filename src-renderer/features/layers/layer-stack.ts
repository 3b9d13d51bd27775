/** Numbers and words for the layer stack picture. Pure. */
import type { LayerAnalysis } from '../../../src-shared/archive-analysis';

/** A Dockerfile step as one short line: no `/bin/sh -c #(nop)` noise, collapsed blanks, cut with an ellipsis. */
export function shortenCommand(command: string, max = 80, empty = '(no command recorded)'): string {
  const clean = command
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean === '') return empty;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export interface LayerBar {
  /** Width of the content bar, percent of the widest bar of the stack. */
  contentPct: number;
  /** Width of the stored (blob) bar, same scale. */
  storedPct: number;
}

/**
 * Bars on one linear scale shared by content and stored bytes, so a learner sees true
 * proportions; a non-empty layer never vanishes (at least 0.5 %).
 */
export function layerBars(layers: readonly LayerAnalysis[]): LayerBar[] {
  const max = Math.max(1, ...layers.map((l) => Math.max(l.sizeBytes, l.blobBytes)));
  const pct = (n: number): number => (n <= 0 ? 0 : Math.max(0.5, (n / max) * 100));
  return layers.map((l) => ({ contentPct: pct(l.sizeBytes), storedPct: pct(l.blobBytes) }));
}

/** "+3 ~1 -2": what the layer did to the files below it. */
export function changeCounts(l: LayerAnalysis): string {
  return `+${l.added} ~${l.modified} -${l.removed}`;
}

/** A short local date and time, or '' for none. */
export function formatCreated(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Efficiency 0..1 as the percentage dive prints (two decimals). */
export const formatPercent = (ratio: number): string => `${(ratio * 100).toFixed(2)} %`;

/** The next layer index for a key press in the stack (drawn bottom-up: ArrowUp goes to a higher layer). */
export function stepLayer(current: number, key: string, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowUp':
      return Math.min(count - 1, current + 1);
    case 'ArrowDown':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * How far to scroll a list (added to its scrollTop) so an item shows whole, from their boxes on
 * screen; 0 when it already does. An item taller than the list shows its top.
 */
export function revealDelta(
  list: { top: number; bottom: number },
  item: { top: number; bottom: number },
): number {
  if (item.top < list.top) return item.top - list.top;
  if (item.bottom > list.bottom) return Math.min(item.bottom - list.bottom, item.top - list.top);
  return 0;
}
