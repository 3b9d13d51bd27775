// Engine transfer benchmark: `npm run bench:engine`.
//
// On one private dockerd (test/testbed/dockerd.ts), Strata's own functions, called in-process
// under tsx, against the docker CLI (/usr/bin/docker -H, the engine's own 20.10 client):
//   save   saveImagesToFile(~150 MB image)     vs `docker save -o`          goal <= 1.1x
//   load   loadImagesFromFile(that archive)     vs `docker load -i`          goal <= 1.1x
//   list   listImages (300 images, shared and unique sizes), cold: a new client each run, so no
//          per-image cache; the goal is judged on this one
//                                               vs `docker images` + `docker system df -v`   goal <= 1.5x
//   list warm: the same on a client whose per-image facts are cached (printed for information)
// Runs are interleaved, the side that goes first alternating (Strata, CLI, CLI, Strata...),
// after one untimed warm-up each; medians reported.
// Options: --runs N (default 5), --mb N (size of the random layer, default 150).
// Exit code: 0 whatever the goals say; 1 only if something broke.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngineClient } from '../src-main/docker/engine-client';
import { listImages } from '../src-main/docker/images';
import { loadLocalImages } from '../src-main/docker/images/local-images';
import { loadImagesFromFile } from '../src-main/docker/transfer/load-images';
import { saveImagesToFile } from '../src-main/docker/transfer/save-images';
import { startDockerd } from '../test/testbed/dockerd';
import { buildTestImages } from '../test/testbed/images';
import { BIG_IMAGE, buildBigImage, DOCKER, loadManyImages, MANY_REPO } from './engine-fixture';
import { exec, median, say } from './engine-proc';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, mb: { type: 'string', default: '150' } },
});
const RUNS = Math.max(1, Number(values.runs));
const MB = Math.max(1, Number(values.mb));
const MANY = 300;

interface Row {
  what: string;
  strataMs: number;
  cliMs: number;
  /** null: printed for information, no goal. */
  goal: number | null;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Warm-up of each, then RUNS interleaved timed runs; `before` runs untimed ahead of every run. */
async function compare(
  what: string,
  goal: number | null,
  strata: () => Promise<unknown>,
  cli: () => Promise<unknown>,
  before: () => Promise<unknown> = async () => undefined,
): Promise<Row> {
  const s: number[] = [];
  const c: number[] = [];
  const timed = async (fn: () => Promise<unknown>): Promise<number> => {
    await before();
    return time(fn);
  };
  for (let i = 0; i <= RUNS; i++) {
    // Who goes first alternates (ABBA), so what one run leaves behind (dirty pages, the
    // engine's cleanup) weighs on both sides alike.
    let a: number;
    let b: number;
    if (i % 2 === 0) {
      a = await timed(strata);
      b = await timed(cli);
    } else {
      b = await timed(cli);
      a = await timed(strata);
    }
    if (i > 0) {
      s.push(a);
      c.push(b);
    }
    say(`${what}: run ${i === 0 ? 'warm-up' : i}: strata ${a.toFixed(0)} ms, cli ${b.toFixed(0)} ms`);
  }
  return { what, strataMs: median(s), cliMs: median(c), goal };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-engine-'));
  const d = await startDockerd();
  try {
    const host = d.dockerHost;
    const docker = (...args: string[]): Promise<unknown> => exec(DOCKER, ['-H', host, ...args]);
    const engine = createEngineClient(host);
    say('building fixtures: busybox base, a big image, 300 small images');
    await buildTestImages({ dockerHost: host });
    await buildBigImage(host, dir, MB);
    await loadManyImages(host, dir, MANY);
    const rows: Row[] = [];

    const ours = path.join(dir, 'strata-save.tar');
    const theirs = path.join(dir, 'cli-save.tar');
    const clean = async (): Promise<void> => rmSync(ours, { force: true }) ?? rmSync(theirs, { force: true });
    rows.push(
      await compare(
        `save ${BIG_IMAGE}`,
        1.1,
        () => saveImagesToFile(engine, { names: [BIG_IMAGE], destPath: ours }),
        () => docker('save', '-o', theirs, BIG_IMAGE),
        clean,
      ),
    );
    await saveImagesToFile(engine, { names: [BIG_IMAGE], destPath: ours });
    const archiveBytes = statSync(ours).size;

    rows.push(
      await compare(
        `load ${(archiveBytes / 1e6).toFixed(0)} MB archive`,
        1.1,
        () => loadImagesFromFile(engine, ours),
        () => docker('load', '-q', '-i', ours),
        () => docker('rmi', BIG_IMAGE),
      ),
    );

    const listed = await listImages(createEngineClient(host), { includeDangling: true });
    const many = listed.filter((i) => i.repoTags.some((t) => t.startsWith(`${MANY_REPO}:`)));
    if (many.length !== MANY) throw new Error(`expected ${MANY} bench images, listImages saw ${many.length}`);
    // The cold listing takes the engine's shared sizes; the facts path computes them from layers.
    const warm = createEngineClient(host);
    const fromLayers = new Map((await loadLocalImages(warm)).images.map((i) => [i.id, i]));
    for (const img of listed) {
      const other = fromLayers.get(img.id);
      if (other?.sharedSize !== img.sharedSize || other.uniqueSize !== img.uniqueSize)
        throw new Error(`cold and cached listings disagree on ${img.id}`);
    }
    const cliList = async (): Promise<void> => {
      await docker('images');
      await docker('system', 'df', '-v');
    };
    rows.push(
      await compare(
        `list ${listed.length} images cold`,
        1.5,
        () => listImages(createEngineClient(host), { includeDangling: true }),
        cliList,
      ),
    );
    rows.push(
      await compare(
        `list ${listed.length} images, cache warm`,
        null,
        () => listImages(warm, { includeDangling: true }),
        cliList,
      ),
    );

    let failed = 0;
    const lines = [
      `runs: ${RUNS} (medians), random layer ${MB} MB, dockerd ${String((await engine.version()).Version)}`,
      'what                                      strata ms   docker CLI ms   ratio   goal    result',
    ];
    for (const r of rows) {
      const ratio = r.strataMs / r.cliMs;
      const pass = r.goal === null || ratio <= r.goal;
      if (!pass) failed++;
      const goal = r.goal === null ? '  -  ' : `<=${r.goal.toFixed(1)}`;
      const result = r.goal === null ? 'info' : pass ? 'PASS' : 'FAIL';
      lines.push(
        `${r.what.padEnd(42)}${r.strataMs.toFixed(0).padStart(9)}   ${r.cliMs.toFixed(0).padStart(13)}   ${ratio.toFixed(2).padStart(5)}   ${goal}   ${result}`,
      );
    }
    const goals = rows.filter((r) => r.goal !== null).length;
    lines.push(`${goals - failed}/${goals} goals met`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await d.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench:engine broke: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
