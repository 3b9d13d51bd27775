/**
 * A promise's state for a component, re-run when `key` changes; stale answers are dropped. The
 * state remembers which key it answers, so a new key reads as loading without a setState in the effect.
 */
import { useEffect, useState } from 'react';
import { errorMessage } from '../../ipc/client';

export type AsyncState<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

export function useAsync<T>(
  load: () => Promise<T>,
  deps: readonly (string | number | undefined)[],
): AsyncState<T> {
  const key = JSON.stringify(deps);
  const [answer, setAnswer] = useState<{ key: string; state: AsyncState<T> } | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setAnswer({ key, state: { status: 'ready', value } }),
      (err: unknown) => live && setAnswer({ key, state: { status: 'error', message: errorMessage(err) } }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure every render; `key` says when it asks something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return answer?.key === key ? answer.state : { status: 'loading' };
}
