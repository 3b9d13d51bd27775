import { describe, expect, it } from 'vitest';
import { base64ToBytes, defaultSavePath, hexDump, modeString } from './file-format';

describe('modeString', () => {
  it('prints ls -l permissions with the type', () => {
    expect(modeString(0o755, 'dir')).toBe('drwxr-xr-x');
    expect(modeString(0o644, 'file')).toBe('-rw-r--r--');
    expect(modeString(0o777, 'symlink')).toBe('lrwxrwxrwx');
    expect(modeString(0o600, 'file')).toBe('-rw-------');
  });
  it('shows setuid, setgid and sticky bits', () => {
    expect(modeString(0o4755, 'file')).toBe('-rwsr-xr-x');
    expect(modeString(0o4644, 'file')).toBe('-rwSr--r--');
    expect(modeString(0o2755, 'dir')).toBe('drwxr-sr-x');
    expect(modeString(0o1777, 'dir')).toBe('drwxrwxrwt');
    expect(modeString(0o1666, 'dir')).toBe('drw-rw-rwT');
  });
});

describe('hexDump', () => {
  it('prints offset, two groups of hex and ascii', () => {
    const bytes = new Uint8Array([
      0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0x41, 0x42, 10, 11, 12, 13, 14, 15, 0x7a,
    ]);
    expect(hexDump(bytes).split('\n')).toEqual([
      '00000000  7f 45 4c 46 00 01 02 03  41 42 0a 0b 0c 0d 0e 0f  |.ELF....AB......|',
      '00000010  7a                                                |z|',
    ]);
  });
  it('stops at maxBytes', () => {
    expect(hexDump(new Uint8Array(100), 32).split('\n')).toHaveLength(2);
    expect(hexDump(new Uint8Array(0))).toBe('');
  });
});

describe('base64ToBytes', () => {
  it('decodes', () => expect([...base64ToBytes('AAEC/w==')]).toEqual([0, 1, 2, 255]));
});

describe('defaultSavePath', () => {
  it('puts the file beside the archive', () => {
    expect(defaultSavePath('/home/u/Downloads/img.tar', 'a.txt')).toBe('/home/u/Downloads/a.txt');
    expect(defaultSavePath('/img.tar', 'a.txt')).toBe('/a.txt');
    expect(defaultSavePath('C:\\x\\img.tar', 'a.txt')).toBe('C:\\x\\a.txt');
  });
});
