import { events, type EventName, type EventPayload } from '../../src-shared/ipc-contract';

type Listener = (event: EventName, payload: unknown) => void;

/**
 * Push events from main to whoever listens: the Electron glue forwards them to the window,
 * tests subscribe directly. Payloads are checked against the contract before they leave.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of [...this.listeners]) listener(event, checked);
  }

  /** Listen to every event; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
