import { describe, expect, it } from 'vitest';
import { paxBody } from '../../../test/support/tar-builder';
import { forEachPaxRecord, parsePax, withGlobals } from './pax';

const raw = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('parsePax', () => {
  it('reads the interpreted keys', () => {
    const body = paxBody({
      path: 'a/very/long/path',
      linkpath: 'target',
      size: '8589934592',
      uid: '4000000000',
      gid: '7',
      mtime: '1700000000.1234567',
      uname: 'ignored',
      comment: 'ignored too',
    });
    expect(parsePax(body)).toEqual({
      path: 'a/very/long/path',
      linkpath: 'target',
      size: 8_589_934_592,
      uid: 4_000_000_000,
      gid: 7,
      mtime: 1_700_000_000.1234567,
    });
  });

  it('keeps xattr values as binary and paths as raw latin1', () => {
    const cap = new Uint8Array([0x01, 0x00, 0x00, 0x02, 0x00, 0x30, 0x00, 0x00, 0x0a, 0x3d, 0xff]);
    const body = paxBody({
      'SCHILY.xattr.security.capability': cap,
      path: new Uint8Array([0x63, 0xc3, 0xa9, 0xff]),
    });
    const r = parsePax(body);
    expect(r.xattrs?.['security.capability']).toEqual(cap);
    expect(r.path).toBe('c\xc3\xa9\xff');
  });

  it('handles record lengths that change digit count', () => {
    for (let n = 80; n < 120; n++) {
      const value = 'x'.repeat(n);
      expect(parsePax(paxBody({ path: value })).path).toBe(value);
    }
  });

  it('reads GNU sparse keys of 0.x and 1.0', () => {
    expect(parsePax(paxBody({ 'GNU.sparse.size': '1000', 'GNU.sparse.numblocks': '1' })).sparse).toEqual({
      realSize: 1000,
    });
    expect(
      parsePax(
        paxBody({
          'GNU.sparse.major': '1',
          'GNU.sparse.minor': '0',
          'GNU.sparse.name': 'real',
          'GNU.sparse.realsize': '5000',
        }),
      ).sparse,
    ).toEqual({ major: 1, minor: 0, name: 'real', realSize: 5000 });
  });

  it('lets later records win and an empty value delete a key, but keeps empty xattrs', () => {
    const r = parsePax(paxBody({ path: 'one' }), parsePax(paxBody({ path: 'zero', uid: '5' })));
    expect(r).toMatchObject({ path: 'one', uid: 5 });
    const body = new Uint8Array([
      ...paxBody({ path: 'x', gid: '3' }),
      ...raw('8 path=\n'),
      ...raw('19 SCHILY.xattr.a=\n'),
    ]);
    const d = parsePax(body);
    expect(d.path).toBeUndefined();
    expect(d.gid).toBe(3);
    expect(d.xattrs?.['a']).toEqual(new Uint8Array(0));
  });

  it('tolerates NUL padding after the records', () => {
    expect(parsePax(new Uint8Array([...paxBody({ path: 'p' }), 0, 0, 0])).path).toBe('p');
    expect(() => parsePax(new Uint8Array([...paxBody({ path: 'p' }), 0, 0x41]))).toThrow(/garbage/);
  });

  it.each([
    ['non-digit length', 'x path=a\n', /malformed PAX record length/],
    ['length beyond the body', '99 path=a\n', /does not fit/],
    ['length too short', '3 p\n', /does not fit/],
    ['missing newline', '11 path=abc ', /does not fit/],
    ['no =', '9 pathab\n', /without a key=value/],
    ['empty key', '6 =ab\n', /without a key=value/],
    ['no space', '10path=ab\n', /malformed/],
  ])('rejects a %s', (_what, text, message) => {
    expect(() => forEachPaxRecord(raw(text), () => {})).toThrow(message);
  });

  it('validates numbers', () => {
    expect(() => parsePax(paxBody({ size: '12a' }))).toThrow(/invalid PAX size/);
    expect(() => parsePax(paxBody({ uid: '-1' }))).toThrow(/invalid PAX uid/);
    expect(() => parsePax(paxBody({ size: '99999999999999999999' }))).toThrow(
      expect.objectContaining({ code: 'TOO_LARGE' }),
    );
    expect(() => parsePax(paxBody({ mtime: '1e9' }))).toThrow(/invalid PAX mtime/);
    expect(parsePax(paxBody({ mtime: '-12.5' })).mtime).toBe(-12.5);
  });
});

describe('withGlobals', () => {
  it('inherits ownership and times, never names or sizes', () => {
    const global = { uid: 1, gid: 2, mtime: 3, path: 'global-path', size: 9 };
    expect(withGlobals({ gid: 20 }, global)).toEqual({ uid: 1, gid: 20, mtime: 3 });
    expect(withGlobals(null, global)).toEqual({ uid: 1, gid: 2, mtime: 3 });
    expect(withGlobals({ path: 'p' }, null)).toEqual({ path: 'p' });
  });
});
