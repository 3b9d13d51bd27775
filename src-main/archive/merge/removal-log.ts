/**
 * Removal events of all layers (whiteout targets, opaque directories that hid something,
 * directories replaced by non-directories), kept as columns and turned into objects only when
 * the window asks for one layer's list.
 *
 * Why not objects in the layer summary: an `apt-get purge` layer easily whites out tens of
 * thousands of paths; as objects with path strings those cost ~480 bytes each (21 MB measured for
 * 44k), as columns 26. The summaries stay small plain data that can cross IPC as they are.
 */
import { type EntryType } from '../model';
import { grown, unpinned } from './growable';
import { type PathIndex } from './path-index';
import { TYPES } from './version-store';

export type RemovalReason = 'whiteout' | 'opaque' | 'replaced';

/** One removal event: a whiteout target, an opaque dir's hidden children, a dir replaced by a non-dir. */
export interface RemovedItem {
  path: string;
  type: EntryType;
  reason: RemovalReason;
  /** Entries that stopped being visible (for whiteouts the target itself included). */
  entries: number;
  /** Non-directory entries among them. */
  files: number;
  /** Content bytes among them (regular files; hardlinks own none). */
  bytes: number;
}

const REASONS: readonly RemovalReason[] = ['whiteout', 'opaque', 'replaced'];

export class RemovalLog {
  private count = 0;
  private layerOf = new Uint16Array(64);
  private pathId = new Int32Array(64);
  private type = new Uint8Array(64);
  private reason = new Uint8Array(64);
  private entries = new Int32Array(64);
  private files = new Int32Array(64);
  private bytes = new Float64Array(64);

  /** The columns are replaced as they grow: see `unpinned`. */
  constructor() {
    this.layerOf = unpinned(this.layerOf);
    this.pathId = unpinned(this.pathId);
    this.type = unpinned(this.type);
    this.reason = unpinned(this.reason);
    this.entries = unpinned(this.entries);
    this.files = unpinned(this.files);
    this.bytes = unpinned(this.bytes);
  }

  add(
    layer: number,
    pathId: number,
    type: number,
    reason: RemovalReason,
    entries: number,
    files: number,
    bytes: number,
  ): void {
    const i = this.count++;
    const n = this.count;
    this.layerOf = grown(this.layerOf, n);
    this.pathId = grown(this.pathId, n);
    this.type = grown(this.type, n);
    this.reason = grown(this.reason, n);
    this.entries = grown(this.entries, n);
    this.files = grown(this.files, n);
    this.bytes = grown(this.bytes, n);
    this.layerOf[i] = layer;
    this.pathId[i] = pathId;
    this.type[i] = type;
    this.reason[i] = REASONS.indexOf(reason);
    this.entries[i] = entries;
    this.files[i] = files;
    this.bytes[i] = bytes;
  }

  /** The events of one layer, in the order they happened. Events are appended layer by layer. */
  forLayer(layer: number, index: PathIndex): RemovedItem[] {
    const out: RemovedItem[] = [];
    for (let i = this.lowerBound(layer); i < this.count && this.layerOf[i] === layer; i++) {
      out.push({
        path: index.pathOf(this.pathId[i]!),
        type: TYPES[this.type[i]!] ?? 'file',
        reason: REASONS[this.reason[i]!] ?? 'whiteout',
        entries: this.entries[i]!,
        files: this.files[i]!,
        bytes: this.bytes[i]!,
      });
    }
    return out;
  }

  byteLength(): number {
    const cols = [this.layerOf, this.pathId, this.type, this.reason, this.entries, this.files, this.bytes];
    return cols.reduce((sum, c) => sum + c.byteLength, 0);
  }

  private lowerBound(layer: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.layerOf[mid]! < layer) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
