// Archive analyzer benchmark: `npm run bench:archive` (builds, then runs this with tsx).
//
// Measures the built CLI (`node out/main/cli.js analyze FILE --json > /dev/null`, one process per run)
// against GNU tools on the same warm page cache, on archives built once and cached outside the repo
// (see archive-fixture.ts):
//   A  legacy `docker save` archive, uncompressed layers (>= 1 GB, >= 100,000 entries, 9 layers)
//      - vs `tar -tvf <layer.tar>` run over every layer in turn, the layers extracted once beforehand
//        to a temp dir (tar gets regular, seekable files, its best case, and no pipe; the extraction is
//        not timed)
//      - vs `cat A.tar > /dev/null` (raw sequential read of the same bytes)
//   B  skopeo OCI archive of the same image, gzip layers
//      - vs `tar -tzf <blob>` over every layer blob in turn, blobs extracted once beforehand
//   Peak RSS (/usr/bin/time -f %M) of the analysis of A at quarter, half and whole size, and of a tiny
//   one-layer archive (the baseline of node + the CLI).
// Every command gets one untimed warm-up run; timed runs are interleaved, medians reported. Every
// process runs under /usr/bin/time (peak RSS, user+sys CPU); wall time is measured here.
//
// Options: --runs N (default 5), --profile (also write V8 CPU profiles of the A and B analyses and
// print where the time goes). Env: STRATA_BENCH_CACHE (default /var/tmp/strata-bench).
// Exit code: 0 whatever the goals say; 1 only if something broke.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDebianPackages } from '../test/testbed/ensure-packages';
import { CACHE_ROOT, ensureFixture, legacyLayers, ociLayers, SCALES } from './archive-fixture';
import { formatProfile, summarizeProfile } from './archive-cpuprofile';
import { exec, median, say, type ExecResult } from './archive-proc';

const REPO = path.resolve(__dirname, '..');
const BUILT = path.join(REPO, 'out/main');
/**
 * The CLI that is measured: a private copy of out/main taken at the start (other people rebuild
 * out/ while this runs; a rebuild empties it), resolving its packages from the repo's node_modules.
 */
let CLI = path.join(BUILT, 'cli.js');
const STRATA_ENV: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') };
const NODE = process.execPath;
const MB = 1e6;
const TOOL_ENV = { ...process.env, LC_ALL: 'C' };

const GOALS = {
  speedupVsTarA: 1.5,
  slowdownVsCat: 3,
  speedupVsTarB: 2,
  rssMb: 300,
};

interface Series {
  label: string;
  bytes: number;
  runs: number[];
  rssKb: number[];
  /** User + system CPU ms per run (all processes of the run). */
  cpu: number[];
}

const series = (label: string, bytes: number): Series => ({ label, bytes, runs: [], rssKb: [], cpu: [] });
const med = (s: Series): number => median(s.runs);

type Command = readonly [file: string, args: readonly string[]];

/**
 * Runs the commands one after the other (each under /usr/bin/time for its CPU time and peak RSS,
 * stdout to /dev/null) and, given a series, records the wall time of the whole sequence, the sum of
 * the CPU times and the largest peak RSS.
 */
async function measure(
  s: Series | undefined,
  commands: readonly Command[],
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  const t = performance.now();
  let cpu = 0;
  let rss = 0;
  for (const [file, args] of commands) {
    const r: ExecResult = await exec(file, args, { rss: true, ...(env ? { env } : {}) });
    cpu += r.cpuMs ?? 0;
    rss = Math.max(rss, r.rssKb ?? 0);
  }
  const ms = performance.now() - t;
  if (!s) return;
  s.runs.push(ms);
  s.cpu.push(cpu);
  s.rssKb.push(rss);
}

const strataCmd = (file: string): Command[] => [[NODE, [CLI, 'analyze', file, '--json']]];
const strata = (file: string, s?: Series): Promise<void> => measure(s, strataCmd(file), STRATA_ENV);

