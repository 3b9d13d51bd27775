import { describe, expect, it } from 'vitest';
import {
  FRESH,
  firstNotDone,
  keepLeftover,
  loadProgress,
  markDone,
  MAX_COMMITTED,
  MAX_SAVED_FILES,
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
    expect(p).toEqual({ ...FRESH, done: ['run-server', 'exec'], current: 'tags' });
    expect(
      parseProgress(
        JSON.stringify({ current: 'gone', committedId: ID, committedIds: [ID, 'sha256:short', 7] }),
      ),
    ).toEqual({ ...FRESH, committedId: ID, committedIds: [ID] });
  });

  it('reads the single committed ID earlier versions kept, and starts the list of commits with it', () => {
    const old = { done: ['commit'], current: 'tags', committedId: ID, ports: [8001, 8002] };
    const p = parseProgress(JSON.stringify(old));
    expect(p).toEqual({ ...FRESH, ...old, committedIds: [ID] });
    expect(parseProgress(serializeProgress(p))).toEqual(p);
  });

  it('remembers every commit, newest last, once each, the newest 20; lesson 9 uses the last unnamed', () => {
    const ids = Array.from(
      { length: MAX_COMMITTED + 5 },
      (_, i) => `sha256:${i.toString(16).padStart(64, '0')}`,
    );
    // As lesson 8 reports them: an unnamed commit, then the one it names v2.
    const p = ids.reduce(
      (acc, committed, i) => keepLeftover(acc, { committed, unnamed: i % 2 === 0 }),
      FRESH,
    );
    expect(p.committedIds).toEqual(ids.slice(5));
    expect(p.committedId).toBe(ids.at(-1));
    const named = keepLeftover(p, { committed: ID, unnamed: false });
    expect(named.committedId).toBe(ids.at(-1));
    // A commit kept again moves to the end (it is the latest again), not twice.
    expect(keepLeftover(p, { committed: ids[10]!, unnamed: false }).committedIds).toEqual([
      ...ids.slice(5, 10),
      ...ids.slice(11),
      ids[10],
    ]);
    // A longer stored list is cut to the newest on reading.
    expect(parseProgress(JSON.stringify({ committedIds: ids })).committedIds).toEqual(ids.slice(5));
  });

  it('remembers the files a lesson saved, the latest write per path, the newest 10', () => {
    const tar = { path: '/tmp/l/httpd.tar', bytes: 5120, writtenAt: 1000 };
    let p = keepLeftover(FRESH, { savedFile: tar });
    p = keepLeftover(p, { savedFile: { ...tar, path: '/tmp/l/httpd.tar.gz', bytes: 900 } });
    p = keepLeftover(p, { savedFile: { ...tar, bytes: 6144, writtenAt: 2000 } });
    expect(p.savedFiles).toEqual([
      { path: '/tmp/l/httpd.tar.gz', bytes: 900, writtenAt: 1000 },
      { path: '/tmp/l/httpd.tar', bytes: 6144, writtenAt: 2000 },
    ]);
    for (let i = 0; i < MAX_SAVED_FILES; i++)
      p = keepLeftover(p, { savedFile: { ...tar, path: `/tmp/l/${i}` } });
    expect(p.savedFiles.map((f) => f.path)).toEqual(
      Array.from({ length: MAX_SAVED_FILES }, (_, i) => `/tmp/l/${i}`),
    );
  });

  it('reads back only well-formed saved files, with their three fields', () => {
    const good = { path: '/tmp/l/httpd.tar', bytes: 5120, writtenAt: 1000 };
    const stored = [
      { ...good, extra: 'dropped' },
      { ...good, path: '' },
      { ...good, bytes: -1 },
      { ...good, bytes: 1.5 },
      { ...good, writtenAt: 0 },
      { path: '/tmp/l/x' },
      'httpd.tar',
      null,
    ];
    expect(parseProgress(JSON.stringify({ savedFiles: stored })).savedFiles).toEqual([good]);
    expect(parseProgress(JSON.stringify({ savedFiles: 'x' })).savedFiles).toEqual([]);
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
      committedIds: [ID],
      savedFiles: [{ path: '/tmp/l/httpd.tar', bytes: 5120, writtenAt: 1000 }],
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
