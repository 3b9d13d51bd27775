import { describe, expect, it } from 'vitest';
import { tar } from '../../../test/support/tar-builder';
import { failure, parse } from './parse-buffer';
import { TarParser } from './tar-parser';

describe('TarParser: end of archive and damage', () => {
  const two = [
    { name: 'a', body: 'A' },
    { name: 'b', size: 1000 },
  ];

  it('accepts two zero blocks, one, or EOF at a header boundary', () => {
    expect(parse(tar(two, { recordSize: 10240 })).summary).toMatchObject({
      end: 'two-zero-blocks',
      tarBytes: 10240,
      endOffset: 3584,
    });
    expect(parse(tar(two, { end: 'one' })).summary).toMatchObject({ end: 'one-zero-block', entries: 2 });
    expect(parse(tar(two, { end: 'none' })).summary).toMatchObject({
      end: 'eof',
      entries: 2,
      endOffset: 2560,
    });
    expect(parse(tar([], {})).summary).toMatchObject({ entries: 0, end: 'two-zero-blocks' });
    expect(parse(new Uint8Array(0)).summary).toMatchObject({ entries: 0, end: 'eof' });
  });

  it('ignores whatever follows the end marker', () => {
    const buf = Buffer.concat([tar(two), Buffer.from('trailing garbage that is not a header')]);
    expect(parse(buf).summary).toMatchObject({ entries: 2, end: 'two-zero-blocks', tarBytes: buf.length });
  });

  it('reports truncation inside data with the entry name', () => {
    const full = tar(two, { end: 'none' });
    const err = failure(() => parse(full.subarray(0, 1536 + 500), 100));
    expect(err.code).toBe('CORRUPT');
    expect(err.reason).toMatch(/truncated tar: the archive ends inside the data of 'b'/);
    expect(failure(() => parse(full.subarray(0, 1536 + 1000), 100)).reason).toMatch(/inside the data of 'b'/);
  });

  it('reports truncation inside a header, a PAX body, or after a metadata header', () => {
    expect(failure(() => parse(tar(two, { truncate: 1024 + 100 }))).reason).toMatch(/ends inside a header/);
    const pax = tar([{ name: 'p', pax: { path: 'long'.repeat(100) } }], { end: 'none' });
    expect(failure(() => parse(pax.subarray(0, 700))).reason).toMatch(/inside a pax header body/);
    expect(failure(() => parse(pax.subarray(0, 1024))).reason).toMatch(
      /ends after a PAX or GNU long-name header/,
    );
    const label = failure(() => parse(pax.subarray(0, 700), 700, 'skip', { label: 'blobs/sha256/abc' }));
    expect(label.file).toBe('blobs/sha256/abc');
    expect(label.message).toMatch(/^blobs\/sha256\/abc: truncated tar/);
  });

  it('rejects a bad checksum with its offset, and stays failed', () => {
    const buf = tar([
      { name: 'ok', body: 'x' },
      { name: 'bad', checksum: 'bad' },
    ]);
    const parser = new TarParser(() => undefined, { label: 'layer.tar' });
    const err = failure(() => parser.write(buf));
    expect(err.message).toBe('layer.tar: bad header checksum (at offset 1024)');
    expect(() => parser.write(new Uint8Array(512))).toThrow(err);
    expect(() => parser.end()).toThrow(err);
  });

  it('rejects a header after a single zero block, and end markers inside metadata', () => {
    const lone = Buffer.concat([tar([{ name: 'a' }], { end: 'one' }), tar([{ name: 'b' }])]);
    expect(failure(() => parse(lone)).reason).toMatch(/a header follows a single zero block/);
    const meta = tar([{ name: 'x', longName: true }]).subarray(0, 1024);
    expect(failure(() => parse(Buffer.concat([meta, Buffer.alloc(1024)]))).reason).toMatch(
      /end-of-archive marker right after/,
    );
  });
});

describe('TarParser: limits', () => {
  it('caps the entry count', () => {
    const buf = tar(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}` })));
    expect(parse(buf, 512, 'skip', { maxEntries: 5 }).summary.entries).toBe(5);
    const err = failure(() => parse(buf, 512, 'skip', { maxEntries: 4 }));
    expect(err.code).toBe('TOO_LARGE');
  });

  it('caps pseudo-entry bodies at 1 MiB', () => {
    const ok = tar([{ name: 'p', pax: { comment: 'x'.repeat(1024 * 1024 - 100) } }]);
    expect(parse(ok, 65536, 'skip').entries).toHaveLength(1);
    const big = tar([{ name: 'p', pax: { comment: 'x'.repeat(1024 * 1024) } }]);
    const err = failure(() => parse(big, 65536, 'skip'));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.reason).toMatch(/pax header body of \d+ bytes exceeds the 1 MiB limit/);
  });

  it('rejects sizes beyond 2^53 and collecting beyond the collect limit', () => {
    const huge = tar([{ name: 'h', size: 0 }]);
    huge.fill(0xff, 124, 136);
    huge[124] = 0x80;
    // Fix the checksum so only the size is wrong.
    huge.fill(0x20, 148, 156);
    const sum = huge.subarray(0, 512).reduce((a, b) => a + b, 0);
    huge.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    expect(failure(() => parse(huge, 512, 'skip')).code).toBe('TOO_LARGE');
    const err = failure(() =>
      parse(tar([{ name: 'big', size: 2000 }]), 512, 'collect', { maxCollectBytes: 1000 }),
    );
    expect(err.reason).toMatch(/'big' \(2000 bytes\) is larger than the 1000-byte collect limit/);
  });
});
