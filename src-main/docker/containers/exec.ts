/** A one-shot command inside a running container (`docker exec`), its output demultiplexed. */
import type { Readable } from 'node:stream';
import type { ExecResult } from '../../../src-shared/containers-dto';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { collectOutput } from './run';

/** Each of stdout and stderr is kept up to this many bytes; the rest is dropped and flagged. */
export const EXEC_OUTPUT_CAP = 1024 * 1024;

export interface ExecSpec {
  cmd: string[];
  env?: string[];
  workingDir?: string;
  user?: string;
  timeoutSeconds: number;
}

export async function execInContainer(docker: EngineClient, id: string, spec: ExecSpec): Promise<ExecResult> {
  let stream: Readable;
  let exec: ReturnType<EngineClient['getExec']>;
  try {
    exec = await docker.getContainer(id).exec({
      Cmd: spec.cmd,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      // No TTY: the output stays multiplexed, so stdout and stderr can be told apart.
      Tty: false,
      ...(spec.env ? { Env: spec.env } : {}),
      ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
      ...(spec.user ? { User: spec.user } : {}),
    });
    stream = (await exec.start({ hijack: true, stdin: false })) as Readable;
  } catch (err) {
    throw toAppError(err, `Running a command in container ${id}`);
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // The command may keep running in the container; we stop waiting for it (the engine has no exec kill).
    stream.destroy();
  }, spec.timeoutSeconds * 1000);
  try {
    const { out, err } = await collectOutput(stream, false, EXEC_OUTPUT_CAP);
    let exitCode: number | null = null;
    if (!timedOut) {
      try {
        // The stream can end a moment before the engine records the exit: ask again briefly.
        for (let attempt = 0; attempt < 20; attempt++) {
          const info = (await exec.inspect()) as { ExitCode?: number | null; Running?: boolean };
          if (!info.Running) {
            exitCode = info.ExitCode ?? null;
            break;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      } catch (e) {
        throw toAppError(e, `Reading the exit code of a command in container ${id}`);
      }
    }
    return {
      exitCode,
      stdout: out.text(),
      stderr: err.text(),
      stdoutTruncated: out.truncated,
      stderrTruncated: err.truncated,
      timedOut,
    };
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }
}
