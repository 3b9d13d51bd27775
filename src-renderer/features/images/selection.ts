/** Checkbox selection of image rows: a click toggles one, a shift-click selects the range from the last click. */

export interface Selection {
  ids: ReadonlySet<string>;
  /** The row last clicked without shift: where a shift-click range starts. */
  anchor: string | null;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

/**
 * The selection after clicking row `id`'s checkbox. `ordered` is the rows as shown (filtered and
 * sorted): a shift-click gives every row between the anchor and `id` the state `id` takes.
 */
export function clickSelect(
  sel: Selection,
  ordered: readonly string[],
  id: string,
  shift: boolean,
): Selection {
  const next = new Set(sel.ids);
  const on = !sel.ids.has(id);
  const from = sel.anchor === null ? -1 : ordered.indexOf(sel.anchor);
  const to = ordered.indexOf(id);
  if (shift && from >= 0 && to >= 0) {
    const [a, b] = from < to ? [from, to] : [to, from];
    for (const rowId of ordered.slice(a, b + 1)) {
      if (on) next.add(rowId);
      else next.delete(rowId);
    }
    return { ids: next, anchor: sel.anchor };
  }
  if (on) next.add(id);
  else next.delete(id);
  return { ids: next, anchor: id };
}

/** Drops IDs no longer listed (removed images); keeps the same object when nothing changed. */
export function keepListed(sel: Selection, listed: readonly string[]): Selection {
  const present = new Set(listed);
  if ([...sel.ids].every((id) => present.has(id))) return sel;
  return {
    ids: new Set([...sel.ids].filter((id) => present.has(id))),
    anchor: sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : null,
  };
}
