// Manual use: `npx tsx test/testbed/cli.ts up [--state FILE]` starts the test bed, writes its state as JSON
// to FILE, prints shell `export` lines for the integration tests, and runs until SIGTERM/SIGINT/SIGHUP;
// then it stops everything and removes FILE.
import { readFileSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isAlive, log } from './exec';
import { startTestbed, testbedEnv, testbedState, type Testbed } from './index';

const USAGE = 'usage: tsx test/testbed/cli.ts up [--state FILE]';

function parseArgs(argv: readonly string[]): { state?: string } {
  const [command, ...rest] = argv;
  if (command !== 'up') throw new Error(USAGE);
  let state: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--state' && rest[i + 1]) state = path.resolve(rest[++i] ?? '');
    else if (arg.startsWith('--state=')) state = path.resolve(arg.slice('--state='.length));
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return state ? { state } : {};
}

/** The wrapper processes we run under (`npm exec`/npx, `sh -c tsx`, the tsx launcher), nearest first.
 *  `kill $!` after `npx tsx ... &` signals only npm, which does not forward it: watch them instead. */
function launcherChain(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 6) {
    let cmdline: string;
    let stat: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      break;
    }
    if (!/\b(tsx|npm|npx)\b/.test(cmdline)) break;
    chain.push(pid);
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return chain;
}

async function main(): Promise<void> {
  const { state } = parseArgs(process.argv.slice(2));
  const current: { testbed?: Testbed } = {};
  let shuttingDown = false;

  const removeState = (): void => {
    if (state) rmSync(state, { force: true });
  };
  const shutdown = async (reason: string, code: number): Promise<void> => {
    if (shuttingDown) {
      log(`${reason} again: still stopping`);
      return;
    }
    shuttingDown = true;
    log(`${reason}: stopping`);
    // Before the test bed is up, process.exit runs the 'exit' handlers that dockerd and registry registered.
    if (current.testbed) await current.testbed.stop();
    removeState();
    process.exit(code);
  };
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, () => void shutdown(sig, 0));
  process.on('uncaughtException', (error) => {
    log(`uncaught: ${error.stack ?? String(error)}`);
    void shutdown('uncaughtException', 1);
  });
  process.on('unhandledRejection', (reason) => {
    log(`unhandled rejection: ${String(reason)}`);
    void shutdown('unhandledRejection', 1);
  });
  process.on('exit', () => {
    current.testbed?.stopSync(); // no-op after a completed stop()
    removeState();
  });

  const testbed = (current.testbed = await startTestbed());
  if (shuttingDown) return; // a signal arrived during startup; shutdown() is stopping it

  if (state) {
    const tmp = `${state}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(testbedState(testbed), null, 2)}\n`);
    await rename(tmp, state);
    log(`state written to ${state}`);
  }
  for (const [k, v] of Object.entries(testbedEnv(testbed))) process.stdout.write(`export ${k}='${v}'\n`);
  log(`up; pid ${process.pid}; stop with: kill ${process.pid}`);
  // Stay alive until a signal, or until a launcher wrapper (npx, tsx) we run under is gone.
  const launchers = launcherChain();
  setInterval(() => {
    if (shuttingDown) return;
    const gone = launchers.find((pid) => !isAlive(pid));
    if (gone !== undefined) void shutdown(`launcher pid ${gone} exited`, 0);
  }, 500);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
