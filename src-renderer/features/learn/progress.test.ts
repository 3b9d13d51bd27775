import { describe, expect, it } from 'vitest';
import {
  FRESH,
  firstNotDone,
  loadProgress,
  markDone,
  nextLesson,
  parseProgress,
  saveProgress,
  serializeProgress,
  STORAGE_KEY,
} from './progress';

/** A Storage stand-in (the window uses localStorage). */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const ID = `sha256:${'a'.repeat(64)}`;

describe('progress', () => {
  it('starts fresh on nothing, garbage or the wrong shape', () => {
    for (const raw of [null, '', 'not json', '42', '[]', '{"done":"run-server"}'])
      expect(parseProgress(raw)).toEqual(FRESH);
  });

  it('keeps known lessons in lesson order and drops unknown ones and bad IDs', () => {
    const p = parseProgress(
      JSON.stringify({ done: ['exec', 'nope', 'run-server'], current: 'tags', committedId: 'sha256:short' }),
    );
    expect(p).toEqual({ done: ['run-server', 'exec'], current: 'tags', committedId: null, ports: null });
    expect(parseProgress(JSON.stringify({ current: 'gone', committedId: ID }))).toEqual({
      ...FRESH,
      committedId: ID,
    });
  });

  it('keeps two distinct valid ports, else none', () => {
    expect(parseProgress(JSON.stringify({ ports: [8001, 8002] })).ports).toEqual([8001, 8002]);
    for (const ports of [[8001, 8001], [0, 8002], [8001], [8001, 70000], ['8001', 8002], null])
      expect(parseProgress(JSON.stringify({ ports })).ports, JSON.stringify(ports)).toBeNull();
  });

  it('marks a lesson done once, in lesson order', () => {
    let p = markDone(FRESH, 'exec');
    p = markDone(p, 'run-server');
    expect(markDone(p, 'exec')).toBe(p);
    expect(p.done).toEqual(['run-server', 'exec']);
    expect(firstNotDone(p)).toBe('command-logs');
  });

  it('walks to the next lesson and ends after the last', () => {
    expect(nextLesson('run-server')).toBe('command-logs');
    expect(nextLesson('save')).toBe('load');
    expect(nextLesson('load')).toBeNull();
  });

  it('survives a restart: what is saved is what is loaded', () => {
    const storage = memoryStorage();
    const p = {
      ...markDone(markDone(FRESH, 'run-server'), 'commit'),
      current: 'tags' as const,
      committedId: ID,
    };
    saveProgress(storage, p);
    expect(storage.data.get(STORAGE_KEY)).toBe(serializeProgress(p));
    expect(loadProgress(storage)).toEqual(p);
  });

  it('a storage that throws costs the progress, never the window', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadProgress(broken)).toEqual(FRESH);
    expect(() => saveProgress(broken, FRESH)).not.toThrow();
    expect(loadProgress(null)).toEqual(FRESH);
  });
});
