/**
 * `npm test`: every check and test, in order, against real components, ending with one line
 * that counts passed and failed tests over all of them.
 *
 *   1. type-check (node side, web side)   2. lint   3. unit tests   4. build (the app, the CLI, the worker)
 *   5. integration tests against the test bed's dockerd and registry (and the built CLI and worker)
 *   6. e2e in Debian's Chromium against the built renderer
 *
 * The test bed (Debian packages, a private dockerd, a registry, test images) is started here,
 * in parallel with the static checks, and stopped at the end whatever happened.
 * Type-check, lint and build count as one test each.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDebianPackages, TESTBED_PACKAGES } from './testbed/ensure-packages';
import { startTestbed, testbedEnv, type Testbed } from './testbed/index';

const root = resolve(__dirname, '..');
const results = resolve(root, 'test-results');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

interface StepOutcome {
  name: string;
  passed: number;
  failed: number;
  note?: string;
}
const outcomes: StepOutcome[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => {
      console.error(`cannot start ${cmd}: ${err.message}`);
      resolveRun(127);
    });
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 128 : 1)));
  });
}

const banner = (title: string): void => console.log(`\n━━━ ${title} ━━━`);

async function check(name: string, cmd: string, args: string[]): Promise<boolean> {
  banner(name);
  const code = await run(cmd, args);
  outcomes.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
  return code === 0;
}

/** Reads a vitest JSON report; a missing or broken report counts as one failure. */
function vitestCounts(name: string, file: string, code: number): StepOutcome {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
    const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
    return { name, passed: r.numPassedTests, failed, ...(r.numTotalTests === 0 ? { note: 'no tests ran' } : {}) };
  } catch {
    return { name, passed: 0, failed: 1, note: `no report (exit ${code})` };
  }
}

function playwrightCounts(name: string, file: string, code: number): StepOutcome {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
    const failed = r.stats.unexpected + r.stats.flaky + (code !== 0 && r.stats.unexpected === 0 ? 1 : 0);
    return { name, passed: r.stats.expected, failed };
  } catch {
    return { name, passed: 0, failed: 1, note: `no report (exit ${code})` };
  }
}

async function vitest(project: 'unit' | 'integration', env: NodeJS.ProcessEnv = {}): Promise<void> {
  banner(`${project} tests`);
  const report = join(results, `${project}.json`);
  rmSync(report, { force: true });
  const code = await run(
    bin('vitest'),
    ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    env,
  );
  outcomes.push(vitestCounts(`${project} tests`, report, code));
}

async function main(): Promise<number> {
  mkdirSync(results, { recursive: true });
  let testbed: Testbed | undefined;
  let testbedError: unknown;
  const stopTestbed = async (): Promise<void> => {
    const tb = testbed;
    testbed = undefined;
    await tb?.stop();
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping the test bed`);
      void stopTestbed().finally(() => process.exit(130));
    });
  }

  // Packages first: the unit tests use the compression CLIs (zstd, xz, bzip2) as references.
  banner('packages');
  try {
    await ensureDebianPackages(TESTBED_PACKAGES);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(message);
    outcomes.push({ name: 'test bed packages', passed: 0, failed: 1, note: message.split('\n')[0] ?? '' });
    return 1;
  }

  // The test bed starts while the static checks run.
  const testbedReady = startTestbed().then(
    (tb) => {
      testbed = tb;
    },
    (err: unknown) => {
      testbedError = err;
    },
  );

  try {
    await check('type-check (node side)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
    await check('type-check (e2e)', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']);
    await check('type-check (web side)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
    await check('type-check (benchmarks)', bin('tsc'), ['-p', 'tsconfig.bench.json', '--noEmit']);
    await check('lint', bin('eslint'), ['.']);
    await vitest('unit');
    const built = await check('build', bin('electron-vite'), ['build']);

    banner('test bed');
    await testbedReady;
    if (!testbed) {
      const message = testbedError instanceof Error ? testbedError.message : String(testbedError);
      console.error(`The test bed could not start, so the integration and e2e tests cannot run:\n${message}`);
      outcomes.push({ name: 'test bed', passed: 0, failed: 1, note: message.split('\n')[0] ?? '' });
      return 1;
    }
    const env = testbedEnv(testbed);
    await vitest('integration', env);

    banner('e2e tests (Chromium)');
    if (!built) {
      outcomes.push({ name: 'e2e tests', passed: 0, failed: 1, note: 'not run: the build failed' });
    } else {
      const report = join(results, 'e2e.json');
      rmSync(report, { force: true });
      const code = await run(bin('playwright'), ['test', '-c', 'test/e2e/playwright.config.ts'], env);
      outcomes.push(playwrightCounts('e2e tests', report, code));
    }
  } finally {
    await testbedReady;
    await stopTestbed();
  }
  return 0;
}

void main()
  .catch((err: unknown) => {
    console.error(err);
    outcomes.push({ name: 'test runner', passed: 0, failed: 1, note: String(err) });
  })
  .then(() => {
    banner('summary');
    for (const o of outcomes) {
      console.log(`${o.failed ? '✗' : '✓'} ${o.name.padEnd(26)} ${o.passed} passed, ${o.failed} failed${o.note ? ` (${o.note})` : ''}`);
    }
    const passed = outcomes.reduce((n, o) => n + o.passed, 0);
    const failed = outcomes.reduce((n, o) => n + o.failed, 0);
    console.log(`\ntests: ${passed} passed, ${failed} failed`);
    process.exit(failed > 0 || passed === 0 ? 1 : 0);
  });
