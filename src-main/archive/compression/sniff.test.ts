import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tar } from '../../../test/support/tar-builder';
import { looksLikeTar, sniffCompression } from './sniff';

const cli = (cmd: string, args: string[], input: Buffer): Buffer | null => {
  const r = spawnSync(cmd, args, { input });
  return r.status === 0 ? r.stdout : null;
};
const hasCli = (cmd: string): boolean => spawnSync(cmd, ['--version']).status === 0;
const sample = Buffer.from('hello layer '.repeat(1000));
const bytes = (...b: number[]) => new Uint8Array(b);

describe('sniffCompression', () => {
  it('recognises gzip, and a plain tar as none', () => {
    expect(sniffCompression(gzipSync(sample))).toBe('gzip');
    expect(sniffCompression(tar([{ name: 'a', body: 'x' }]))).toBe('none');
    expect(sniffCompression(new Uint8Array(1024))).toBe('none'); // an empty layer: zero blocks only
  });

  for (const cmd of ['gzip', 'bzip2', 'xz', 'zstd'] as const) {
    it.skipIf(!hasCli(cmd))(`recognises the output of the ${cmd} CLI`, () => {
      const out = cli(cmd, ['-c', '-q'], sample)!;
      expect(sniffCompression(out)).toBe(cmd);
      expect(sniffCompression(out.subarray(0, 12))).toBe(cmd);
    });
  }

  it('recognises magic bytes alone', () => {
    expect(sniffCompression(bytes(0x1f, 0x8b, 0x08, 0))).toBe('gzip');
    expect(sniffCompression(bytes(0x28, 0xb5, 0x2f, 0xfd))).toBe('zstd');
    expect(sniffCompression(bytes(0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0))).toBe('zstd'); // skippable frame
    expect(sniffCompression(bytes(0x5f, 0x2a, 0x4d, 0x18))).toBe('zstd');
    expect(sniffCompression(bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00))).toBe('xz');
    expect(sniffCompression(Buffer.from('BZh9'))).toBe('bzip2');
    expect(sniffCompression(Buffer.from('BZh91AY&SY'))).toBe('bzip2');
  });

  it('rejects near misses', () => {
    expect(sniffCompression(bytes(0x1f, 0x8b, 0x09))).toBe('unknown'); // gzip, but not deflate
    expect(sniffCompression(bytes(0x60, 0x2a, 0x4d, 0x18))).toBe('unknown');
    expect(sniffCompression(bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x01))).toBe('unknown');
    expect(sniffCompression(Buffer.from('BZh0'))).toBe('unknown');
    expect(sniffCompression(Buffer.from('BZh9 not a block header'))).toBe('unknown');
    expect(sniffCompression(bytes(0x1f, 0x8b))).toBe('unknown'); // too short to tell
    expect(sniffCompression(new Uint8Array(0))).toBe('unknown');
    expect(sniffCompression(Buffer.from('{"manifest": true}'.padEnd(600)))).toBe('unknown');
  });

  it('prefers a valid tar header over a magic that happens to start its first name', () => {
    expect(sniffCompression(tar([{ name: 'BZh91AY&SYfile', body: 'x' }]))).toBe('none');
    const gz = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), Buffer.from('name')]);
    expect(sniffCompression(tar([{ name: gz, body: 'x' }]))).toBe('none');
  });
});

describe('looksLikeTar', () => {
  it('accepts a valid checksum, the ustar magic, or a zero block', () => {
    const t = tar([{ name: 'f', body: 'x' }]);
    expect(looksLikeTar(t.subarray(0, 512))).toBe(true);
    const badSum = Buffer.from(t.subarray(0, 512));
    badSum[0] = 0x67;
    expect(looksLikeTar(badSum)).toBe(true); // still has "ustar"
    const v7 = tar([{ name: 'f', body: 'x' }], { format: 'v7' });
    expect(looksLikeTar(v7)).toBe(true);
    const v7bad = Buffer.from(v7.subarray(0, 512));
    v7bad[0] = 0x67;
    expect(looksLikeTar(v7bad)).toBe(false);
    expect(looksLikeTar(new Uint8Array(512))).toBe(true);
  });

  it('rejects short blocks and other data', () => {
    expect(looksLikeTar(tar([{ name: 'f' }]).subarray(0, 511))).toBe(false);
    expect(looksLikeTar(gzipSync(randomBytes(2000)).subarray(0, 512))).toBe(false);
    expect(looksLikeTar(Buffer.alloc(512, 0x20))).toBe(false);
  });
});
