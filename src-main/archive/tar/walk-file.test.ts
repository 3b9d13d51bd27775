import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tar, type BuildEntry } from '../../../test/support/tar-builder';
import { ArchiveError, type TarEntry } from '../model';
import type { EntryMeta } from './tar-parser';
import { parseTarStream, walkTarAt, type WalkOptions } from './walk-file';

const dir = mkdtempSync(join(tmpdir(), 'walk-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function save(buf: Uint8Array): string {
  const file = join(dir, `a${n++}.tar`);
  writeFileSync(file, buf);
  return file;
}

interface Result {
  entries: TarEntry[];
  metas: EntryMeta[];
  data: Record<string, string>;
}

const collector = (collect: boolean) => {
  const r: Result = { entries: [], metas: [], data: {} };
  const onEntry = (e: TarEntry, m: EntryMeta) => {
    r.entries.push(e);
    r.metas.push(m);
    if (!collect || e.type !== 'file') return 'skip' as const;
    const parts: Buffer[] = [];
    return (c: Uint8Array | null) => {
      if (c) parts.push(Buffer.from(c));
      else r.data[e.path] = Buffer.concat(parts).toString('latin1');
    };
  };
  return { r, onEntry };
};

async function viaWalk(
  file: string,
  opts: WalkOptions & { collect?: boolean; start?: number; length?: number } = {},
) {
  const { r, onEntry } = collector(opts.collect ?? false);
  const fd = openSync(file, 'r');
  try {
    const length = opts.length ?? statSync(file).size;
    const summary = await walkTarAt(fd, opts.start ?? 0, length, onEntry, opts);
    return { ...r, summary };
  } finally {
    closeSync(fd);
  }
}

async function viaStream(source: AsyncIterable<Uint8Array>, collect = false) {
  const { r, onEntry } = collector(collect);
  const summary = await parseTarStream(source, onEntry);
  return { ...r, summary };
}

const varied: BuildEntry[] = [
  { name: './', type: 'dir' },
  ...Array.from({ length: 300 }, (_, i) => ({ name: `small/${i}`, size: (i * 37) % 1500 })),
  { name: 'big', size: 3 * 1024 * 1024 + 17 },
  { name: 'link', type: 'hardlink', linkname: 'big' },
  {
    name: 'p'.repeat(20),
    pax: { path: 'pax/'.repeat(40) + 'x', 'SCHILY.xattr.user.k': new Uint8Array([0, 0xff]) },
    size: 70_000,
  },
  { name: 'after-big', size: 2 * 1024 * 1024 },
  { name: 'tail', body: 'the end' },
];

describe('walkTarAt and parseTarStream', () => {
  const buf = tar(varied, { recordSize: 10240 });
  const file = save(buf);

  it('produce identical entries, summaries and data, whatever the batch size', async () => {
    const stream = await viaStream(createReadStream(file, { highWaterMark: 1000 }), true);
    expect(stream.entries).toHaveLength(306);
    expect(stream.summary).toMatchObject({ entries: 306, tarBytes: buf.length, end: 'two-zero-blocks' });
    for (const syncReads of [false, true]) {
      for (const batchSize of [4096, 65536, undefined]) {
        const walked = await viaWalk(file, { batchSize, syncReads, collect: true });
        expect(walked.entries).toEqual(stream.entries);
        expect(walked.metas).toEqual(stream.metas);
        expect(walked.data).toEqual(stream.data);
        expect(walked.summary).toEqual(stream.summary);
      }
    }
    for (const e of stream.entries.filter((x) => x.type === 'file')) {
      expect(stream.data[e.path], e.path).toBe(
        buf.subarray(e.dataOffset, e.dataOffset + e.size).toString('latin1'),
      );
    }
  });

  it('skip the same data without reading it, with a FileHandle too', async () => {
    const handle = await open(file, 'r');
    try {
      const seen: string[] = [];
      const summary = await walkTarAt(handle, 0, buf.length, (e) => void seen.push(e.path), {
        batchSize: 8192,
      });
      expect(seen).toEqual((await viaWalk(file)).entries.map((e) => e.path));
      expect(summary.tarBytes).toBe(buf.length);
    } finally {
      await handle.close();
    }
  });

  it('jump over big files instead of reading them, and read small ones in batches', async () => {
    const count = (buf: Buffer) => {
      const f = save(buf);
      return async () => {
        const handle = await open(f, 'r');
        const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
        let calls = 0;
        let bytes = 0;
        Object.assign(handle, {
          read: async (...a: unknown[]) => {
            const r = await read(...a);
            calls++;
            bytes += r.bytesRead;
            return r;
          },
        });
        try {
          const s = await walkTarAt(handle, 0, buf.length, () => undefined);
          return { calls, bytes, entries: s.entries };
        } finally {
          await handle.close();
        }
      };
    };
    const bigFiles = tar(
      Array.from({ length: 20 }, (_, i) => ({ name: `big${i}`, size: 2 * 1024 * 1024 + i })),
    );
    const big = await count(bigFiles)();
    expect(big.entries).toBe(20);
    // The first batch (1 MiB, and its prefetch) reads on; after that, a few KiB per entry.
    expect(big.bytes).toBeLessThan(2 * 1024 * 1024 + 20 * 16 * 1024);
    expect(big.bytes).toBeLessThan(bigFiles.length / 15);
    const smallFiles = tar(Array.from({ length: 3000 }, (_, i) => ({ name: `s${i}`, size: i % 700 })));
    const small = await count(smallFiles)();
    expect(small.entries).toBe(3000);
    expect(small.calls).toBeLessThan(10);
  });

  it('with syncReads, read around headers: big files jumped over, runs of small ones in big reads', async () => {
    // rchar: bytes this process got from read calls (other threads' reads only add to it).
    const readBytes = (): number => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
    const bigFiles = tar(
      Array.from({ length: 20 }, (_, i) => ({ name: `big${i}`, size: 2 * 1024 * 1024 + i })),
    );
    const bigFile = save(bigFiles);
    const before = readBytes();
    const big = await viaWalk(bigFile, { syncReads: true });
    expect(big.entries).toHaveLength(20);
    expect(readBytes() - before).toBeLessThan(bigFiles.length / 10);
    const small = tar(Array.from({ length: 3000 }, (_, i) => ({ name: `s${i}`, size: i % 700 })));
    const walked = await viaWalk(save(small), { syncReads: true, collect: true });
    expect(walked).toEqual(await viaStream(Readable.from([small]), true));
  });

  it('with syncReads, let the event loop in while walking, so an abort from outside stops it', async () => {
    const many = tar(
      Array.from({ length: 40_000 }, (_, i) => ({ name: `d${i % 50}/f${i}`, size: 1 + (i % 900) })),
    );
    const f = save(many);
    const ac = new AbortController();
    let seen = 0;
    const fd = openSync(f, 'r');
    try {
      const timer = setTimeout(() => ac.abort(), 1);
      const run = walkTarAt(fd, 0, many.length, () => void seen++, { syncReads: true, signal: ac.signal });
      await expect(run).rejects.toEqual(new ArchiveError('tar', 'cancelled', 'CANCELLED'));
      clearTimeout(timer);
      expect(seen).toBeLessThan(40_000);
    } finally {
      closeSync(fd);
    }
  });

  it('walk a tar stored at an offset inside a bigger file, with offsets relative to it', async () => {
    const inner = tar(varied.slice(0, 50));
    const host = save(Buffer.concat([Buffer.alloc(12345, 0xee), inner, Buffer.alloc(999, 0xdd)]));
    const direct = await viaWalk(save(inner), { collect: true });
    for (const syncReads of [false, true]) {
      const nested = await viaWalk(host, {
        start: 12345,
        length: inner.length,
        batchSize: 4096,
        syncReads,
        collect: true,
      });
      expect(nested).toEqual(direct);
    }
  });

  it('name the entry cut by a short length, and a file shorter than the length', async () => {
    const cut = varied.findIndex((e) => e.name === 'after-big');
    const at = (await viaWalk(file)).entries[cut - 1]!.dataOffset + 1000;
    await expect(viaWalk(file, { length: at, label: 'blob' })).rejects.toThrow(
      /^blob: truncated tar: the archive ends inside the data of 'pax\/pax/,
    );
    await expect(viaWalk(file, { length: at, label: 'blob', syncReads: true })).rejects.toThrow(
      /^blob: truncated tar: the archive ends inside the data of 'pax\/pax/,
    );
    const short = save(buf.subarray(0, at));
    await expect(viaWalk(short, { length: buf.length })).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(viaWalk(short, { length: buf.length, syncReads: true })).rejects.toMatchObject({
      code: 'CORRUPT',
    });
    await expect(viaStream(createReadStream(short))).rejects.toThrow(/ends inside the data of 'pax\/pax/);
  });

  it('stop with CANCELLED when aborted', async () => {
    const ac = new AbortController();
    let seen = 0;
    const { onEntry } = collector(false);
    const fd = openSync(file, 'r');
    const run = walkTarAt(
      fd,
      0,
      buf.length,
      (e, m) => {
        if (++seen === 10) ac.abort();
        return onEntry(e, m);
      },
      { signal: ac.signal, batchSize: 4096 },
    );
    await expect(run).rejects.toEqual(new ArchiveError('tar', 'cancelled', 'CANCELLED'));
    closeSync(fd);
    expect(seen).toBeLessThan(300);
  });

  it('parseTarStream reads the output of a decompression pipeline and a web-style async iterable', async () => {
    const gz = join(dir, 'x.tar.gz');
    await pipeline(Readable.from([buf]), createGzip(), createWriteStream(gz));
    let entries = 0;
    await pipeline(createReadStream(gz), createGunzip(), async (source: AsyncIterable<Uint8Array>) => {
      entries = (await parseTarStream(source, () => undefined)).entries;
    });
    expect(entries).toBe(306);
    async function* pieces() {
      for (let i = 0; i < buf.length; i += 777) yield new Uint8Array(buf.subarray(i, i + 777));
    }
    expect((await viaStream(pieces())).entries).toEqual((await viaWalk(file)).entries);
  });

  it('agree on a GNU tar archive of this repository', async () => {
    const gnu = join(dir, 'repo.tar');
    const r = spawnSync('tar', ['--format=pax', '-cf', gnu, '-C', join(__dirname, '..'), '.']);
    expect(r.status).toBe(0);
    const walked = await viaWalk(gnu, { batchSize: 4096 });
    const streamed = await viaStream(createReadStream(gnu, { highWaterMark: 3333 }));
    expect(walked.entries).toEqual(streamed.entries);
    expect(walked.entries.some((e) => e.path === 'tar/walk-file.ts')).toBe(true);
  });
});
