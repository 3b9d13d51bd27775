/**
 * Every channel that takes a file path refuses a relative one (it would depend on main's working
 * directory), a NUL byte and an unbounded length with one INVALID_ARGUMENT naming the field,
 * before the engine, the analyzer or the file system is asked anything.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisHost } from '../services/analysis-host';
import { createMainApi, EventHub } from './main-api';

const untouchable = (what: string) => (): never => {
  throw new Error(`the ${what} must not be asked`);
};
// An analyzer whose every method throws: any call reaching it fails the test with INTERNAL.
const noAnalysis = new Proxy(
  {},
  { get: (_t, key) => untouchable(`analyzer (${String(key)})`) },
) as AnalysisHost;
const logged: unknown[] = [];
const api = createMainApi({
  engine: untouchable('engine'),
  analysis: noAnalysis,
  events: new EventHub(),
  logError: (_channel, err) => logged.push(err),
});

const file = { sessionId: 's', imageId: 'i', key: 'etc/passwd', layer: 0 };
/** Each channel with a path, and how to put a given path in its argument. */
const channels: Array<[string, string, (p: string) => unknown]> = [
  ['openArchive', 'path', (path) => ({ path, jobId: 'j' })],
  ['loadImages', 'path', (path) => ({ path, jobId: 'j' })],
  ['archiveStructure', 'path', (path) => ({ path })],
  ['saveImages', 'destPath', (destPath) => ({ refs: ['busybox'], destPath, jobId: 'j' })],
  ['saveArchiveFile', 'destPath', (destPath) => ({ ...file, destPath, jobId: 'j' })],
  ['addEngine', 'tls.caPath', (caPath) => ({ name: 'x', host: 'tcp://127.0.0.1:2376', tls: { caPath } })],
  ['addEngine', 'tls.keyPath', (keyPath) => ({ name: 'x', host: 'tcp://127.0.0.1:2376', tls: { keyPath } })],
];
const badPaths: Array<[string, string]> = [
  ['relative', 'images/out.tar'],
  ['relative with ./', './out.tar'],
  ['empty', ''],
  ['with a NUL byte', '/tmp/out.tar\0.txt'],
  ['5000 characters long', `/${'a'.repeat(4999)}`],
];

describe('file path arguments', () => {
  for (const [channel, field, args] of channels) {
    for (const [label, bad] of badPaths) {
      it(`${channel}: ${field} ${label} is INVALID_ARGUMENT, nothing asked`, async () => {
        const before = logged.length;
        const res = await api.invoke(channel, args(bad));
        expect(res.error?.code).toBe('INVALID_ARGUMENT');
        expect(res.error?.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ path: field.split('.') })]),
        );
        expect(logged.slice(before)).toEqual([]);
      });
    }
  }

  it('accepts absolute POSIX and Windows paths (the contract lets them through)', async () => {
    for (const path of ['/home/u/a.tar', 'C:\\Users\\u\\a.tar', 'D:/a.tar', '\\\\server\\share\\a.tar']) {
      const res = await api.invoke('openArchive', { path, jobId: 'ok' });
      expect(res.error?.code, path).toBe('NOT_FOUND');
    }
  });

  it('addEngine: TLS options stay strict (an unknown key is refused)', async () => {
    const res = await api.invoke('addEngine', {
      name: 'x',
      host: 'tcp://127.0.0.1:2376',
      tls: { caPath: '/etc/ca.pem', insecure: true },
    });
    expect(res.error?.code).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toContain('insecure');
  });

  it('openArchive: a platform of unbounded length is refused like a bad path', async () => {
    const platform = `linux/${'a'.repeat(5000)}`;
    const res = await api.invoke('openArchive', { path: '/a.tar', jobId: 'j', platform });
    expect(res.error?.code).toBe('INVALID_ARGUMENT');
    expect(res.error?.details).toEqual([expect.objectContaining({ path: ['platform'] })]);
  });

  it('openArchive: a file that does not exist is NOT_FOUND, like loadImages and archiveStructure', async () => {
    const path = '/nonexistent-strata-dir/a.tar';
    for (const res of [
      await api.openArchive({ path, jobId: 'missing' }),
      await api.archiveStructure({ path }),
    ]) {
      expect(res.error?.code).toBe('NOT_FOUND');
      expect(res.error?.message).toBe(`No such file: ${path}`);
    }
  });
});
