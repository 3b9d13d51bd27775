/**
 * One engine's connection state machine: connecting -> connected | unavailable. While the
 * engine is the active one, an unavailable engine is retried with backoff (1 s, 2 s, 4 s ... 30 s).
 * Listeners hear about state *changes* only: a dead engine is one `unavailable` notice, not one
 * per failed request or retry, and a refreshed `connected` status is not news.
 */
import type { ConnectionInfo, ConnectionStatus } from '../../../src-shared/connection-dto';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';

export interface EngineConnectionOptions {
  /** One attempt; rejects with the reason the engine cannot be used. */
  probe: () => Promise<ConnectionInfo>;
  onChange: (status: ConnectionStatus, previous: ConnectionStatus) => void;
  backoff?: BackoffPolicy;
  now?: () => number;
}

export class EngineConnection {
  private current: ConnectionStatus = { state: 'connecting' };
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<ConnectionStatus> | undefined;
  private active = false;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly options: EngineConnectionOptions) {
    this.now = options.now ?? Date.now;
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  /** Only the active (current) engine is retried automatically. */
  setActive(active: boolean): void {
    this.active = active;
    if (!active) {
      this.clearTimer();
      if (this.current.state === 'unavailable') this.current = { ...this.current, nextRetryAt: null };
    } else if (this.current.state === 'unavailable' && !this.timer) {
      this.schedule();
    }
  }

  /** Tries now (joining an attempt already running); resolves to the resulting status. */
  check(): Promise<ConnectionStatus> {
    if (this.disposed) return Promise.resolve(this.current);
    this.inFlight ??= this.attempt().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** The engine dropped a long request (its event stream ended): find out whether it is still there. */
  lost(): Promise<ConnectionStatus> {
    return this.check();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private async attempt(): Promise<ConnectionStatus> {
    this.clearTimer();
    let next: ConnectionStatus;
    try {
      const info = await this.options.probe();
      this.failures = 0;
      const since = this.current.state === 'connected' ? this.current.since : this.now();
      next = { state: 'connected', since, info };
    } catch (err) {
      this.failures++;
      const reason = err instanceof Error ? err.message : String(err);
      next = { state: 'unavailable', reason, nextRetryAt: null, attempts: this.failures };
    }
    if (this.disposed) return next;
    const previous = this.current;
    this.current = next;
    if (next.state === 'unavailable' && this.active) this.schedule();
    if (previous.state !== next.state) this.options.onChange(this.current, previous);
    return this.current;
  }

  private schedule(): void {
    if (this.current.state !== 'unavailable') return;
    const delay = backoffDelay(Math.max(1, this.failures), this.options.backoff ?? DEFAULT_BACKOFF);
    this.current = { ...this.current, nextRetryAt: this.now() + delay };
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, delay);
    // A pending retry must not keep a test process (or a quitting app) alive.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
