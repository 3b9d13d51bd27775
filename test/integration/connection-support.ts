/** Helpers of the connection integration tests: the docker CLI on a socket, waiting for pushed events. */
import { randomBytes } from 'node:crypto';
import type { EventName, EventPayload } from '../../src-shared/ipc-contract';
import type { EventHub } from '../../src-main/ipc/event-hub';
import { run } from '../testbed/exec';

/** The docker.io CLI (20.10, same API as the test bed's daemon). */
export const docker = (dockerHost: string, ...args: string[]): Promise<string> =>
  run('/usr/bin/docker', ['-H', dockerHost, ...args], { timeoutMs: 60_000 }).then((r) => r.stdout.trim());

export const uniqueName = (what: string): string =>
  `strata-it-connection-${what}-${randomBytes(4).toString('hex')}`;

/** Records every push of one event name, with the time it arrived. */
export class Recorder<E extends EventName> {
  readonly got: Array<{ at: number; payload: EventPayload<E> }> = [];
  readonly off: () => void;
  constructor(hub: EventHub, event: E) {
    this.off = hub.subscribe((name, payload) => {
      if (name === event) this.got.push({ at: performance.now(), payload: payload as EventPayload<E> });
    });
  }

  /** Resolves with the first push (from index `from`) that `match` accepts. */
  async waitFor(
    match: (p: EventPayload<E>) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<{ at: number; payload: EventPayload<E> }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.got.slice(from).find((g) => match(g.payload));
      if (hit) return hit;
      if (performance.now() > deadline)
        throw new Error(
          `no matching push within ${timeoutMs} ms; got ${JSON.stringify(this.got.map((g) => g.payload))}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
