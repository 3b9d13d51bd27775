/**
 * How long to wait before the next connection attempt: doubling from 1 s to at most 30 s.
 * No jitter: one desktop app retries against its own engine, there is no herd to spread.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000 };

/** The delay after the `failures`-th failure in a row (1-based). */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^(n-1) overflows to Infinity long after it passes maxMs; Math.min keeps it finite.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(n - 1, 30));
}
