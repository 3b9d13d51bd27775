/**
 * Keeps keyboard focus in the Images list after a dialog changed it. Untagging removes the chip
 * whose × opened the dialog and removing an image removes its row, so the dialog, on closing,
 * had nothing to give focus back to and it fell to the page. Once the dialog is closed and the
 * refreshed list drawn, a lost focus goes to the row of the image the dialog acted on, else the
 * row now in its place.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';

const ROWS = 'tr[data-testid="image-row"]';

/** The row to focus: the first of `ids` still listed, else the one at `index` (or the last). */
export function rowToFocus(rowIds: readonly string[], ids: readonly string[], index: number): number | null {
  const kept = rowIds.findIndex((id) => ids.includes(id));
  if (kept >= 0) return kept;
  return rowIds.length === 0 ? null : Math.min(Math.max(0, index), rowIds.length - 1);
}

export function useFocusAfterChange(
  body: RefObject<HTMLTableSectionElement | null>,
  images: readonly ImageSummary[],
  /** The listed rows' image IDs, in order. */
  rowIds: readonly string[],
  dialogOpen: boolean,
): (ids: readonly string[]) => void {
  const pending = useRef<{ ids: readonly string[]; index: number; before: readonly ImageSummary[] } | null>(
    null,
  );
  useEffect(() => {
    const p = pending.current;
    if (!p || dialogOpen || p.before === images || !body.current) return;
    pending.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const rows = [...body.current.querySelectorAll<HTMLElement>(ROWS)];
    const at = rowToFocus(
      rows.map((r) => r.dataset['imageId'] ?? ''),
      p.ids,
      p.index,
    );
    if (at !== null) rows[at]?.focus();
  }, [images, dialogOpen, body]);

  return useCallback(
    (ids: readonly string[]) => {
      const index = rowIds.findIndex((id) => ids.includes(id));
      pending.current = { ids, index, before: images };
    },
    [rowIds, images],
  );
}
