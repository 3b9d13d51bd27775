/**
 * A long job the window starts with a client-chosen ID (save, load, pull, push, analyze): its
 * state machine, so every dialog shows running / done / cancelled / failed the same way.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { IpcCallError, rawMessage } from '../../ipc/client';

let counter = 0;
/** A job ID the contract accepts (`[A-Za-z0-9_-]{1,64}`), unique in this window. */
export const newJobId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export type JobState<T> =
  | { status: 'idle' }
  | { status: 'running'; jobId: string }
  | { status: 'done'; result: T }
  | { status: 'cancelled' }
  | { status: 'error'; code: string; message: string; details: unknown };

export interface Job<T> {
  state: JobState<T>;
  /** Starts `work` under a fresh job ID (ignored while one runs); resolves with its result or null. */
  run: (work: (jobId: string) => Promise<T>) => Promise<T | null>;
  reset: () => void;
}

export function useJob<T>(prefix: string): Job<T> {
  const [state, setState] = useState<JobState<T>>({ status: 'idle' });
  const current = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (work: (jobId: string) => Promise<T>): Promise<T | null> => {
      if (current.current) return null;
      const jobId = newJobId(prefix);
      current.current = jobId;
      setState({ status: 'running', jobId });
      const settle = (s: JobState<T>): void => {
        current.current = null;
        if (mounted.current) setState(s);
      };
      try {
        const result = await work(jobId);
        settle({ status: 'done', result });
        return result;
      } catch (err) {
        if (err instanceof IpcCallError && err.code === 'CANCELLED') settle({ status: 'cancelled' });
        else
          settle({
            status: 'error',
            code: err instanceof IpcCallError ? err.code : 'INTERNAL',
            message: rawMessage(err),
            details: err instanceof IpcCallError ? err.details : undefined,
          });
        return null;
      }
    },
    [prefix],
  );
  const reset = useCallback(() => {
    if (!current.current) setState({ status: 'idle' });
  }, []);
  return { state, run, reset };
}
