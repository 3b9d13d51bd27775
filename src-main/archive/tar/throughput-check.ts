/**
 * Manual throughput check (not a test: timings depend on the machine). Compares walkTarAt and
 * parseTarStream with `cat file > /dev/null` and GNU `tar -tvf` on the same warm file.
 *
 *   npx tsx src-main/archive/tar/throughput-check.ts [file.tar]
 *
 * Without a file it writes a ~300 MB tar of 100,000 entries (sizes exponential around 2.4 KB,
 * like a layer of small files) to the temp dir, and a second one of 300 files of 1 MB.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { header } from '../../../test/support/tar-builder';
import { parseTarStream, walkTarAt } from './walk-file';

async function generate(file: string, count: number, size: (i: number) => number): Promise<void> {
  if (existsSync(file)) return;
  const out = createWriteStream(file);
  let seed = 42;
  const zeros = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < count; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const n = size(seed / 2 ** 31);
    const name = Buffer.from(`./d${String(i % 400).padStart(3, '0')}/sub${i % 7}/file_${i}.dat`);
    const h = header({ name, typeflag: '0', size: n, format: 'gnu' });
    const body = zeros.subarray(0, n + ((512 - (n % 512)) % 512));
    out.write(h);
    if (!out.write(body)) await once(out, 'drain');
  }
  out.end(Buffer.alloc(10240));
  await once(out, 'finish');
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function best(rounds: number, fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

async function check(file: string): Promise<void> {
  const bytes = statSync(file).size;
  const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);
  spawnSync('sh', ['-c', `cat "${file}" > /dev/null`]); // warm the page cache
  const cat = Math.min(
    ...[0, 1, 2].map(() => time(() => spawnSync('sh', ['-c', `cat "${file}" > /dev/null`]))),
  );
  const gnu = Math.min(
    ...[0, 1].map(() => time(() => spawnSync('sh', ['-c', `tar -tvf "${file}" > /dev/null`]))),
  );
  let entries = 0;
  const walk = await best(5, async () => {
    const fh = await open(file, 'r');
    try {
      entries = (await walkTarAt(fh, 0, bytes, () => undefined)).entries;
    } finally {
      await fh.close();
    }
  });
  const walkSync = await best(5, async () => {
    const fh = await open(file, 'r');
    try {
      await walkTarAt(fh, 0, bytes, () => undefined, { syncReads: true });
    } finally {
      await fh.close();
    }
  });
  const stream = await best(3, () =>
    parseTarStream(createReadStream(file, { highWaterMark: 1024 * 1024 }), () => undefined),
  );
  console.log(`${file}: ${(bytes / 1e6).toFixed(0)} MB, ${entries} entries`);
  const row = (name: string, ms: number) =>
    console.log(
      `  ${name.padEnd(16)} ${ms.toFixed(0).padStart(6)} ms ${mbps(ms).toFixed(0).padStart(7)} MB/s` +
        `  speed ${(cat / ms).toFixed(2)}x cat's, ${(gnu / ms).toFixed(1)}x tar -tvf's`,
    );
  row('cat > /dev/null', cat);
  row('GNU tar -tvf', gnu);
  row('walkTarAt', walk);
  row('walkTarAt (sync)', walkSync);
  row('parseTarStream', stream);
}

async function main(): Promise<void> {
  const given = process.argv[2];
  if (given) return check(given);
  const small = join(tmpdir(), 'strata-throughput-small.tar');
  const big = join(tmpdir(), 'strata-throughput-big.tar');
  await generate(small, 100_000, (r) => Math.floor(-Math.log(1 - r) * 2400));
  await generate(big, 300, () => 1024 * 1024);
  await check(small);
  await check(big);
}

void main();
