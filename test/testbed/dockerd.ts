// A private dockerd in a temp dir: its own socket, data root, exec root and pidfile. Never the system daemon.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  elapsed,
  firstExecutable,
  isAlive,
  log,
  mountsBelow,
  pidsMentioning,
  readTail,
  signal,
  sleep,
  unmountBelowSync,
  waitForExit,
  waitForExitSync,
} from './exec';

/** docker.io installs dockerd as /usr/sbin/dockerd; /usr/bin/dockerd is accepted too. */
export const DOCKERD_CANDIDATES = ['/usr/sbin/dockerd', '/usr/bin/dockerd'] as const;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface Dockerd {
  /** Private temp dir holding everything: docker.sock, root/, exec/, docker.pid, dockerd.log. */
  dir: string;
  socketPath: string;
  /** `unix://<dir>/docker.sock` */
  dockerHost: string;
  pid: number;
  /** SIGTERM, SIGKILL after 15 s, unmount leftovers, remove the dir. Idempotent, never throws. */
  stop(): Promise<void>;
  /** The same, synchronously, for process 'exit' paths. */
  stopSync(): void;
}

/** GET /_ping over the unix socket; resolves true on 200 OK. */
export function pingDocker(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export interface StartDockerdOptions {
  /**
   * Reuse this dir (socket, data root, exec root) instead of a new temp dir: a daemon restarted
   * on the same socket and images, e.g. after a test killed the previous one.
   */
  dir?: string;
}

export async function startDockerd(options: StartDockerdOptions = {}): Promise<Dockerd> {
  const started = performance.now();
  const binary = await firstExecutable(DOCKERD_CANDIDATES);
  if (!binary)
    throw new Error(`dockerd not found (looked for ${DOCKERD_CANDIDATES.join(', ')}): install docker.io`);

  const dir = await realpath(options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'strata-dockerd-'))));
  const socketPath = path.join(dir, 'docker.sock');
  if (Buffer.byteLength(socketPath) > 100) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `socket path too long for a unix socket (${socketPath}); set TMPDIR to a short dir like /tmp`,
    );
  }
  const dockerHost = `unix://${socketPath}`;
  const pidFile = path.join(dir, 'docker.pid');
  const logFile = path.join(dir, 'dockerd.log');
  const args = [
    '--host', dockerHost,
    '--data-root', path.join(dir, 'root'),
    '--exec-root', path.join(dir, 'exec'),
    '--pidfile', pidFile,
    '--bridge=none',
    '--iptables=false',
    '--ip-masq=false',
  ]; // prettier-ignore

  const logFd = openSync(logFile, 'a');
  const child = spawn(binary, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    // Debian's containerd, runc and docker-init first, whatever else is on PATH.
    env: { ...process.env, PATH: `/usr/sbin:/usr/bin:/sbin:/bin:${process.env.PATH ?? ''}` },
  });
  closeSync(logFd);
  child.unref();
  let exited: string | undefined;
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));
  child.on('exit', (code, sig) => (exited = sig ? `signal ${sig}` : `exit code ${String(code)}`));
  const childPid = child.pid ?? -1;

  const daemonPid = (): number => {
    try {
      const n = Number(readFileSync(pidFile, 'utf8').trim());
      if (Number.isInteger(n) && n > 0) return n;
    } catch {
      // not written yet, or removed on a clean exit
    }
    return childPid;
  };

  let stopping: Promise<void> | undefined;
  let stoppedSync = false;
  let stopped = false; // stopAsync ran to its end
  const onExit = (): void => stopSync();
  process.on('exit', onExit);

  // Still-running processes of this daemon: itself, or the containerd and shims it started in its dir.
  const leftovers = (): number[] =>
    [daemonPid(), childPid, ...pidsMentioning(dir)].filter(
      (p, i, a) => p > 0 && a.indexOf(p) === i && isAlive(p),
    );

  const finish = (): void => {
    unmountBelowSync(dir);
    if (mountsBelow(dir).length === 0) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    else log(`dockerd: kept ${dir} because mounts remain below it`);
  };

  async function stopAsync(): Promise<void> {
    const t = performance.now();
    try {
      const pid = daemonPid();
      if (pid > 0 && isAlive(pid)) {
        signal(pid, 'SIGTERM');
        if (!(await waitForExit([pid], STOP_TIMEOUT_MS))) {
          log(`dockerd: pid ${pid} still alive after ${STOP_TIMEOUT_MS} ms, SIGKILL`);
          signal(pid, 'SIGKILL');
          await waitForExit([pid], 5_000);
        }
      }
      // containerd and shims it started, if the daemon died without taking them down
      const rest = leftovers();
      if (rest.length) {
        log(`dockerd: stopping leftover processes ${rest.join(', ')}`);
        rest.forEach((p) => signal(p, 'SIGTERM'));
        if (!(await waitForExit(rest, 5_000))) rest.forEach((p) => signal(p, 'SIGKILL'));
        await waitForExit(rest, 5_000);
      }
      finish();
      log(`dockerd: stopped and removed ${dir} [${elapsed(t)}]`);
    } catch (error) {
      log(`dockerd: stop failed: ${(error as Error).stack ?? String(error)}`);
    } finally {
      stopped = true;
      process.off('exit', onExit);
    }
  }

  function stop(): Promise<void> {
    stopping ??= stoppedSync ? Promise.resolve() : stopAsync();
    return stopping;
  }

  function stopSync(): void {
    if (stopped || stoppedSync) return; // an unfinished stop() is taken over: 'exit' cut it short
    stoppedSync = true;
    process.off('exit', onExit);
    try {
      const pid = daemonPid();
      if (pid > 0 && isAlive(pid)) {
        signal(pid, 'SIGTERM');
        if (!waitForExitSync([pid], STOP_TIMEOUT_MS)) signal(pid, 'SIGKILL');
      }
      const rest = leftovers();
      rest.forEach((p) => signal(p, 'SIGKILL'));
      waitForExitSync(rest, 5_000);
      finish();
      process.stderr.write(`[testbed] dockerd: stopped (sync) and removed ${dir}\n`);
    } catch (error) {
      process.stderr.write(`[testbed] dockerd: sync stop failed: ${String(error)}\n`);
    }
  }

  // Readiness: GET /_ping over the socket.
  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (await pingDocker(socketPath)) break;
    const failure = spawnError
      ? `could not start ${binary}: ${spawnError.message}`
      : exited
        ? `${binary} exited (${exited}) before answering /_ping`
        : performance.now() > deadline
          ? `${binary} did not answer GET /_ping on ${socketPath} within ${READY_TIMEOUT_MS / 1000} s`
          : undefined;
    if (failure) {
      const logTail = await readTail(logFile);
      await stop();
      throw new Error(`${failure}\n--- tail of ${logFile} ---\n${logTail}`);
    }
    await sleep(50);
  }
  const pid = daemonPid();
  log(`dockerd: ready on ${dockerHost} (pid ${pid}) [${elapsed(started)}]`);
  return { dir, socketPath, dockerHost, pid, stop, stopSync };
}
