/**
 * Walks two final filesystems side by side, one directory at a time: a directory is listed in
 * both images only when its total size or child count differs, so identical subtrees cost nothing.
 * The first directories that differ are walked on their own (breadth first, up to a budget); the
 * user opens the rest.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../ipc/client';
import { diffChildren, diffTotals, type DiffRow, type DiffTotals } from '../../viz/compare';

export interface TreeSide {
  sessionId: string;
  imageId: string;
  /** The top layer: the final filesystem. */
  layer: number;
}

export type DirState =
  { status: 'loading' } | { status: 'ready'; rows: DiffRow[] } | { status: 'error'; message: string };

/** Directory listings walked on their own before the user asks (each is two archiveChildren calls). */
export const AUTO_WALK_DIRS = 150;

export interface TreeDiff {
  dirs: ReadonlyMap<string, DirState>;
  expanded: ReadonlySet<string>;
  toggle: (key: string) => void;
  totals: DiffTotals;
  /** Directories that differ but are not listed yet. */
  pending: number;
}

interface WalkState {
  pair: string;
  dirs: ReadonlyMap<string, DirState>;
  expanded: ReadonlySet<string>;
}
type SetWalk = (update: (s: WalkState) => WalkState) => void;

const fresh = (pair: string): WalkState => ({ pair, dirs: new Map(), expanded: new Set(['']) });

/** A walker for one pair of images: `load(key, auto)` lists a directory in both and diffs it. */
function walker(a: TreeSide, b: TreeSide, sharedPrefix: number, pair: string, set: SetWalk) {
  let budget = AUTO_WALK_DIRS;
  let alive = true;
  const update = (fn: (s: WalkState) => WalkState): void => {
    if (alive) set((s) => fn(s.pair === pair ? s : fresh(pair)));
  };
  const put = (key: string, state: DirState): void =>
    update((s) => ({ ...s, dirs: new Map(s.dirs).set(key, state) }));
  const load = async (key: string, auto: boolean): Promise<void> => {
    put(key, { status: 'loading' });
    try {
      const args = { key, view: 'merged' as const };
      const [ea, eb] = await Promise.all([
        call('archiveChildren', { ...args, sessionId: a.sessionId, imageId: a.imageId, layer: a.layer }),
        call('archiveChildren', { ...args, sessionId: b.sessionId, imageId: b.imageId, layer: b.layer }),
      ]);
      const rows = diffChildren(ea, eb, { sharedPrefix });
      put(key, { status: 'ready', rows });
      if (!auto || !alive) return;
      const take = rows.filter((r) => r.expandable).slice(0, Math.max(0, budget));
      budget -= take.length;
      if (take.length)
        update((s) => ({ ...s, expanded: new Set([...s.expanded, ...take.map((r) => r.key)]) }));
      for (const r of take) void load(r.key, true);
    } catch (err) {
      put(key, { status: 'error', message: errorMessage(err) });
    }
  };
  return {
    load,
    stop: () => {
      alive = false;
    },
  };
}

export function useTreeDiff(a: TreeSide | null, b: TreeSide | null, sharedPrefix: number): TreeDiff {
  const pair =
    a && b
      ? `${a.sessionId}|${a.imageId}|${a.layer}#${b.sessionId}|${b.imageId}|${b.layer}#${sharedPrefix}`
      : '';
  const [walk, setWalk] = useState<WalkState>(() => fresh(''));
  const current = useRef<ReturnType<typeof walker> | null>(null);

  useEffect(() => {
    if (!a || !b) return;
    const w = walker(a, b, sharedPrefix, pair, setWalk);
    current.current = w;
    void w.load('', true);
    return () => {
      w.stop();
      if (current.current === w) current.current = null;
    };
    // The sides are identified by `pair`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pair]);

  const state = walk.pair === pair ? walk : fresh(pair);
  const { dirs, expanded } = state;
  const toggle = useCallback(
    (key: string) => {
      setWalk((s) => {
        if (s.pair !== pair) return s;
        const next = new Set(s.expanded);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return { ...s, expanded: next };
      });
      if (!dirs.has(key)) void current.current?.load(key, false);
    },
    [dirs, pair],
  );

  const totals: DiffTotals = { added: 0, removed: 0, changed: 0, addedBytes: 0, removedBytes: 0 };
  let pending = 0;
  for (const d of dirs.values()) {
    if (d.status !== 'ready') continue;
    diffTotals(d.rows, totals);
    for (const r of d.rows) if (r.expandable && !dirs.has(r.key)) pending++;
  }
  return { dirs, expanded, toggle, totals, pending };
}
