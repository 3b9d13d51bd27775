/**
 * The engine's event JSON (`GET /events`, one object per line) mapped to our small DTO. Engines
 * before API 1.22 sent only `status`/`id`/`from` for containers; newer ones send
 * `Type`/`Action`/`Actor` (and keep the old fields for containers and images).
 */
import { EngineEventSchema, type EngineEvent } from '../../../src-shared/connection-dto';

export interface RawEngineEvent {
  Type?: unknown;
  Action?: unknown;
  Actor?: { ID?: unknown; Attributes?: Record<string, unknown> | null } | null;
  status?: unknown;
  id?: unknown;
  from?: unknown;
  time?: unknown;
  timeNano?: unknown;
}

// The engine's object types the window knows; anything else is reported as 'other'.
const TYPES = new Set<EngineEvent['type']>(EngineEventSchema.shape.type.options.filter((t) => t !== 'other'));

const str = (v: unknown, max = 512): string | undefined =>
  typeof v === 'string' && v ? v.slice(0, max) : undefined;

/** Our DTO, or undefined for a value that is not an engine event. */
export function mapEngineEvent(raw: unknown, now: () => number = Date.now): EngineEvent | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const e = raw as RawEngineEvent;
  const action = str(e.Action, 200) ?? str(e.status, 200);
  const id = str(e.Actor?.ID) ?? str(e.id);
  if (!action || !id) return undefined;
  const rawType = str(e.Type) ?? 'container';
  const type = TYPES.has(rawType as EngineEvent['type']) ? (rawType as EngineEvent['type']) : 'other';
  const name = str(e.Actor?.Attributes?.['name']);
  return { type, action, id, ...(name ? { name } : {}), time: eventTimeMs(e) ?? now() };
}

/** ms since the epoch; `timeNano` when present (exact to ~0.25 µs once parsed as a double). */
export function eventTimeMs(e: RawEngineEvent): number | undefined {
  if (typeof e.timeNano === 'number' && Number.isFinite(e.timeNano) && e.timeNano > 0)
    return Math.floor(e.timeNano / 1e6);
  if (typeof e.time === 'number' && Number.isFinite(e.time) && e.time > 0) return e.time * 1000;
  return undefined;
}

/** Identifies one event across two subscriptions, so a resubscription `since` a time drops what it already pushed. */
export function eventKey(e: RawEngineEvent): string {
  return [e.timeNano ?? e.time, e.Type ?? '', e.Action ?? e.status ?? '', e.Actor?.ID ?? e.id ?? '']
    .map(String)
    .join('|');
}