/** Copies out/main into `dir` and checks the copy runs; retries while a concurrent rebuild has it half written. */
async function snapshotCli(dir: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      cpSync(BUILT, dir, { recursive: true });
      const cli = path.join(dir, 'cli.js');
      await exec(NODE, [cli, '--help'], { env: STRATA_ENV });
      const chunks = readdirSync(path.join(dir, 'chunks')).filter((f) => f.startsWith('analyze-'));
      say(`measuring a copy of ${BUILT} (${chunks.join(', ')}) in ${dir}`);
      return cli;
    } catch (err) {
      if (attempt >= 10)
        throw new Error(`cannot take a working copy of ${BUILT}: ${String(err)}`, { cause: err });
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

function machineInfo(): string[] {
  const cpu =
    /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
  const tarVersion = execFileSync('tar', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  return [
    `nproc ${nproc}, CPU ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${os.release()}`,
    `node ${process.version} (${NODE}), ${tarVersion}, cat/gzip from Debian`,
  ];
}

function codeVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src-main', 'src-shared'], {
      cwd: REPO,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean).length;
    return `git ${head}${dirty ? ` + ${dirty} uncommitted changes in src-main/src-shared` : ''}`;
  } catch {
    return 'git: unknown';
  }
}

/** 1-minute load average, and a note when other work competes for the cores. */
function load(): string {
  const [one] = os.loadavg();
  const cores = os.availableParallelism();
  return `${one!.toFixed(2)}${one! > cores / 2 ? ` (busy: other processes compete for the ${cores} cores, figures are noisier)` : ''}`;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

function timeRow(s: Series): string {
  const m = med(s);
  return [
    pad(s.label, 52),
    lpad(secs(m), 10),
    lpad(secs(Math.min(...s.runs)), 10),
    lpad(secs(Math.max(...s.runs)), 10),
    lpad(s.bytes > 0 ? `${(s.bytes / MB / (m / 1000)).toFixed(0)} MB/s` : '-', 11),
    lpad(`${secs(median(s.cpu))}`, 10),
    lpad(`${((median(s.rssKb) * 1024) / MB).toFixed(0)} MB`, 9),
    lpad(String(s.runs.length), 5),
  ].join(' ');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, profile: { type: 'boolean', default: false } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs takes a positive integer, not "${values.runs}"`);
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`npm run build\` first (npm run bench:archive does)`);
  await ensureDebianPackages(['time', 'tar', 'gzip']);

  const fixture = await ensureFixture();
  const A = fixture.a.whole;
  const B = fixture.b;

  mkdirSync(CACHE_ROOT, { recursive: true });
  // Scratch of runs that were killed outright (their pid is in the name and no longer running).
  for (const old of readdirSync(CACHE_ROOT)) {
    const pid = /^run-(\d+)-/.exec(old)?.[1];
    if (pid && !existsSync(`/proc/${pid}`))
      rmSync(path.join(CACHE_ROOT, old), { recursive: true, force: true });
  }
  const work = mkdtempSync(path.join(CACHE_ROOT, `run-${process.pid}-`));
  const cleanup = (): void => rmSync(work, { recursive: true, force: true });
  process.on('exit', cleanup);
  const onSignal = (): void => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = performance.now();
  const loadBefore = load();
  try {
    CLI = await snapshotCli(path.join(work, 'out', 'main'));
    // Reference inputs: A's layer tars and B's layer blobs as separate files (not timed).
    const aDir = path.join(work, 'A');
    const bDir = path.join(work, 'B');
    mkdirSync(aDir);
    mkdirSync(bDir);
    const aLayers = await legacyLayers(A.file);
    await exec('tar', ['-xf', A.file, '-C', aDir, ...new Set(aLayers)]);
    const aLayerFiles = aLayers.map((l) => path.join(aDir, l));
    const bLayers = await ociLayers(B.file);
    await exec('tar', ['-xf', B.file, '-C', bDir, ...new Set(bLayers.map((l) => l.blob))]);
    const bBlobFiles = bLayers.map((l) => path.join(bDir, l.blob));
    const aLayerBytes = aLayerFiles.reduce((n, f) => n + statSync(f).size, 0);
    const bBlobBytes = bBlobFiles.reduce((n, f) => n + statSync(f).size, 0);
    say(`extracted ${aLayerFiles.length} layer tars of A and ${bBlobFiles.length} blobs of B to ${work}`);

    // Sanity: Strata sees the layers and entries GNU tar sees.
    const check = async (
      file: string,
      info: { layers: number; entries: number },
      name: string,
    ): Promise<string> => {
      const r = await exec(NODE, [CLI, 'analyze', file, '--json'], { stdout: 'capture', env: STRATA_ENV });
      const analysis = JSON.parse(r.stdout) as {
        format: string;
        images: { layers: { entries: number }[]; files: number }[];
      };
      const img = analysis.images[0];
      if (!img) throw new Error(`strata found no image in ${file}`);
      const entries = img.layers.reduce((n, l) => n + l.entries, 0);
      if (img.layers.length !== info.layers)
        throw new Error(`strata: ${name} has ${img.layers.length} layers, GNU tar ${info.layers}`);
      return `${name}: strata ${analysis.format}, ${img.layers.length} layers, ${int(entries)} entries (GNU tar lists ${int(info.entries)}), ${int(img.files)} files in the final tree`;
    };
    const sanity = [await check(A.file, A, 'A'), await check(B.file, B, 'B')];

    const sA = series('A  strata analyze A.tar --json', A.bytes);
    const tA = series(`A  tar -tvf each of the ${aLayerFiles.length} layer.tar files`, aLayerBytes);
    const cA = series('A  cat A.tar > /dev/null', A.bytes);
    // Node's own start-up (same binary, no script): the part of strata's time no code change moves.
    const nA = series('   node -e 0 (Node start-up alone)', 0);
    const sB = series('B  strata analyze B.tar --json', B.bytes);
    const tB = series(`B  tar -tzf each of the ${bBlobFiles.length} gzip blobs`, bBlobBytes);
    const tarList = (files: string[], flag: string, s?: Series): Promise<void> =>
      measure(
        s,
        files.map((f): Command => ['tar', [flag, f]]),
        TOOL_ENV,
      );
    const catA = (s?: Series): Promise<void> => measure(s, [['cat', [A.file]]], TOOL_ENV);

    // Warm-up: every input in the page cache, node and the CLI bundle loaded once.
    say('warm-up runs');
    await catA();
    await measure(undefined, [['cat', [B.file]]]);
    await tarList(aLayerFiles, '-tvf');
    await tarList(bBlobFiles, '-tzf');
    await strata(A.file);
    await strata(B.file);

    say(`A: ${runs} interleaved runs of strata, tar -tvf, cat`);
    for (let i = 0; i < runs; i++) {
      await strata(A.file, sA);
      await tarList(aLayerFiles, '-tvf', tA);
      await catA(cA);
      await measure(nA, [[NODE, ['-e', '0']]], TOOL_ENV);
    }
    say(`B: ${runs} interleaved runs of strata, tar -tzf`);
    for (let i = 0; i < runs; i++) {
      await strata(B.file, sB);
      await tarList(bBlobFiles, '-tzf', tB);
    }

    say('memory: tiny, quarter, half');
    const tiny = series('   strata analyze tiny.tar (1 layer, 1 file)', fixture.tiny.bytes);
    const sizes = new Map<string, Series>();
    for (const sc of SCALES) {
      const info = fixture.a[sc.name];
      sizes.set(
        sc.name,
        sc.name === 'whole' ? sA : series(`A  strata analyze A-${sc.name}.tar --json`, info.bytes),
      );
      if (sc.name !== 'whole') await strata(info.file); // warm-up
    }
    await strata(fixture.tiny.file);
    for (let i = 0; i < runs; i++) {
      await strata(fixture.tiny.file, tiny);
      for (const sc of SCALES)
        if (sc.name !== 'whole') await strata(fixture.a[sc.name].file, sizes.get(sc.name));
    }

    // ---------------------------------------------------------------- report
    const out: string[] = [];
    const line = (s = ''): number => out.push(s);
    line();
    line('Strata archive benchmark');
    line('========================');
    machineInfo().forEach((m) => line(`machine: ${m}`));
    line(
      `code: ${codeVersion()}, CLI ${path.relative(REPO, BUILT)} copied at start (${readdirSync(
        path.join(path.dirname(CLI), 'chunks'),
      )
        .filter((f) => f.startsWith('analyze-'))
        .join(', ')})`,
    );
    line(`fixture: ${fixture.recipe}`);
    line(
      `         ${fixture.dir} (recipe key ${fixture.key}, built ${fixture.builtAt} in ${fixture.buildSeconds} s)`,
    );
    line(
      `A: ${A.file}: ${(A.bytes / MB).toFixed(0)} MB, ${A.layers} layers, ${int(A.entries)} entries (legacy docker save, uncompressed)`,
    );
    line(
      `B: ${B.file}: ${(B.bytes / MB).toFixed(0)} MB, ${B.layers} gzip layers, ${int(B.entries)} entries, ${(B.layerTarBytes / MB).toFixed(0)} MB uncompressed (skopeo oci-archive)`,
    );
    sanity.forEach((s) => line(`check: ${s}`));
    line(
      `references: GNU tools with LC_ALL=C, stdout to /dev/null; tar runs over layer files extracted once beforehand (not timed);`,
    );
    line(
      `            all inputs warm in the page cache (one untimed warm-up run of every command); MB = 10^6 bytes`,
    );
    line();
    line(
      [
        pad('measurement', 52),
        lpad('median', 10),
        lpad('min', 10),
        lpad('max', 10),
        lpad('throughput', 11),
        lpad('CPU u+s', 10),
        lpad('peak RSS', 9),
        lpad('runs', 5),
      ].join(' '),
    );
    for (const s of [sA, tA, cA, nA, sB, tB]) line(timeRow(s));
    line();

    const rssMb = (s: Series): number => (median(s.rssKb) * 1024) / MB;
    const base = rssMb(tiny);
    line(
      "peak RSS of the analysis by size (legacy archives; quarter/half: the first 25 %/50 % of every generated layer's files, big files at 25 %/50 % size, same debootstrap base)",
    );
    line(
      [
        pad('size', 9),
        lpad('archive', 10),
        lpad('entries', 10),
        lpad('time', 10),
        lpad('peak RSS', 10),
        lpad('net of tiny', 12),
        lpad('KB/entry', 9),
      ].join(' '),
    );
    line(
      [
        pad('tiny', 9),
        lpad(`${(fixture.tiny.bytes / MB).toFixed(2)} MB`, 10),
        lpad(int(fixture.tiny.entries), 10),
        lpad(secs(med(tiny)), 10),
        lpad(`${base.toFixed(0)} MB`, 10),
        lpad('-', 12),
        lpad('-', 9),
      ].join(' '),
    );
    for (const sc of SCALES) {
      const info = fixture.a[sc.name];
      const s = sizes.get(sc.name)!;
      const net = rssMb(s) - base;
      line(
        [
          pad(sc.name, 9),
          lpad(`${(info.bytes / MB).toFixed(0)} MB`, 10),
          lpad(int(info.entries), 10),
          lpad(secs(med(s)), 10),
          lpad(`${rssMb(s).toFixed(0)} MB`, 10),
          lpad(`${net.toFixed(0)} MB`, 12),
          lpad(((net * 1000) / info.entries).toFixed(2), 9),
        ].join(' '),
      );
    }
    line(`B whole: peak RSS ${rssMb(sB).toFixed(0)} MB`);
    line();

    const q = fixture.a.quarter;
    const w = fixture.a.whole;
    const rq = rssMb(sizes.get('quarter')!);
    const rw = rssMb(sA);
    const expo = (num: number, den: number, sizeRatio: number): number =>
      Math.log(num / den) / Math.log(sizeRatio);
    const rawExp = expo(rw, rq, w.bytes / q.bytes);
    const netExp = expo(rw - base, rq - base, w.bytes / q.bytes);
    const netExpEntries = expo(rw - base, rq - base, w.entries / q.entries);

    const speedA = med(tA) / med(sA);
    const catRatio = med(sA) / med(cA);
    const speedB = med(tB) / med(sB);
    const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
    const goals: [string, string, string, boolean][] = [
      [
        'A: speed-up of strata over tar -tvf (median tar / median strata)',
        `${speedA.toFixed(2)}x`,
        `>= ${GOALS.speedupVsTarA}x`,
        speedA >= GOALS.speedupVsTarA,
      ],
      [
        'A: strata time / cat time',
        `${catRatio.toFixed(2)}x`,
        `<= ${GOALS.slowdownVsCat}x`,
        catRatio <= GOALS.slowdownVsCat,
      ],
      [
        'B: speed-up of strata over tar -tzf',
        `${speedB.toFixed(2)}x`,
        `>= ${GOALS.speedupVsTarB}x`,
        speedB >= GOALS.speedupVsTarB,
      ],
      ['peak RSS, whole A', `${rw.toFixed(0)} MB`, `<= ${GOALS.rssMb} MB`, rw <= GOALS.rssMb],
      ['peak RSS, whole B', `${rssMb(sB).toFixed(0)} MB`, `<= ${GOALS.rssMb} MB`, rssMb(sB) <= GOALS.rssMb],
      [
        `RSS growth exponent quarter->whole, net of the ${base.toFixed(0)} MB baseline, vs archive bytes (x${(w.bytes / q.bytes).toFixed(2)})`,
        netExp.toFixed(2),
        '< 1 (sub-linear)',
        netExp < 1,
      ],
    ];
    line([pad('goal', 96), lpad('value', 9), lpad('target', 17), '  result'].join(' '));
    for (const [name, value, target, ok] of goals)
      line([pad(name, 96), lpad(value, 9), lpad(target, 17), `  ${verdict(ok)}`].join(' '));
    line(
      `  (info: raw RSS exponent vs bytes ${rawExp.toFixed(2)}; net exponent vs entries (x${(w.entries / q.entries).toFixed(2)}) ${netExpEntries.toFixed(2)};`,
    );
    line(
      `   A in strata ${(A.bytes / MB / (med(sA) / 1000)).toFixed(0)} MB/s vs cat ${(A.bytes / MB / (med(cA) / 1000)).toFixed(0)} MB/s; B uncompressed ${(B.layerTarBytes / MB / (med(sB) / 1000)).toFixed(0)} MB/s of tar in strata vs ${(B.layerTarBytes / MB / (med(tB) / 1000)).toFixed(0)} MB/s in tar -tzf)`,
    );
    const cpu = (x: Series): number => median(x.cpu);
    line(
      `  (info, same ratios on CPU time (user+sys), less sensitive to competing load: tar -tvf/strata ${(cpu(tA) / cpu(sA)).toFixed(2)}x, strata/cat ${(cpu(sA) / cpu(cA)).toFixed(2)}x, tar -tzf/strata ${(cpu(tB) / cpu(sB)).toFixed(2)}x;`,
    );
    line(`   strata's fixed cost: the tiny archive takes ${secs(med(tiny))} wall, ${secs(cpu(tiny))} CPU)`);
    // Goal A as a budget: what is left per entry once Node has started and the header bytes are read.
    const budgetA = med(tA) / GOALS.speedupVsTarA;
    const perEntryUs = (ms: number): string => ((ms * 1000) / A.entries).toFixed(2);
    line(
      `  (info, goal A as a budget: tar -tvf / ${GOALS.speedupVsTarA} = ${secs(budgetA)}; Node start-up alone takes ${secs(med(nA))} of it (${((100 * med(nA)) / budgetA).toFixed(0)} %),`,
    );
    line(
      `   leaving ${perEntryUs(budgetA - med(nA))} us per entry for reading, parsing, merging and the metrics; strata spends ${perEntryUs(med(sA) - med(nA))} us)`,
    );
    line(
      `measured in ${((performance.now() - started) / 1000).toFixed(0)} s; load average before ${loadBefore}, after ${load()}`,
    );
    console.log(out.join('\n'));

    if (values.profile) {
      const dir = path.join(CACHE_ROOT, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
      for (const [name, file] of [
        ['A', A.file],
        ['B', B.file],
      ] as const) {
        const d = path.join(dir, name);
        mkdirSync(d, { recursive: true });
        await exec(NODE, ['--cpu-prof', '--cpu-prof-dir', d, CLI, 'analyze', file, '--json'], {
          env: STRATA_ENV,
        });
        for (const p of readdirSync(d).filter((f) => f.endsWith('.cpuprofile'))) {
          console.log();
          console.log(
            formatProfile(
              `CPU profile of strata analyze ${name} (${path.join(d, p)})`,
              summarizeProfile(path.join(d, p), 25),
            ),
          );
        }
      }
    }
  } finally {
    cleanup();
    process.off('exit', cleanup);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (err: unknown) => {
    process.stderr.write(
      `[bench] FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
