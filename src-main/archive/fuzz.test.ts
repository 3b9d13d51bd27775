/**
 * Fuzz test of the archive analyzer (the issue: "truncated archives, garbage, missing or
 * mismatched layers, bad JSON, `..` and absolute names, hardlinks out of the root, decompression
 * bombs, absurd header fields: each gets one clear error naming the file and the reason. No
 * crash, no unbounded memory, no write anywhere").
 *
 * fast-check mutates real archives (dive's, and synthetic ones from test/support) and checks,
 * for every input, that `analyzeArchive` / `analyzeArchiveStream` either returns a well-formed
 * analysis or rejects with an ArchiveError naming the archive with a one-line reason; never
 * another exception, never a hang (per-case timeout, plus a watchdog for a blocked event loop),
 * never a write (fs calls are recorded; the working directory, which is an empty temp dir, and
 * the archive's directory are snapshotted), never a read of any file but the archive, and RSS
 * growth bounded over the run.
 *
 * Reproducible: a fixed seed (FUZZ_SEED overrides it, FUZZ_RUNS multiplies the runs for a longer
 * local hunt). On failure fast-check prints the seed, the path and the shrunk counterexample.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { createGzip, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { diveFixture } from '../../test/support/dive-fixtures';
import {
  BlobStore,
  badConfigJson,
  badManifestJson,
  base,
  bigPlainLayer,
  containerdBlobsFirst,
  dir,
  file,
  gzipBomb,
  hostileLayerPath,
  hostileNames,
  layerCountMismatch,
  legacyDockerArchive,
  legacyMissingLayer,
  legacyTwoImages,
  makeLayer,
  MT,
  ociArchive,
  ociMissingLayer,
  top,
  truncated,
  truncatedAtEnd,
} from '../../test/support/synthetic-archives';
import { tar } from '../../test/support/tar-builder';
import { analyzeArchive, analyzeArchiveStream, type AnalyzeResult } from './analyze';
import { MAX_INDEX_ENTRIES } from './layout/oci-layout';
import { applyByteMutations, byteMutation, fixChecksum } from './fuzz/byte-mutations';
import { applyMemberOp, memberOp } from './fuzz/member-mutations';
import { checkError, checkResult, readOptions } from './fuzz/oracle';
import { makeSeed, TINY_PACKED, type Seed } from './fuzz/seeds';
import { startWatchdog, type Watchdog } from './fuzz/watchdog';
import type { ArchiveError } from './model';
import { MAX_KEPT_BYTES, type ReadOptions } from './read/read-archive';

// ---------------------------------------------------------------------------------------------
// Every fs call the analyzer makes is recorded while a case runs: no writes, no path but the archive.

const fsSpy = vi.hoisted(() => {
  const WRITES =
    /^(write|append|mkdir|mkdtemp|rm|rmdir|unlink|rename|copy|cp|symlink|link|truncate|ftruncate|chmod|lchmod|fchmod|chown|lchown|fchown|utimes|lutimes|futimes|createWriteStream|fsync|fdatasync)/;
  const state = { active: false, calls: [] as { fn: string; path: string; write: boolean }[] };
  const pathOf = (a: unknown): string | null =>
    typeof a === 'string'
      ? a
      : a instanceof URL
        ? a.pathname
        : a instanceof Uint8Array
          ? Buffer.from(a).toString()
          : null;
  const readOnly = (flags: unknown): boolean =>
    flags === undefined || flags === null || flags === 0 || flags === 'r' || flags === 'rs' || flags === 'sr';
  function record(fn: string, args: unknown[]): void {
    const path = pathOf(args[0]);
    let write = WRITES.test(fn);
    if (fn === 'open' || fn === 'openSync')
      write = !readOnly(typeof args[1] === 'function' ? undefined : args[1]);
    if (fn === 'createReadStream') {
      const o = args[1];
      write = !readOnly(typeof o === 'object' && o !== null ? (o as { flags?: unknown }).flags : undefined);
    }
    if (path === null && !write) return; // reads through a descriptor the analyzer opened (recorded then)
    state.calls.push({ fn, path: path ?? `<fd ${String(args[0])}>`, write });
  }
  const cache = new WeakMap<object, object>();
  function wrap<T extends object>(mod: T): T {
    const known = cache.get(mod);
    if (known) return known as T;
    const out: Record<string, unknown> = {};
    cache.set(mod, out);
    for (const key of Object.keys(mod)) {
      const v = (mod as Record<string, unknown>)[key];
      if ((key === 'default' || key === 'promises') && typeof v === 'object' && v !== null)
        out[key] = wrap(v);
      else if (typeof v === 'function' && !/^[A-Z]/.test(key)) {
        const fn = v as (...a: unknown[]) => unknown;
        const wrapped = function (this: unknown, ...args: unknown[]): unknown {
          if (state.active) record(key, args);
          return fn.apply(this, args);
        };
        for (const s of Object.getOwnPropertySymbols(fn))
          (wrapped as unknown as Record<symbol, unknown>)[s] = (fn as unknown as Record<symbol, unknown>)[s];
        out[key] = wrapped;
      } else out[key] = v;
    }
    return out as T;
  }
  return { state, wrap };
});
vi.mock('node:fs', async (importOriginal) => fsSpy.wrap(await importOriginal<object>()));
vi.mock('node:fs/promises', async (importOriginal) => fsSpy.wrap(await importOriginal<object>()));

// ---------------------------------------------------------------------------------------------
// Setup

// Above the per-case timeout, so that a hang fails as a HANG with its input rather than as a vitest timeout.
vi.setConfig({ testTimeout: 60_000 });

const SEED = Number(process.env['FUZZ_SEED'] ?? 0x5eed_2024);
const RUNS = Math.max(0.05, Number(process.env['FUZZ_RUNS'] ?? 1));
const CASE_TIMEOUT_MS = 10_000;
const WATCHDOG_MS = 30_000;
const RSS_BOUND = 500 * 1024 * 1024;

let work = '';
let cwdDir = '';
let archDir = '';
let oldCwd = '';
let watchdog: Watchdog;
const strays: unknown[] = [];
const onStray = (err: unknown): void => void strays.push(err);
const rss = { base: 0, peak: 0, peakCase: '' };
let cases = 0;
/** Outcomes by kind ('result' or the error code), to see that the mutations reach every path. */
const outcomes = new Map<string, number>();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'strata-fuzz-'));
  cwdDir = join(work, 'cwd');
  archDir = join(work, 'archives', 'x', 'y');
  mkdirSync(cwdDir, { recursive: true });
  mkdirSync(archDir, { recursive: true });
  oldCwd = process.cwd();
  process.chdir(cwdDir);
  watchdog = startWatchdog(join(tmpdir(), `strata-fuzz-hang-${process.pid}.bin`));
  process.on('unhandledRejection', onStray);
  process.on('uncaughtException', onStray);
  rss.base = rss.peak = process.memoryUsage().rss;
});

