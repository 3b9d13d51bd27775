/**
 * After a container is removed its row goes, and the focus (on the row or its Remove button) fell
 * to the page. Once the list no longer holds it, a lost focus goes to the row now in its place.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { ContainerSummary } from '../../../src-shared/containers-dto';
import { rowToFocus } from '../images/use-focus-after-change';

export function useFocusAfterRemove(
  body: RefObject<HTMLTableSectionElement | null>,
  containers: readonly ContainerSummary[],
): (id: string) => void {
  const pending = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    const p = pending.current;
    if (!p || containers.some((c) => c.id === p.id) || !body.current) return;
    pending.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const rows = [...body.current.querySelectorAll<HTMLElement>('tr[data-testid="ct-row"]')];
    const at = rowToFocus(
      rows.map((r) => r.dataset['id'] ?? ''),
      [],
      p.index,
    );
    if (at !== null) rows[at]?.focus();
  }, [containers, body]);
  return useCallback(
    (id: string) => {
      pending.current = { id, index: containers.findIndex((c) => c.id === id) };
    },
    [containers],
  );
}
