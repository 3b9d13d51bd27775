// Small process helpers shared by the test bed: run a command, log a step, wait, find and kill leftovers.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { access, constants, open } from 'node:fs/promises';

export function log(message: string): void {
  process.stderr.write(`[testbed] ${message}\n`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Blocks the thread; only for process 'exit' paths, where nothing asynchronous runs any more. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function elapsed(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}

export function tail(text: string, lines = 30): string {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

export async function readTail(file: string, bytes = 4096): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - bytes);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      return tail(buffer.toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return `(cannot read ${file}: ${(error as Error).message})`;
  }
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: number | string | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export function formatCommand(file: string, args: readonly string[]): string {
  return [file, ...args]
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** Runs a command to completion; rejects with a CommandError naming the command, exit code and output tail. */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code ?? null;
        const detail = tail(`${stderr}\n${stdout}`.trim(), 40);
        const why =
          code === 'ENOENT'
            ? `command not found: ${file}`
            : error.killed
              ? `timed out or killed (${error.signal ?? 'no signal'})`
              : `exit code ${String(code)}`;
        reject(
          new CommandError(
            `${formatCommand(file, args)} failed: ${why}${detail ? `\n${detail}` : ''}`,
            code,
            stdout,
            stderr,
          ),
        );
      },
    );
  });
}

/** `producer | consumer`, both run to completion; rejects with the failing side's stderr. */
export function pipe(
  producer: { file: string; args: readonly string[]; cwd?: string },
  consumer: { file: string; args: readonly string[]; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const left = spawn(producer.file, producer.args, {
      cwd: producer.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const right = spawn(consumer.file, consumer.args, {
      env: consumer.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let leftErr = '';
    let rightOut = '';
    let rightErr = '';
    left.stderr.on('data', (d: Buffer) => (leftErr += d.toString()));
    right.stdout.on('data', (d: Buffer) => (rightOut += d.toString()));
    right.stderr.on('data', (d: Buffer) => (rightErr += d.toString()));
    left.stdout.pipe(right.stdin);
    right.stdin.on('error', () => undefined); // EPIPE if the consumer dies early: reported by its exit code
    const done = (side: ChildProcess): Promise<number | string | null> =>
      new Promise((res) => {
        side.on('error', (e: NodeJS.ErrnoException) => res(e.code ?? 'error'));
        side.on('close', (code, signal) => res(code ?? signal));
      });
    Promise.all([done(left), done(right)]).then(([lc, rc]) => {
      const text = `${formatCommand(producer.file, producer.args)} | ${formatCommand(consumer.file, consumer.args)}`;
      if (lc !== 0)
        reject(
          new CommandError(`${text} failed: producer exit ${String(lc)}\n${tail(leftErr)}`, lc, '', leftErr),
        );
      else if (rc !== 0)
        reject(
          new CommandError(
            `${text} failed: consumer exit ${String(rc)}\n${tail(rightErr)}`,
            rc,
            rightOut,
            rightErr,
          ),
        );
      else resolve({ stdout: rightOut, stderr: rightErr });
    }, reject);
  });
}

export async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function firstExecutable(candidates: readonly string[]): Promise<string | undefined> {
  for (const file of candidates) if (await isExecutable(file)) return file;
  return undefined;
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

export async function waitForExit(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

export function waitForExitSync(pids: readonly number[], timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (performance.now() > deadline) return false;
    sleepSync(50);
  }
  return true;
}

/** Pids (other than ours) whose command line mentions `needle`: children our daemon started in its private dir. */
export function pidsMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(needle) && isAlive(pid)) found.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

function decodeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Mount points at or below `dir`, deepest first. */
export function mountsBelow(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const points = new Set<string>();
  for (const line of text.split('\n')) {
    const field = line.split(' ')[4];
    if (!field) continue;
    const point = decodeMountField(field);
    if (point === dir || point.startsWith(`${dir}/`)) points.add(point);
  }
  return [...points].sort((a, b) => b.split('/').length - a.split('/').length || b.length - a.length);
}

/** `umount -l` everything at or below dir, deepest first, a few rounds (stacked mounts). Never throws. */
export function unmountBelowSync(dir: string): void {
  for (let round = 0; round < 5; round++) {
    const points = mountsBelow(dir);
    if (points.length === 0) return;
    for (const point of points) {
      try {
        execFileSync('umount', ['-l', point], { stdio: ['ignore', 'ignore', 'pipe'] });
        log(`unmounted ${point}`);
      } catch (error) {
        log(`umount -l ${point} failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`);
      }
    }
  }
  const left = mountsBelow(dir);
  if (left.length) log(`still mounted below ${dir}: ${left.join(', ')}`);
}
