import { describe, expect, it } from 'vitest';
import { normalizeTarPath } from './normalize';

describe('normalizeTarPath', () => {
  it.each([
    ['usr/bin/sh', 'usr/bin/sh'],
    ['./usr/bin/sh', 'usr/bin/sh'],
    ['/usr/bin/sh', 'usr/bin/sh'],
    ['usr//bin///sh', 'usr/bin/sh'],
    ['usr/bin/', 'usr/bin'],
    ['./usr/./bin/.', 'usr/bin'],
    ['././x', 'x'],
    ['./', ''],
    ['.', ''],
    ['/', ''],
    ['', ''],
    ['..foo/bar..', '..foo/bar..'],
    ['a/.b/c.', 'a/.b/c.'],
  ])('%j -> %j', (raw, path) => {
    expect(normalizeTarPath(raw)).toEqual({ path, hostile: false });
  });

  it('keeps and flags .. components instead of resolving them', () => {
    expect(normalizeTarPath('a/../../etc/passwd')).toEqual({ path: 'a/../../etc/passwd', hostile: true });
    expect(normalizeTarPath('./../x/')).toEqual({ path: '../x', hostile: true });
    expect(normalizeTarPath('..')).toEqual({ path: '..', hostile: true });
    expect(normalizeTarPath('a/b/..')).toEqual({ path: 'a/b/..', hostile: true });
  });

  it('leaves raw non-UTF-8 bytes and backslashes alone', () => {
    const raw = Buffer.from([0x2e, 0x2f, 0x66, 0xe9, 0xff, 0x5c, 0x78]).toString('latin1');
    expect(normalizeTarPath(raw).path).toBe(raw.slice(2));
  });
});
