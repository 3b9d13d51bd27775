/**
 * Growth helpers for the typed-array columns of the merged tree. The tree keeps one column per
 * attribute instead of one JS object per node: a million nodes as objects cost ~150-200 bytes
 * each plus GC pressure, as columns ~40. Columns grow by doubling so appends stay amortised O(1).
 */

export type Column = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

type ColumnCtor<T extends Column> = new (length: number) => T;

/**
 * Returns `column` when it already holds `minLength` slots, else a doubled copy. New slots are
 * set to `fill` (typed arrays start at 0, and several columns use -1 as "none").
 */
export function grown<T extends Column>(column: T, minLength: number, fill = 0): T {
  if (column.length >= minLength) return column;
  let length = Math.max(16, column.length * 2);
  while (length < minLength) length *= 2;
  const next = new (column.constructor as ColumnCtor<T>)(length);
  (next as Column).set(column as ArrayLike<number>);
  if (fill !== 0) next.fill(fill, column.length);
  return next;
}

/**
 * A copy of `column`, for a constructor to store over the field's first value. V8 treats a field
 * that has only ever held one object as a constant and bakes that object into optimized code, so
 * the first growth would throw away every function that read the column and compile it again.
 * A second store while nothing is optimized yet makes it an ordinary (mutable) field from the start.
 */
export function unpinned<T extends Column>(column: T): T {
  return column.slice() as T;
}

/** A right-sized copy: drops the doubling slack once building is finished. */
export function trimmed<T extends Column>(column: T, length: number): T {
  return column.slice(0, length) as T;
}
