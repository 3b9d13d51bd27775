// Process helpers for the benchmarks: spawn a command with its stdout sent to /dev/null, a log file or
// a string, time it from this process, and optionally read its peak RSS through /usr/bin/time.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export function say(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function fmtCommand(file: string, args: readonly string[]): string {
  return [file, ...args]
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Where stdout goes: /dev/null (default), a string, or appended to a log file. */
  stdout?: 'null' | 'capture' | { log: string };
  /** Same for stderr; default: captured (its tail is shown on failure). */
  stderr?: 'capture' | { log: string };
  /** Measure peak RSS and CPU time by running the command under /usr/bin/time. */
  rss?: boolean;
  /** Exit codes that are not a failure. Default [0]. */
  okCodes?: number[];
  timeoutMs?: number;
}

export interface ExecResult {
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size in KiB (only with `rss`). */
  rssKb?: number;
  /** User + system CPU time of the command and the children it waited for, ms (only with `rss`). */
  cpuMs?: number;
}

/** Runs `file args` to completion; rejects (naming the command, code, stderr tail) unless it exits with an ok code. */
export function exec(file: string, args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const fds: number[] = [];
  const openFd = (target: string, flags: string): number => {
    const fd = openSync(target, flags);
    fds.push(fd);
    return fd;
  };
  const out = opts.stdout ?? 'null';
  const err = opts.stderr ?? 'capture';
  const stdoutIo =
    out === 'null' ? openFd('/dev/null', 'w') : out === 'capture' ? 'pipe' : openFd(out.log, 'a');
  const stderrIo = err === 'capture' ? 'pipe' : openFd(err.log, 'a');
  let rssFile: string | undefined;
  let cmd = file;
  let argv = [...args];
  if (opts.rss) {
    rssFile = path.join(
      os.tmpdir(),
      `strata-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`,
    );
    cmd = GNU_TIME;
    argv = ['-f', '%M %U %S', '-o', rssFile, file, ...args];
  }
  const shown = fmtCommand(file, args);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', stdoutIo, stderrIo],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : undefined;
    let failed: Error | undefined;
    child.on('error', (e) => (failed = e));
    child.on('close', (code, sig) => {
      const ms = performance.now() - started;
      if (timer) clearTimeout(timer);
      fds.forEach((fd) => closeSync(fd));
      let rssKb: number | undefined;
      let cpuMs: number | undefined;
      if (rssFile) {
        try {
          // GNU time writes "Command exited with non-zero status N" first when the command fails.
          const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
          const [m, u, s] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
          if (m !== undefined && Number.isFinite(m) && m > 0) rssKb = m;
          if (u !== undefined && s !== undefined && Number.isFinite(u + s)) cpuMs = (u + s) * 1000;
        } catch {
          // reported below if the command failed; otherwise rssKb stays undefined
        }
        rmSync(rssFile, { force: true });
      }
      const okCodes = opts.okCodes ?? [0];
      if (failed || code === null || !okCodes.includes(code)) {
        const why = failed
          ? failed.message
          : code === null
            ? `killed by ${sig ?? 'a signal'}${opts.timeoutMs ? ` (timeout ${opts.timeoutMs} ms?)` : ''}`
            : `exit code ${code}`;
        const logNote = typeof err === 'object' ? `\n(see ${err.log})` : '';
        reject(new Error(`${shown} failed: ${why}\n${tail(stderr)}${logNote}`));
        return;
      }
      if (opts.rss && rssKb === undefined) {
        reject(new Error(`${shown}: ${GNU_TIME} did not report a peak RSS`));
        return;
      }
      resolve({
        ms,
        code,
        stdout,
        stderr,
        ...(rssKb !== undefined ? { rssKb } : {}),
        ...(cpuMs !== undefined ? { cpuMs } : {}),
      });
    });
  });
}

/** Runs `producer | consumer` (both to completion), consumer's stdout captured. */
export function pipeline(
  producer: { file: string; args: readonly string[] },
  consumer: { file: string; args: readonly string[] },
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const left = spawn(producer.file, producer.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const right = spawn(consumer.file, consumer.args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let leftErr = '';
    let rightErr = '';
    left.stderr.setEncoding('utf8').on('data', (d: string) => (leftErr += d));
    right.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    right.stderr.setEncoding('utf8').on('data', (d: string) => (rightErr += d));
    left.stdout.pipe(right.stdin);
    right.stdin.on('error', () => undefined);
    const done = (c: ReturnType<typeof spawn>): Promise<number | string | null> =>
      new Promise((res) => {
        c.on('error', (e: NodeJS.ErrnoException) => res(e.code ?? 'error'));
        c.on('close', (code, sig) => res(code ?? sig));
      });
    void Promise.all([done(left), done(right)]).then(([lc, rc]) => {
      const text = `${fmtCommand(producer.file, producer.args)} | ${fmtCommand(consumer.file, consumer.args)}`;
      if (lc !== 0) reject(new Error(`${text}: producer exit ${String(lc)}\n${tail(leftErr)}`));
      else if (rc !== 0) reject(new Error(`${text}: consumer exit ${String(rc)}\n${tail(rightErr)}`));
      else resolve(out);
    });
  });
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function fmtBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
