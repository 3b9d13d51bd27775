// Small process helpers for the engine benchmark (kept apart from the archive bench's own).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export function say(message: string): void {
  process.stderr.write(`[bench:engine] ${message}\n`);
}

/** Runs a command to completion, its output discarded unless asked; rejects with its stderr on failure. */
export async function exec(
  file: string,
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const { stdout } = await execFileP(file, [...args], {
    maxBuffer: 256 * 1024 * 1024,
    ...(opts.env ? { env: opts.env } : {}),
  });
  return stdout;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
