import { describe, expect, it } from 'vitest';
import { eventKey, mapEngineEvent } from './engine-event-map';

describe('mapEngineEvent', () => {
  it('maps a modern event, time from timeNano', () => {
    // As it arrives: a JSON number beyond 2^53, parsed to the nearest double.
    const raw: unknown = JSON.parse(
      '{"Type":"container","Action":"create","Actor":{"ID":"abc","Attributes":{"name":"web","image":"busybox"}},"time":1700000000,"timeNano":1700000000123456789}',
    );
    expect(mapEngineEvent(raw)).toEqual({
      type: 'container',
      action: 'create',
      id: 'abc',
      name: 'web',
      time: 1700000000123,
    });
  });
  it('maps the legacy status/id form as a container event, seconds to ms', () => {
    expect(mapEngineEvent({ status: 'die', id: 'c1', from: 'busybox', time: 1700000001 })).toEqual({
      type: 'container',
      action: 'die',
      id: 'c1',
      time: 1700000001000,
    });
  });
  it('keeps unknown types as other, ignores non-events', () => {
    expect(mapEngineEvent({ Type: 'future', Action: 'x', Actor: { ID: 'i' }, time: 1 })?.type).toBe('other');
    expect(mapEngineEvent({ hello: 1 })).toBeUndefined();
    expect(mapEngineEvent('str')).toBeUndefined();
    expect(mapEngineEvent(null)).toBeUndefined();
  });
  it('keys an event by time, type, action and actor', () => {
    const a = { Type: 'image', Action: 'tag', Actor: { ID: 'sha256:1' }, timeNano: 5 };
    expect(eventKey(a)).toBe(eventKey({ ...a }));
    expect(eventKey(a)).not.toBe(eventKey({ ...a, Action: 'untag' }));
  });
});
