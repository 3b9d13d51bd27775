/** The size tree of an analyzed image as of a layer, loaded lazily through `archiveChildren`. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TreeEntryDto } from '../../../src-shared/archive-analysis';
import { call, errorMessage } from '../../ipc/client';
import { pathTo, unloadedDirs, withChildren, type SizeNode } from '../../viz/treemap';

export interface SizeTreeSource {
  sessionId: string;
  imageId: string;
  layer: number;
  view: 'merged' | 'layer-only';
}

const toNode = (e: TreeEntryDto): SizeNode => ({
  name: e.name,
  path: e.path,
  key: e.key,
  size: e.size,
  dir: e.type === 'dir',
  change: e.change,
});
const emptyRoot = (): SizeNode => ({ name: '/', path: '', key: '', size: 0, dir: true, change: 'unchanged' });

/** Directories loaded in one go at most, so zooming into a wide folder does not flood main. */
const BATCH = 48;

export function useSizeTree(src: SizeTreeSource): {
  tree: SizeNode;
  loading: boolean;
  error: string | null;
  /** Make sure the node at `path` and `depth` levels below it are loaded. */
  ensure: (path: string, depth: number) => void;
} {
  const [tree, setTree] = useState<SizeNode>(emptyRoot);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const treeRef = useRef(tree);
  const inflight = useRef(new Set<string>());
  const generation = useRef(0);
  const { sessionId, imageId, layer, view } = src;

  const load = useCallback(
    async (nodes: SizeNode[], gen: number): Promise<SizeNode[]> => {
      const fresh = nodes.filter((n) => !inflight.current.has(n.path)).slice(0, BATCH);
      fresh.forEach((n) => inflight.current.add(n.path));
      setPending((p) => p + fresh.length);
      const loaded: SizeNode[] = [];
      await Promise.all(
        fresh.map(async (n) => {
          try {
            const entries = await call('archiveChildren', { sessionId, imageId, key: n.key, layer, view });
            if (gen !== generation.current) return;
            const children = entries.map(toNode);
            treeRef.current = withChildren(treeRef.current, n.path, children);
            if (n.path === '')
              treeRef.current = { ...treeRef.current, size: children.reduce((a, c) => a + c.size, 0) };
            loaded.push(...children);
          } catch (err) {
            if (gen === generation.current) setError(errorMessage(err));
          } finally {
            if (gen === generation.current) inflight.current.delete(n.path);
            setPending((p) => p - 1);
          }
        }),
      );
      if (gen === generation.current) setTree(treeRef.current);
      return loaded;
    },
    [sessionId, imageId, layer, view],
  );

  // A new source: start over, loading the top two levels for the first paint.
  useEffect(() => {
    const gen = ++generation.current;
    inflight.current = new Set();
    treeRef.current = emptyRoot();
    setTree(treeRef.current);
    setError(null);
    void load([treeRef.current], gen).then((top) =>
      load(
        top.filter((n) => n.dir && n.size > 0),
        gen,
      ),
    );
  }, [load]);

  const ensure = useCallback(
    (path: string, depth: number) => {
      const gen = generation.current;
      // One pass a level: each pass loads what the previous one revealed.
      const pass = async (left: number): Promise<void> => {
        const node = pathTo(treeRef.current, path)?.at(-1);
        const todo = node ? unloadedDirs(node, depth) : [];
        if (!todo.length || left <= 0 || gen !== generation.current) return;
        await load(todo, gen);
        await pass(left - 1);
      };
      void pass(depth + 1);
    },
    [load],
  );

  return { tree, loading: pending > 0, error, ensure };
}
