/**
 * What the merge refused or had to guess, per layer. Hostile or broken input must never crash the
 * analysis or resolve outside the image root; it is reported here instead. The log is capped so a
 * layer with a million bad names cannot exhaust memory; `total` keeps the true count.
 */

export type MergeWarningCode =
  /** A `..` component: refused, never resolved. */
  | 'dot-dot'
  /** A `.wh.` name used as a directory (`a/.wh.b/c`): no tool writes that; refused. */
  | 'whiteout-in-directory'
  /** aufs bookkeeping (`.wh..wh.plnk` ...): ignored, never a file of the result. */
  | 'whiteout-meta'
  /** `.wh.` with nothing usable after it (`.wh.`, `.wh..`): ignored. */
  | 'whiteout-bad-name'
  /** A whiteout for a path no lower layer has: nothing to remove. */
  | 'whiteout-missing-target'
  /** Hardlink target with `..`: refused; the link is kept with no bytes. */
  | 'hardlink-outside-root'
  /** Hardlink target written as an absolute path: resolved inside the root. */
  | 'hardlink-absolute'
  /** Hardlink target not present at that point: the link is kept with no bytes. */
  | 'hardlink-missing-target'
  /** Hardlink to a directory (impossible on Linux): kept with no bytes. */
  | 'hardlink-to-directory'
  /** An entry below a non-directory: the non-directory was replaced by a directory. */
  | 'parent-not-directory'
  /** The root entry (`./`) given as something other than a directory: ignored. */
  | 'root-not-directory';

export interface MergeWarning {
  layer: number;
  code: MergeWarningCode;
  /** The raw path as found in the tar. */
  path: string;
  detail?: string;
}

export class WarningLog {
  readonly items: MergeWarning[] = [];
  total = 0;

  constructor(private readonly cap = 1000) {}

  add(layer: number, code: MergeWarningCode, path: string, detail?: string): void {
    this.total++;
    if (this.items.length < this.cap) this.items.push(detail === undefined ? { layer, code, path } : { layer, code, path, detail });
  }
}
