import { describe, expect, it } from 'vitest';
import { header, putNumber } from '../../../test/support/tar-builder';
import { checksumMatches, decodeHeader, isZeroBlock, parseNumeric, unsignedSum } from './header';
import { TarFormatError } from './errors';

const field = (s: string, len = 12): Uint8Array => {
  const b = new Uint8Array(len);
  b.set(Buffer.from(s, 'latin1'));
  return b;
};
const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('parseNumeric', () => {
  it('reads octal with the usual terminators and padding', () => {
    expect(parseNumeric(field('00000000017\0'), 0, 12, 'size')).toBe(15);
    expect(parseNumeric(field('     17 \0'), 0, 12, 'size')).toBe(15);
    expect(parseNumeric(field('17'), 0, 12, 'size')).toBe(15);
    expect(parseNumeric(field('777777777777'), 0, 12, 'size')).toBe(8 ** 12 - 1);
    expect(parseNumeric(field(''), 0, 12, 'size')).toBe(0);
    expect(parseNumeric(field('0000644\0garbage', 16), 0, 8, 'mode')).toBe(0o644);
  });

  it('rejects digits that are not octal', () => {
    expect(() => parseNumeric(field('0000009\0'), 0, 12, 'size')).toThrow(
      /invalid octal number in the size field/,
    );
    expect(() => parseNumeric(field('12x'), 0, 12, 'uid')).toThrow(TarFormatError);
  });

  it('reads base-256, positive and negative', () => {
    const b = new Uint8Array(12);
    putNumber(b, 0, 12, 9 * 2 ** 33, true);
    expect(b[0]).toBe(0x80);
    expect(parseNumeric(b, 0, 12, 'size')).toBe(9 * 2 ** 33);
    putNumber(b, 0, 12, -1, true);
    expect([...b]).toEqual(new Array(12).fill(0xff));
    expect(parseNumeric(b, 0, 12, 'mtime')).toBe(-1);
    putNumber(b, 0, 12, -86_400 * 365, true);
    expect(parseNumeric(b, 0, 12, 'mtime')).toBe(-86_400 * 365);
    putNumber(b, 0, 8, 2_000_000_000, true);
    expect(parseNumeric(b, 0, 8, 'uid')).toBe(2_000_000_000);
  });

  it('rejects values beyond 2^53 as TOO_LARGE', () => {
    const b = new Uint8Array(12).fill(0xff);
    b[0] = 0x80;
    expect(() => parseNumeric(b, 0, 12, 'size')).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    const exact = new Uint8Array(12);
    putNumber(exact, 0, 12, Number.MAX_SAFE_INTEGER, true);
    expect(parseNumeric(exact, 0, 12, 'size')).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('checksum', () => {
  it('accepts the unsigned and the signed sum, and nothing else', () => {
    const name = enc('caf\xe9\xff');
    const unsigned = header({ name, typeflag: '0', size: 0, format: 'ustar' });
    const signed = header({ name, typeflag: '0', size: 0, format: 'ustar', e: { name, checksum: 'signed' } });
    const bad = header({ name, typeflag: '0', size: 0, format: 'ustar', e: { name, checksum: 'bad' } });
    expect(Buffer.compare(unsigned, signed)).not.toBe(0);
    expect(checksumMatches(unsigned)).toBe(true);
    expect(checksumMatches(signed)).toBe(true);
    expect(checksumMatches(bad)).toBe(false);
    expect(() => decodeHeader(bad)).toThrow(/bad header checksum/);
  });

  it('sums words (aligned) and bytes (unaligned) alike, up to all bytes 0xff', () => {
    const naive = (b: Uint8Array, off: number): number => {
      let sum = 8 * 0x20;
      for (let i = 0; i < 512; i++) if (i < 148 || i >= 156) sum += b[off + i]!;
      return sum;
    };
    let seed = 7;
    const buf = Buffer.alloc(512 * 3 + 4);
    for (const fill of [0x00, 0xff, 0x7f, -1, -1, -1]) {
      for (let i = 0; i < buf.length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        buf[i] = fill >= 0 ? fill : seed >>> 24;
      }
      for (const off of [0, 512, 1, 2, 3, 1028]) expect(unsignedSum(buf, off)).toBe(naive(buf, off));
    }
  });

  it('fails on a zero block and on a corrupted byte', () => {
    expect(checksumMatches(new Uint8Array(512))).toBe(false);
    const h = header({ name: enc('x'), typeflag: '0', size: 1, format: 'ustar' });
    h[0] = 0x79;
    expect(checksumMatches(h)).toBe(false);
  });
});

describe('decodeHeader', () => {
  it('decodes every ustar field and joins the prefix', () => {
    const h = header({
      name: enc('file.txt'),
      prefix: enc('some/dir'),
      typeflag: '0',
      size: 1234,
      format: 'ustar',
      linkname: enc(''),
      e: { name: '', mode: 0o100755, uid: 1000, gid: 50, mtime: 1_600_000_000 },
    });
    expect(decodeHeader(h)).toMatchObject({
      name: 'some/dir/file.txt',
      kind: 'file',
      format: 'ustar',
      mode: 0o755,
      uid: 1000,
      gid: 50,
      size: 1234,
      mtime: 1_600_000_000,
      realSize: -1,
      isExtended: false,
    });
  });

  it('ignores bytes 345.. in GNU headers (atime/ctime, not a prefix)', () => {
    const h = header({ name: enc('n'), prefix: enc('00000000001'), typeflag: '0', size: 0, format: 'gnu' });
    expect(decodeHeader(h)).toMatchObject({ name: 'n', format: 'gnu' });
  });

  it('maps type flags to kinds', () => {
    const kinds: Record<string, string> = {
      '0': 'file',
      '\0': 'file',
      '7': 'file',
      '1': 'hardlink',
      '2': 'symlink',
      '3': 'chardev',
      '4': 'blockdev',
      '5': 'dir',
      '6': 'fifo',
      L: 'gnu-long-name',
      K: 'gnu-long-link',
      x: 'pax',
      g: 'pax-global',
      D: 'dir',
      V: 'other',
      M: 'other',
      N: 'other',
      Z: 'other',
    };
    for (const [flag, kind] of Object.entries(kinds)) {
      expect(
        decodeHeader(header({ name: enc('n'), typeflag: flag, size: 0, format: 'ustar' })).kind,
        flag,
      ).toBe(kind);
    }
  });

  it('reads devices, and GNU sparse real size and extension flag', () => {
    const dev = header({
      name: enc('tty'),
      typeflag: '3',
      size: 0,
      format: 'gnu',
      e: { name: '', devmajor: 4, devminor: 64 },
    });
    expect(decodeHeader(dev)).toMatchObject({ kind: 'chardev', devmajor: 4, devminor: 64 });
    const sparse = header({
      name: enc('s'),
      typeflag: 'S',
      size: 512,
      format: 'gnu',
      extra: (b) => {
        putNumber(b, 483, 12, 1_000_000);
        b[482] = 1;
      },
    });
    expect(decodeHeader(sparse)).toMatchObject({
      kind: 'file',
      typeflag: 'S',
      size: 512,
      realSize: 1_000_000,
      isExtended: true,
    });
  });

  it('keeps raw bytes of names as latin1 chars', () => {
    const raw = new Uint8Array([0x66, 0x80, 0xfe, 0xff, 0x00, 0x41]);
    const h = header({ name: raw, typeflag: '0', size: 0, format: 'ustar' });
    expect(decodeHeader(h).name).toBe('f\x80\xfe\xff');
  });
});

describe('isZeroBlock', () => {
  it('checks all 512 bytes at the offset', () => {
    const b = new Uint8Array(1024);
    expect(isZeroBlock(b, 512)).toBe(true);
    b[1023] = 1;
    expect(isZeroBlock(b, 0)).toBe(true);
    expect(isZeroBlock(b, 512)).toBe(false);
  });
});
