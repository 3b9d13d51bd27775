/**
 * Turns pull/push progress messages (one per layer event: `{id, status, progressDetail}`) into
 * one figure for the whole job: bytes done and total summed over the layers seen so far.
 * Only the transfer counts (Downloading / Pushing): extraction re-reads the same bytes and
 * would count them twice. A layer the registry or engine already has counts as done.
 */
import type { JsonMessage } from './json-stream';

export interface TransferProgress {
  bytesDone: number;
  bytesTotal: number;
  /** `<layer id>: <status>` of the last message. */
  current?: string;
  layers: number;
}

const TRANSFERRING = new Set(['Downloading', 'Pushing']);
/** Statuses after which a layer's transfer is over (its bytes count as done). */
const FINISHED = new Set([
  'Download complete',
  'Verifying Checksum',
  'Extracting',
  'Pull complete',
  'Already exists',
  'Pushed',
  'Layer already exists',
  'Mounted from',
]);

interface LayerState {
  done: number;
  total: number;
  finished: boolean;
  status: string;
}

const isLayerId = (id: string): boolean => /^[0-9a-f]{12,64}$/.test(id);

export class LayerProgress {
  private readonly layers = new Map<string, LayerState>();
  private current: string | undefined;

  /**
   * Feeds one message. Answers 'status' when a layer (or the job) changed status, which the
   * window should see at once; 'bytes' for a byte count only, which may be throttled; null otherwise.
   */
  update(m: JsonMessage): 'status' | 'bytes' | null {
    if (!m.id || !m.status) return null;
    this.current = `${m.id}: ${m.status}`;
    if (!isLayerId(m.id)) return 'status';
    let layer = this.layers.get(m.id);
    if (!layer) {
      layer = { done: 0, total: 0, finished: false, status: '' };
      this.layers.set(m.id, layer);
    }
    const status = m.status.startsWith('Mounted from') ? 'Mounted from' : m.status;
    const changed = layer.status !== status;
    layer.status = status;
    const detail = m.progressDetail;
    if (TRANSFERRING.has(status) && detail) {
      if (typeof detail.total === 'number' && detail.total > 0)
        layer.total = Math.max(layer.total, detail.total);
      if (typeof detail.current === 'number')
        layer.done = Math.min(Math.max(layer.done, detail.current), layer.total || detail.current);
    } else if (FINISHED.has(status)) {
      layer.finished = true;
      if (typeof detail?.total === 'number' && detail.total > layer.total && status !== 'Extracting')
        layer.total = detail.total;
      layer.done = layer.total;
    }
    return changed ? 'status' : 'bytes';
  }

  snapshot(): TransferProgress {
    let done = 0;
    let total = 0;
    for (const l of this.layers.values()) {
      done += l.done;
      total += l.total;
    }
    return {
      bytesDone: done,
      bytesTotal: Math.max(total, done),
      layers: this.layers.size,
      ...(this.current ? { current: this.current } : {}),
    };
  }
}
