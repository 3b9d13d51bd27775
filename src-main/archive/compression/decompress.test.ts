/**
 * Every codec is checked against its reference CLI (gzip, bzip2, xz, zstd from Debian): the CLI
 * compresses generated data, we decompress it. The CLIs ship with the base image; a test whose
 * CLI is missing is skipped, by name.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tar } from '../../../test/support/tar-builder';
import { ArchiveError, type Compression } from '../model';
import { parseTarStream } from '../tar/walk-file';
import { createDecompressor, zstdImplementation, type DecompressOptions } from './decompress';

const has = (cmd: string): boolean => spawnSync(cmd, ['--version']).status === 0;
const CLI: Record<Exclude<Compression, 'none'>, string> = {
  gzip: 'gzip',
  bzip2: 'bzip2',
  xz: 'xz',
  zstd: 'zstd',
};

function cli(cmd: string, args: string[], input: Uint8Array): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const compress = (kind: Exclude<Compression, 'none'>, input: Uint8Array, extra: string[] = []) =>
  cli(CLI[kind], ['-c', '-q', ...extra], input);

/** Deterministic test data: text runs (compressible) and xorshift noise (not). */
function content(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    if ((x & 3) === 0) {
      const line = Buffer.from(`line ${i} of layer data, seed ${seed}\n`);
      i += line.copy(out, i);
    } else {
      for (const end = Math.min(size, i + 64); i < end; i++) out[i] = (x >>> (i & 24)) & 0xff;
    }
  }
  return out;
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Feeds `input` in chunks of `chunk` bytes (or at the given cut points) and collects the output. */
async function decode(
  kind: Compression,
  input: Uint8Array,
  opts: DecompressOptions = {},
  chunk: number | number[] = 65536,
) {
  const pieces: Uint8Array[] = [];
  const cuts = typeof chunk === 'number' ? [] : [...chunk, input.length];
  for (let pos = 0, i = 0; pos < input.length; i++) {
    const next = typeof chunk === 'number' ? pos + chunk : cuts[i]!;
    pieces.push(input.subarray(pos, next));
    pos = next;
  }
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    createDecompressor(kind, { label: 'blob', ...opts }),
    async (src: AsyncIterable<Buffer>) => {
      for await (const c of src) out.push(c);
    },
  );
  return Buffer.concat(out);
}

async function failure(p: Promise<unknown>): Promise<ArchiveError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ArchiveError);
  return err as ArchiveError;
}

const data = content(3 * 1024 * 1024 + 123);
const zstdImpls: Array<'wasm' | 'native'> = zstdImplementation() === 'native' ? ['wasm', 'native'] : ['wasm'];