afterAll(async () => {
  process.off('unhandledRejection', onStray);
  process.off('uncaughtException', onStray);
  process.chdir(oldCwd);
  await watchdog.close();
  rmSync(work, { recursive: true, force: true });
});

/** Names, sizes and mtimes of everything under `root`. */
function snapshot(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = statSync(p, { throwIfNoEntry: false });
      out.push(`${p.slice(root.length)} ${e.isDirectory() ? 'dir' : `${st?.size}@${st?.mtimeMs}`}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out.sort();
}

const openFds = (): number => {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
};

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let o = 0; o < bytes.length; o += size) yield bytes.subarray(o, o + size);
}

type Outcome = { ok: true; result: AnalyzeResult } | { ok: false; error: unknown };

/**
 * Runs one analysis under every check; returns the outcome and the problems found (none when
 * the analyzer behaved). `chunk` set: the bytes are streamed (analyzeArchiveStream), else written
 * to `name` in the archive folder and analyzed from there.
 */
async function runCase(
  name: string,
  bytes: Buffer,
  opts: ReadOptions,
  desc: string,
  chunk?: number,
): Promise<{ outcome: Outcome | null; problems: string[] }> {
  cases++;
  const path = join(archDir, name);
  if (chunk === undefined) writeFileSync(path, bytes);
  const before = snapshot(work);
  strays.length = 0;
  fsSpy.state.calls = [];
  fsSpy.state.active = true;
  watchdog.start(desc, chunk === undefined ? path : '/dev/null', WATCHDOG_MS);
  let timer: NodeJS.Timeout | undefined;
  // On a hang the analysis is cancelled, so that it stops competing with the next cases.
  const abort = new AbortController();
  const withSignal = { ...opts, signal: abort.signal };
  const analysis: Promise<Outcome> = (
    chunk === undefined
      ? analyzeArchive(path, withSignal)
      : analyzeArchiveStream(chunked(bytes, chunk), name, withSignal)
  ).then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const outcome = await Promise.race([
    analysis,
    new Promise<null>((r) => (timer = setTimeout(() => r(null), CASE_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (outcome === null) abort.abort();
  // Let late errors and background reads (the second layer worker) surface before checking.
  await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => setImmediate(r));
  fsSpy.state.active = false;
  watchdog.stop();

  const problems: string[] = [];
  const kind =
    outcome === null ? 'hang' : outcome.ok ? 'result' : ((outcome.error as ArchiveError).code ?? 'other');
  outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  if (outcome === null) problems.push(`HANG: no answer within ${CASE_TIMEOUT_MS} ms`);
  else if (outcome.ok) problems.push(...checkResult(outcome.result, name));
  else problems.push(...checkError(outcome.error, name));
  for (const s of strays)
    problems.push(`stray error after the analysis: ${(s as Error)?.stack ?? String(s)}`);
  for (const c of fsSpy.state.calls) {
    if (c.write) problems.push(`WRITE: fs.${c.fn}(${c.path})`);
    else if (chunk !== undefined || resolve(c.path) !== path)
      problems.push(`READ OUTSIDE THE ARCHIVE: fs.${c.fn}(${c.path})`);
  }
  const after = snapshot(work);
  if (after.join('\n') !== before.join('\n')) {
    problems.push(`files changed: before [${before.join(', ')}], after [${after.join(', ')}]`);
  }
  if (chunk === undefined) rmSync(path, { force: true });
  const now = process.memoryUsage().rss;
  if (now > rss.peak) {
    rss.peak = now;
    rss.peakCase = desc;
  }
  return { outcome, problems };
}

const fail = (problems: string[], desc: string): void => {
  if (problems.length > 0) throw new Error(`${desc}\n  - ${problems.join('\n  - ')}`);
};

// ---------------------------------------------------------------------------------------------
// Seeds

let seeds: Seed[] = [];
/** Compressed archives whose compressed bytes are mutated: each seed gzipped, a tiny one in bzip2, xz and zstd. */
let packed: { name: string; bytes: Buffer }[] = [];

function buildSeeds(): Seed[] {
  const s = new BlobStore();
  const gzBase = makeLayer(
    [dir('etc'), file('etc/hello', 'hello\n'), file('bin/sh', Buffer.alloc(300, 1))],
    'gzip',
  );
  const gzTop = makeLayer([file('etc/hello', 'bye\n'), { name: 'etc/.wh.gone', size: 0 }], 'gzip');
  const m = s.image([gzBase, gzTop], {
    platform: { os: 'linux', architecture: 'amd64' },
    annotations: { 'org.opencontainers.image.ref.name': 'synthetic/oci:1' },
  });
  return [
    makeSeed('legacy', legacyTwoImages().bytes),
    makeSeed('oci-gzip', ociArchive(s, [m])),
    makeSeed('containerd', containerdBlobsFirst().bytes),
    makeSeed('dive-oci-zstd', readFileSync(diveFixture('test-oci-zstd-image.tar'))),
    // dive's real `docker save` (1.5 MB, 14 layers): kept for the uncompressed path only.
    makeSeed('dive-docker', readFileSync(diveFixture('test-docker-image.tar'))),
  ];
}

beforeAll(() => {
  seeds = buildSeeds();
  packed = [
    ...seeds
      .filter((s) => s.name !== 'dive-docker')
      .map((s) => ({ name: `${s.name}.tar.gz`, bytes: gzipSync(s.bytes, { level: 1 }) })),
    ...Object.entries(TINY_PACKED).map(([ext, b64]) => ({
      name: `tiny.tar.${ext}`,
      bytes: Buffer.from(b64, 'base64'),
    })),
  ];
});

// ---------------------------------------------------------------------------------------------
// The properties

const MODES = ['file', 'gzip', 'packed', 'stream'] as const;
const CHUNKS = [1, 7, 511, 513, 4096, 65536];
const seedIndex = fc.nat({ max: 4 }).chain((i) =>
  // The big real archive is chosen less often (and only read as a file).
  i === 4 ? fc.constantFrom(4, 0, 1, 2, 3) : fc.constant(i),
);

describe('analyzer fuzz (fast-check)', () => {
  it('byte mutations of real archives: a well-formed result or one clear ArchiveError', async () => {
    const fdBefore = openFds();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        seedIndex,
        fc.constantFrom(...MODES),
        fc.array(byteMutation, { minLength: 1, maxLength: 4 }),
        readOptions,
        fc.constantFrom(...CHUNKS),
        fc.nat({ max: 6 }),
        async (si, wantedMode, muts, opts, chunkSize, pi) => {
          n++;
          const seed = seeds[si]!;
          const mode = seed.name === 'dive-docker' ? 'file' : wantedMode;
          const pack = packed[pi % packed.length]!;
          const bytes =
            mode === 'packed'
              ? applyByteMutations(pack.bytes, [], muts)
              : applyByteMutations(seed.bytes, seed.headers, muts);
          const name = mode === 'packed' ? pack.name : `${seed.name}.tar${mode === 'gzip' ? '.gz' : ''}`;
          const input = mode === 'gzip' ? gzipSync(bytes, { level: 1 }) : bytes;
          const desc = `${mode === 'packed' ? pack.name : `seed ${seed.name}`}, mode ${mode}, ${JSON.stringify(opts)}, mutations ${JSON.stringify(muts)}`;
          const { problems } = await runCase(
            name,
            input,
            opts,
            desc,
            mode === 'stream' ? chunkSize : undefined,
          );
          fail(problems, desc);
        },
      ),
      { seed: SEED, numRuns: Math.round(400 * RUNS), endOnFailure: false },
    );
    expect(n).toBeGreaterThan(0);
    expect(openFds() - fdBefore, 'file descriptors leaked').toBeLessThan(8);
  }, 180_000);

  it('re-packed archives with mutated JSON, members and layers: a well-formed result or one clear ArchiveError', async () => {
    const fdBefore = openFds();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 3 }),
        fc.constantFrom('file' as const, 'gzip' as const, 'stream' as const),
        fc.array(memberOp, { minLength: 1, maxLength: 3 }),
        readOptions,
        fc.constantFrom(...CHUNKS),
        async (si, mode, ops, opts, chunkSize) => {
          let seed = seeds[si]!;
          let bytes = seed.bytes;
          for (const op of ops) {
            bytes = applyMemberOp(seed, op);
            seed = makeSeedLenient(seed.name, bytes, seed);
          }
          const name = `${seed.name}-repacked.tar${mode === 'gzip' ? '.gz' : ''}`;
          const input = mode === 'gzip' ? gzipSync(bytes, { level: 1 }) : bytes;
          const desc = `seed ${seeds[si]!.name}, mode ${mode}, ${JSON.stringify(opts)}, ops ${JSON.stringify(
            ops,
            (_k, v: unknown) =>
              typeof v === 'string' && v.length > 200 ? `${v.slice(0, 40)}...(${v.length} chars)` : v,
          )}`;
          const { problems } = await runCase(
            name,
            input,
            opts,
            desc,
            mode === 'stream' ? chunkSize : undefined,
          );
          fail(problems, desc);
        },
      ),
      { seed: SEED + 1, numRuns: Math.round(300 * RUNS), endOnFailure: false },
    );
    expect(openFds() - fdBefore, 'file descriptors leaked').toBeLessThan(8);
  }, 180_000);

  it(`memory stays bounded over the run (RSS growth < ${RSS_BOUND / 2 ** 20} MiB)`, () => {
    const growth = rss.peak - rss.base;
    console.log(
      `fuzz: ${cases} analyses (${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}), seed ${SEED}, ` +
        `RSS ${Math.round(rss.base / 2 ** 20)} -> peak ${Math.round(rss.peak / 2 ** 20)} MiB`,
    );
    expect(
      growth,
      `RSS grew by ${Math.round(growth / 2 ** 20)} MiB, peak after: ${rss.peakCase}`,
    ).toBeLessThan(RSS_BOUND);
  });
});

/** After a re-pack the next op works on the new members (a mutated layer may not parse: keep the old list then). */
function makeSeedLenient(name: string, bytes: Buffer, previous: Seed): Seed {
  try {
    return makeSeed(name, bytes);
  } catch {
    return { ...previous, bytes };
  }
}

// ---------------------------------------------------------------------------------------------
// Targeted cases

/** Runs a case in one mode and returns the ArchiveError (failing on anything else or any problem). */
async function expectError(
  mode: 'file' | 'gzip' | 'stream',
  name: string,
  bytes: Buffer,
  opts: ReadOptions = {},
): Promise<ArchiveError> {
  const file = mode === 'gzip' ? `${name}.gz` : name;
  const { outcome, problems } = await runCase(
    file,
    mode === 'gzip' ? gzipSync(bytes) : bytes,
    opts,
    `${name} (${mode})`,
    mode === 'stream' ? 4096 : undefined,
  );
  fail(problems, `${name} (${mode})`);
  expect(outcome?.ok, `${name} (${mode}) was accepted`).toBe(false);
  return (outcome as { error: ArchiveError }).error;
}

async function expectResult(
  mode: 'file' | 'gzip' | 'stream',
  name: string,
  bytes: Buffer,
  opts: ReadOptions = {},
): Promise<AnalyzeResult> {
  const file = mode === 'gzip' ? `${name}.gz` : name;
  const { outcome, problems } = await runCase(
    file,
    mode === 'gzip' ? gzipSync(bytes) : bytes,
    opts,
    `${name} (${mode})`,
    mode === 'stream' ? 4096 : undefined,
  );
  fail(problems, `${name} (${mode})`);
  if (!outcome?.ok) throw (outcome as { error: unknown } | null)?.error ?? new Error('no outcome');
  return outcome.result;
}

/** A legacy archive whose only layer.tar member is a link to `target` instead of the tar. */
function legacyWithLayerLink(type: 'symlink' | 'hardlink', target: string): Buffer {
  const b = base();
  const a = legacyDockerArchive([{ repoTags: ['synthetic/link:1'], layers: [b] }]);
  const seed = makeSeed('link', a.bytes);
  const members = seed.members.map((m) =>
    m.name.endsWith('/layer.tar') ? { ...m, type, linkname: target, body: Buffer.alloc(0) } : m,
  );
  return tar(
    members.map((m) => ({
      name: m.type === 'dir' ? `${m.name}/` : m.name,
      type: m.type,
      ...(m.type === 'file' ? { body: m.body } : { linkname: m.linkname }),
    })),
  );
}

/** A tar with one header whose numeric field is replaced (checksum fixed). */
function withField(bytes: Buffer, headerOffset: number, pos: number, value: Buffer): Buffer {
  const out = Buffer.from(bytes);
  value.copy(out, headerOffset + pos);
  fixChecksum(out, headerOffset);
  return out;
}

const TARGET_MODES = ['file', 'gzip', 'stream'] as const;

describe.each(TARGET_MODES)('targeted hostile archives, read as %s', (mode) => {
  const nameOf = (n: string): string => (mode === 'gzip' ? `${n}.gz` : n);

  it('decompression bomb: a gzip layer inflating past maxInflatedBytes is TOO_LARGE; the cap is configurable', async () => {
    const bomb = gzipBomb(16 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const err = await expectError(mode, 'bomb.tar', bomb.bytes, { maxInflatedBytes: 1024 * 1024 });
    expect({ file: err.file, code: err.code }).toEqual({ file: nameOf('bomb.tar'), code: 'TOO_LARGE' });
    expect(err.reason).toMatch(/limit/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    // Above the cap it is an ordinary layer.
    const ok = await expectResult(mode, 'bomb.tar', bomb.bytes, { maxInflatedBytes: 64 * 1024 * 1024 });
    expect(ok.analysis.images[0]!.layers[0]!.tarBytes).toBe(bomb.tarBytes);
  });

  it('an outer archive inflating past maxInflatedBytes is TOO_LARGE', async () => {
    if (mode !== 'gzip') return; // only a compressed archive inflates
    const err = await expectError(mode, 'outer-bomb.tar', bigPlainLayer(8 * 1024 * 1024), {
      maxInflatedBytes: 1024 * 1024,
    });
    expect({ file: err.file, code: err.code }).toEqual({ file: 'outer-bomb.tar.gz', code: 'TOO_LARGE' });
  });

  it('a compressed archive of big members that are neither layers nor JSON is refused, not held in memory', async () => {
    if (mode !== 'gzip') return; // only the one-pass reader keeps members for later
    // 9 members of 32 MiB of 'A' (kept as "maybe JSON"), 1.3 MB of gzip: was 288 MiB held in memory.
    const size = 32 * 1024 * 1024 - 512;
    const gz = createGzip({ level: 1 });
    const parts: Buffer[] = [];
    gz.on('data', (d: Buffer) => parts.push(d));
    const filler = Buffer.alloc(1024 * 1024, 0x41);
    for (let i = 0; i < 9; i++) {
      gz.write(tar([{ name: `junk${i}.json`, headerSize: size, body: '' }], { end: 'none' }));
      for (let o = 0; o < size; o += filler.length) {
        if (!gz.write(filler.subarray(0, Math.min(filler.length, size - o)))) await once(gz, 'drain');
      }
    }
    gz.end(legacyDockerArchive([{ repoTags: ['k:1'], layers: [base()] }]).bytes);
    await once(gz, 'end');
    const { outcome, problems } = await runCase('kept.tar.gz', Buffer.concat(parts), {}, 'kept.tar.gz');
    fail(problems, 'kept.tar.gz');
    const err = (outcome as { error: ArchiveError }).error;
    expect({ file: err.file, code: err.code, reason: err.reason }).toEqual({
      file: 'kept.tar.gz',
      code: 'TOO_LARGE',
      reason: `more than ${MAX_KEPT_BYTES / 2 ** 20} MiB of members that are neither layers nor image metadata`,
    });
  });

  it('`../` and absolute names in the outer tar and in layers: never resolved outside the root', async () => {
    const a = hostileNames();
    const { analysis, trees } = await expectResult(mode, 'hostile.tar', a.bytes, { verify: true });
    const img = analysis.images[0]!;
    const tree = trees.get(img.id)!;
    expect(
      img.layers.every((l) => !l.blobPath.split('/').includes('..') && !l.blobPath.startsWith('/')),
    ).toBe(true);
    expect(tree.stat('..')).toBeNull();
    expect(tree.stat('b')).toBeNull();
    expect(tree.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['dot-dot', 'hardlink-outside-root']),
    );
    // A manifest pointing a layer (or the config) out of the root is a missing member, not a read.
    const escape = await expectError(mode, 'escape.tar', hostileLayerPath());
    expect({ file: escape.file, code: escape.code }).toEqual({ file: nameOf('escape.tar'), code: 'CORRUPT' });
    expect(escape.reason).toMatch(/missing/);
    const absConfig = legacyDockerArchive([{ repoTags: ['t:1'], layers: [base()] }], {
      manifest: (entries) => entries.map((e) => ({ ...e, Config: '/etc/passwd' })),
    }).bytes;
    const err = await expectError(mode, 'abs-config.tar', absConfig);
    expect(err.reason).toMatch(/\/etc\/passwd is referenced but not in the archive/);
  });

  it('a hardlink to ../../etc/passwd inside a layer is kept as a name only: no bytes, a warning, nothing read', async () => {
    const layer = makeLayer([
      dir('etc'),
      file('etc/hello', 'hello\n'),
      { name: 'etc/pw', type: 'hardlink', linkname: '../../etc/passwd' },
      { name: 'etc/pw-abs', type: 'hardlink', linkname: '/etc/passwd' },
    ]);
    const bytes = legacyDockerArchive([{ repoTags: ['synthetic/hl:1'], layers: [layer] }]).bytes;
    const { analysis, trees } = await expectResult(mode, 'hardlink.tar', bytes);
    const tree = trees.get(analysis.images[0]!.id)!;
    expect(tree.stat('etc/pw')?.size ?? 0).toBe(0);
    expect(tree.warnings.some((w) => w.code === 'hardlink-outside-root' && w.path === 'etc/pw')).toBe(true);
    // runCase already failed the test on any fs call other than the archive (so /etc/passwd was never opened).
  });

  it('a layer.tar linked outside the archive root is refused, and the file it points at is never opened', async () => {
    // A real layer tar outside the archive, where `../../` from the archive's own folder lands:
    // if the analyzer resolved member links on disk, it would read this and succeed.
    const sentinelName = `sentinel-${process.pid}.tar`;
    const sentinel = join(archDir, '..', '..', sentinelName);
    writeFileSync(sentinel, base().blob);
    try {
      for (const [type, target] of [
        ['symlink', `../../../${sentinelName}`],
        ['symlink', '../../../etc/passwd'],
        ['symlink', sentinel],
        ['hardlink', `../../${sentinelName}`],
      ] as const) {
        fsSpy.state.calls = [];
        const err = await expectError(mode, 'layer-link.tar', legacyWithLayerLink(type, target));
        expect({ file: err.file, code: err.code }).toEqual({
          file: nameOf('layer-link.tar'),
          code: 'CORRUPT',
        });
        // The reason says which layer and why: a link out of the archive, not followed.
        expect(err.reason).toMatch(
          /layers are missing from the archive \(.*layer\.tar: a (sym|hard)link to .*, outside the archive: not followed\)$/,
        );
        expect(
          fsSpy.state.calls.filter((c) => c.path.includes('sentinel') || c.path.includes('passwd')),
        ).toEqual([]);
      }
      // An OCI layer blob that is a symlink out of the root.
      const s = new BlobStore();
      const l = base();
      const m = s.image([l]);
      const oci = makeSeed('oci', ociArchive(s, [m]));
      const blob = `blobs/sha256/${l.digest.slice(7)}`;
      const bytes = tar(
        oci.members.map((x) =>
          x.name === blob
            ? { name: x.name, type: 'symlink' as const, linkname: `../../../../${sentinelName}` }
            : {
                name: x.type === 'dir' ? `${x.name}/` : x.name,
                type: x.type,
                ...(x.type === 'file' ? { body: x.body } : {}),
              },
        ),
      );
      const err = await expectError(mode, 'oci-link.tar', bytes);
      expect(err.reason).toMatch(
        /layer blobs are missing from the archive \(blobs\/sha256\/[0-9a-f]{64}: a symlink to .*, outside the archive: not followed\)$/,
      );
      expect(readFileSync(sentinel)).toEqual(base().blob);
    } finally {
      rmSync(sentinel, { force: true });
    }
  });

  it('absurd header fields: one clear error each', async () => {
    const a = legacyTwoImages().bytes;
    const seed = makeSeed('legacy', a);
    const first = seed.headers[0]!;
    const b256 = (bytes: number[]): Buffer => Buffer.from(bytes);
    const cases: [string, number, Buffer, ArchiveError['code'], RegExp][] = [
      [
        'size 2^62 (base-256)',
        124,
        b256([0x80, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0]),
        'TOO_LARGE',
        /size field exceeds 2\^53/,
      ],
      ['negative size (base-256)', 124, b256(new Array(12).fill(0xff)), 'CORRUPT', /negative size/],
      ['size not octal', 124, Buffer.from('9999\0'), 'CORRUPT', /invalid octal number in the size field/],
      [
        'uid 2^63 (base-256)',
        108,
        b256([0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
        'TOO_LARGE',
        /uid field exceeds/,
      ],
    ];
    for (const [what, pos, value, code, reason] of cases) {
      const err = await expectError(mode, 'absurd.tar', withField(a, first, pos, value));
      expect({ what, file: err.file, code: err.code, reason: err.reason }).toEqual({
        what,
        file: nameOf('absurd.tar'),
        code,
        reason: expect.stringMatching(reason),
      });
    }
    // A huge octal size in the outer tar: the data would run past the end, a truncation.
    const huge = await expectError(
      mode,
      'absurd.tar',
      withField(a, first, 124, Buffer.from('77777777777\0')),
    );
    expect(huge.reason).toMatch(/truncated|cut short|ends inside/);
  });

  it('garbage, empty input, truncations, bad JSON, missing and mismatched layers: one clear error each', async () => {
    const cases: [string, Buffer, RegExp][] = [
      [
        'garbage',
        Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 131 + 7) & 0xff)),
        /not an image archive|checksum|neither/,
      ],
      ['truncated', truncated(), /truncat|cut short|ends inside/],
      ['truncated-at-end', truncatedAtEnd(), /truncat|cut short|ends inside|no manifest/],
      ['bad-manifest', badManifestJson(), /manifest\.json is not valid JSON/],
      ['bad-config', badConfigJson(), /is not valid JSON/],
      ['missing-layer', legacyMissingLayer(), /missing/],
      ['oci-missing-layer', ociMissingLayer(), /missing/],
      ['layer-count', layerCountMismatch(), /lists 2 layers but the config has 3 diff_ids/],
      ['not-an-image', tar([file('README.md', 'hi')]), /not an image archive/],
    ];
    if (mode !== 'stream') cases.push(['empty', Buffer.alloc(0), /empty|no bytes|not an image/]);
    for (const [what, bytes, reason] of cases) {
      const err = await expectError(mode, `${what}.tar`, bytes);
      expect({ what, file: err.file, reason: err.reason }).toEqual({
        what,
        file: nameOf(`${what}.tar`),
        reason: expect.stringMatching(reason),
      });
    }
  });
});

describe('nested image indexes that list each other many times over', () => {
  /** index.json -> an index listing the next one `fan` times -> ... `depth` deep -> one image. */
  function fanOut(fan: number, depth: number): Buffer {
    const s = new BlobStore();
    let d = s.image([base()], { platform: { os: 'linux', architecture: 'amd64' } });
    for (let i = 0; i < depth; i++) {
      d = s.json(
        { schemaVersion: 2, mediaType: MT.ociIndex, manifests: Array.from({ length: fan }, () => d) },
        MT.ociIndex,
      );
    }
    return ociArchive(s, [d]);
  }

  it.each(TARGET_MODES)(
    'fan-out 10, 8 deep (a 34 KB archive, 10^8 paths) is one image, at once (%s)',
    async (mode) => {
      // Was a hang: every path through the indexes was walked (and its JSON read) again. A
      // regression shows as this test's timeout, not as a timed assertion.
      const { analysis } = await expectResult(mode, 'fan-out.tar', fanOut(10, 8));
      expect({ images: analysis.images.length, setAside: analysis.setAside.length }).toEqual({
        images: 1,
        setAside: 0,
      });
    },
  );

  it(`more than ${MAX_INDEX_ENTRIES} manifests in the indexes is TOO_LARGE`, async () => {
    // 400 distinct top-level indexes, each listing one index of 300 manifests: 120,000 to walk.
    const s = new BlobStore();
    const manifests = Array.from({ length: 300 }, (_, i) => ({
      mediaType: MT.ociManifest,
      digest: `sha256:${i.toString(16).padStart(64, '0')}`,
      size: 1,
    }));
    const inner = s.json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests }, MT.ociIndex);
    const tops = Array.from({ length: 400 }, (_, i) =>
      s.json(
        { schemaVersion: 2, mediaType: MT.ociIndex, manifests: [inner], annotations: { n: `${i}` } },
        MT.ociIndex,
      ),
    );
    const err = await expectError('file', 'many.tar', ociArchive(s, tops));
    expect({ code: err.code, reason: err.reason }).toEqual({
      code: 'TOO_LARGE',
      reason: `index.json and its nested indexes list more than ${MAX_INDEX_ENTRIES} manifests`,
    });
  });
});

it('top() and base() layers still analyze cleanly under the spy (a sanity check of the harness)', async () => {
  const bytes = legacyDockerArchive([{ repoTags: ['ok:1'], layers: [base(), top()] }]).bytes;
  const { analysis } = await expectResult('file', 'ok.tar', bytes, { verify: true });
  expect(analysis.images[0]!.layers.map((l) => l.diffIdMatches)).toEqual([true, true]);
  // The packed seeds are sound before they are mutated.
  for (const p of packed) {
    const r = await expectResult('file', p.name, p.bytes, { verify: true });
    expect(r.analysis.images.length, p.name).toBeGreaterThan(0);
  }
  // The spy does see the analyzer's own reads.
  fsSpy.state.active = true;
  fsSpy.state.calls = [];
  const path = join(archDir, 'spy.tar');
  writeFileSync(path, bytes);
  await analyzeArchive(path);
  fsSpy.state.active = false;
  rmSync(path);
  expect(fsSpy.state.calls.some((c) => c.fn === 'writeFileSync')).toBe(true); // the test's own write, recorded
  expect(fsSpy.state.calls.filter((c) => !c.write).map((c) => resolve(c.path))).toEqual(
    expect.arrayContaining([path]),
  );
});
