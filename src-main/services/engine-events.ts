/**
 * Live: follows the current engine's event stream (`GET /events`) and pushes what happens
 * (a `docker` command in a terminal, another tool) to the window as `engineEvent` batches, at
 * most one push per 100 ms. When the stream ends, the daemon is gone or restarting: the registry
 * re-checks it (one `engineStatus` change, then retries with backoff); once it is connected
 * again the stream is reopened `since` the last event seen, and events already pushed are dropped.
 */
import type { Readable } from 'node:stream';
import type { ConnectionStatus, EngineEvent } from '../../src-shared/connection-dto';
import type { EventHub } from '../ipc/event-hub';
import { JsonLinesDecoder } from '../docker/connection/json-lines';
import {
  eventKey,
  eventTimeMs,
  mapEngineEvent,
  type RawEngineEvent,
} from '../docker/connection/engine-event-map';
import { backoffDelay } from '../docker/connection/backoff';
import type { EngineRegistry } from './engine-registry';

export interface EngineEventsOptions {
  /** Coalescing window: at most one push per this many ms (default 100). */
  batchMs?: number;
  /** The most events in one push; the rest go in the next. */
  maxBatch?: number;
  log?: (message: string) => void;
}

interface Subscription {
  engineId: string;
  abort: AbortController;
}

export class EngineEventsService {
  private sub: Subscription | undefined;
  private offRegistry: (() => void) | undefined;
  private queue: Array<{ engineId: string; event: EngineEvent }> = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  /** Per engine: where to resume (seconds, the engine's `since` unit) and what that second already delivered. */
  private readonly resume = new Map<string, { sinceSec: number; seen: Set<string> }>();
  /** Streams that ended while the engine still answered: spaced out with backoff, so a flapping proxy cannot spin. */
  private quickEnds = 0;
  private stopped = false;

  constructor(
    private readonly registry: EngineRegistry,
    private readonly hub: EventHub,
    private readonly options: EngineEventsOptions = {},
  ) {}

  /** Follows the current engine from now on (and whichever engine becomes current later). */
  start(): void {
    this.stopped = false;
    this.offRegistry = this.registry.onCurrentChange((id, status) => this.onStatus(id, status));
    const id = this.registry.currentEngineId;
    this.onStatus(id, this.registry.status(id));
  }

  stop(): void {
    this.stopped = true;
    this.offRegistry?.();
    this.unsubscribe();
    clearTimeout(this.resubscribeTimer);
    this.flush();
  }

  private onStatus(id: string, status: ConnectionStatus): void {
    if (this.stopped) return;
    if (status.state === 'connected') {
      if (this.sub?.engineId !== id) this.subscribe(id);
    } else if (this.sub && (this.sub.engineId !== id || status.state === 'unavailable')) {
      this.unsubscribe();
    }
  }

  private subscribe(engineId: string): void {
    this.unsubscribe();
    clearTimeout(this.resubscribeTimer);
    const abort = new AbortController();
    const sub: Subscription = { engineId, abort };
    this.sub = sub;
    const resume = this.resume.get(engineId);
    // First subscription to this engine: from now. The engine's clock may differ from ours, so
    // the resume point is taken from its events, or from `since` of the previous stream.
    if (!resume) this.resume.set(engineId, { sinceSec: Math.floor(Date.now() / 1000), seen: new Set() });
    const since = resume?.sinceSec;
    const openedAt = Date.now();
    const decoder = new JsonLinesDecoder((line, err) =>
      this.options.log?.(`engine event: bad line ${line}: ${String(err)}`),
    );
    // dockerode 5 forwards `abortSignal` for getEvents; its typings (4.x) do not list it.
    const docker = this.registry.current() as unknown as { getEvents(o: object): Promise<unknown> };
    docker
      .getEvents({ ...(since !== undefined ? { since } : {}), abortSignal: abort.signal })
      .then((stream) => {
        const s = stream as Readable;
        if (this.sub !== sub) return void s.destroy();
        abort.signal.addEventListener('abort', () => s.destroy(), { once: true });
        s.on('data', (chunk: Buffer) => decoder.push(chunk).forEach((raw) => this.take(engineId, raw)));
        let ended = false;
        const end = (why: string): void => {
          if (ended) return;
          ended = true;
          decoder.end().forEach((raw) => this.take(engineId, raw));
          this.ended(sub, why, openedAt);
        };
        s.on('end', () => end('the engine closed its event stream'));
        s.on('close', () => end('the engine closed its event stream'));
        s.on('error', (err) => end(err.message));
      })
      .catch((err: unknown) => this.ended(sub, err instanceof Error ? err.message : String(err), openedAt));
  }

  private take(engineId: string, raw: unknown): void {
    const event = mapEngineEvent(raw);
    if (!event) return;
    const r = raw as RawEngineEvent;
    const resume = this.resume.get(engineId)!;
    const key = eventKey(r);
    const sec = Math.floor((eventTimeMs(r) ?? event.time) / 1000);
    if (sec < resume.sinceSec || (sec === resume.sinceSec && resume.seen.has(key))) return; // replayed by `since`
    if (sec > resume.sinceSec) resume.seen = new Set();
    resume.sinceSec = sec;
    resume.seen.add(key);
    this.queue.push({ engineId, event });
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.batchMs ?? 100);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.queue.length === 0) return;
    const engineId = this.queue[0]!.engineId;
    const max = this.options.maxBatch ?? 500;
    let n = 0;
    while (n < this.queue.length && n < max && this.queue[n]!.engineId === engineId) n++;
    const batch = this.queue.splice(0, n).map((q) => q.event);
    this.hub.emit('engineEvent', { engineId, events: batch });
    if (this.queue.length > 0) this.flushTimer = setTimeout(() => this.flush(), this.options.batchMs ?? 100);
  }

  private ended(sub: Subscription, why: string, openedAt: number): void {
    if (this.sub !== sub || sub.abort.signal.aborted) return; // we closed it ourselves
    this.sub = undefined;
    this.options.log?.(`engine events of ${sub.engineId} ended: ${why}`);
    void this.registry.reportLost(sub.engineId).then((status) => {
      if (
        this.stopped ||
        status.state !== 'connected' ||
        this.registry.currentEngineId !== sub.engineId ||
        this.sub
      )
        return;
      // Still answering: reopen, after a pause if streams keep ending quickly.
      this.quickEnds = Date.now() - openedAt < 5_000 ? this.quickEnds + 1 : 0;
      const delay = this.quickEnds > 0 ? backoffDelay(this.quickEnds) : 0;
      this.resubscribeTimer = setTimeout(() => {
        if (!this.sub && !this.stopped && this.registry.currentEngineId === sub.engineId)
          this.subscribe(sub.engineId);
      }, delay);
      this.resubscribeTimer.unref();
    });
  }

  private unsubscribe(): void {
    const sub = this.sub;
    this.sub = undefined;
    sub?.abort.abort();
  }
}