describe.each(Object.keys(CLI) as Array<Exclude<Compression, 'none'>>)('%s', { timeout: 30_000 }, (kind) => {
  const available = has(CLI[kind]);
  const compressed = available ? compress(kind, data) : Buffer.alloc(0);

  it('has the reference CLI (npm test installs zstd, xz-utils and bzip2)', () => {
    expect(available, `${CLI[kind]} is not installed`).toBe(true);
  });

  it('decodes the CLI output exactly, whatever the chunking', async () => {
    expect(sha(await decode(kind, compressed))).toBe(sha(data));
    expect(sha(await decode(kind, compressed, {}, 777))).toBe(sha(data));
    expect(sha(await decode(kind, compressed, {}, compressed.length))).toBe(sha(data));
  });

  it(
    'decodes concatenated streams (multi-member / multi-frame), split at the joins',
    async () => {
      const parts = [content(200_000, 2), content(1, 3), content(700_000, 4)];
      const joined = Buffer.concat(parts.map((p) => compress(kind, p)));
      const first = compress(kind, parts[0]!).length;
      const expected = sha(Buffer.concat(parts));
      expect(sha(await decode(kind, joined))).toBe(expected);
      expect(sha(await decode(kind, joined, {}, [first]))).toBe(expected);
      expect(sha(await decode(kind, joined, {}, [first - 1, first + 1]))).toBe(expected);
      expect(sha(cli(CLI[kind], ['-d', '-c'], joined))).toBe(expected); // the CLI agrees on the input
    },
  );

  it(
    'reports truncated, damaged and empty input as CORRUPT, naming the blob',
    async () => {
      const truncated = await failure(
        decode(kind, compressed.subarray(0, Math.floor(compressed.length / 2))),
      );
      expect(truncated.code).toBe('CORRUPT');
      expect(truncated.message).toMatch(new RegExp(`^blob: ${kind} decompression failed: `));
      const damaged = Buffer.from(compressed);
      for (let i = 100; i < 164; i++) {
        const at = Math.floor(damaged.length / 3) + i;
        damaged[at] = damaged[at]! ^ 0x5a;
      }
      expect((await failure(decode(kind, damaged))).code).toBe('CORRUPT');
      expect((await failure(decode(kind, new Uint8Array(0)))).reason).toBe(
        `${kind} decompression failed: no compressed data`,
      );
      expect((await failure(decode(kind, compressed.subarray(0, 3)))).code).toBe('CORRUPT');
    },
  );

  it('stops a decompression bomb at maxOutputBytes with TOO_LARGE', async () => {
    const bomb = compress(kind, Buffer.alloc(16 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const err = await failure(decode(kind, bomb, { maxOutputBytes: 1_000_000 }));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.reason).toMatch(/output exceeds the 1000000-byte limit/);
    expect((await decode(kind, compress(kind, data), { maxOutputBytes: data.length })).length).toBe(
      data.length,
    );
  });

  it('holds output back while the reader is not reading', async () => {
    const big = compress(kind, Buffer.alloc(24 * 1024 * 1024, 'a'));
    const d = createDecompressor(kind, { label: 'slow' }) as ReturnType<typeof createDecompressor> & {
      outputBytes: number;
    };
    Readable.from([big.subarray(0, big.length >> 1), big.subarray(big.length >> 1)]).pipe(d);
    await new Promise((r) => setTimeout(r, 300));
    // bzip2 decodes whole blocks inside write() (a block of runs can expand to ~45 MiB), so it
    // only holds back further input; the others stop within a few output chunks.
    if (kind !== 'bzip2') expect(d.outputBytes).toBeLessThan(8 * 1024 * 1024);
    let total = 0;
    await pipeline(
      d,
      new Writable({
        write(c: Buffer, _e, cb) {
          total += c.length;
          cb();
        },
      }),
    );
    expect(total).toBe(24 * 1024 * 1024);
  });
});

describe('codec specifics', () => {
  it('gzip: trailing zero padding is fine, trailing garbage is not', async () => {
    const gz = gzipSync(data);
    expect(sha(await decode('gzip', Buffer.concat([gz, Buffer.alloc(10240)]), {}, 4096))).toBe(sha(data));
    expect(sha(await decode('gzip', Buffer.concat([gz, Buffer.alloc(3)]), {}, [gz.length]))).toBe(sha(data));
    const garbage = await failure(decode('gzip', Buffer.concat([gz, Buffer.from('garbage!')])));
    expect(garbage.reason).toMatch(/gzip decompression failed/);
    const late = await failure(
      decode('gzip', Buffer.concat([gz, Buffer.alloc(70_000), Buffer.from('x')]), {}, [gz.length + 10]),
    );
    expect(late.reason).toMatch(/data after the end of the compressed stream/);
  });

  it.each(zstdImpls)(
    'zstd (%s): skippable frames, checksums and -T2 output',
    async (impl) => {
      const skippable = Buffer.concat([
        Buffer.from([0x53, 0x2a, 0x4d, 0x18, 5, 0, 0, 0]),
        Buffer.from('meta!'),
      ]);
      const frames = Buffer.concat([
        skippable,
        compress('zstd', data, ['--check']),
        skippable,
        compress('zstd', data, ['-T2', '-19']),
      ]);
      expect(sha(cli('zstd', ['-d', '-c'], frames))).toBe(sha(Buffer.concat([data, data])));
      expect(sha(await decode('zstd', frames, { zstd: impl }, 1000))).toBe(sha(Buffer.concat([data, data])));
      const bad = Buffer.from(compress('zstd', data, ['--check']));
      bad[bad.length - 1]! ^= 0xff; // the content checksum
      expect((await failure(decode('zstd', bad, { zstd: impl }))).reason).toMatch(/checksum/);
    },
    // `zstd -19` of 3 MiB takes seconds on a loaded 2-core machine.
    30_000,
  );

  it(
    'xz: multi-block files, and a destroyed decoder does not block the next one',
    async () => {
      const blocks = compress('xz', data, ['-T2', '--block-size=500KiB']);
      expect(sha(await decode('xz', blocks))).toBe(sha(data));
      const d = createDecompressor('xz');
      d.write(blocks.subarray(0, 100_000));
      await new Promise((r) => setTimeout(r, 50));
      d.destroy();
      const again = await Promise.race([
        decode('xz', blocks),
        new Promise((r) => setTimeout(() => r('timeout'), 5000)),
      ]);
      expect(again).not.toBe('timeout');
      expect(sha(again as Buffer)).toBe(sha(data));
      const [a, b] = await Promise.all([decode('xz', blocks), decode('xz', compress('xz', content(5000)))]);
      expect([sha(a), b.length]).toEqual([sha(data), 5000]);
    },
  );

  it("'none' passes bytes through under the cap", async () => {
    expect(sha(await decode('none', data, {}, 1000))).toBe(sha(data));
    expect((await decode('none', new Uint8Array(0))).length).toBe(0);
    expect((await failure(decode('none', data, { maxOutputBytes: 100 }))).code).toBe('TOO_LARGE');
  });

  it('feeds parseTarStream: a zstd-compressed tar from the builder', async () => {
    const t = tar(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, size: i * 100 })));
    let entries = 0;
    await pipeline(
      Readable.from([compress('zstd', t)]),
      createDecompressor('zstd', { zstd: 'wasm' }),
      async (s: AsyncIterable<Uint8Array>) => {
        entries = (await parseTarStream(s, () => undefined)).entries;
      },
    );
    expect(entries).toBe(50);
  });
});
