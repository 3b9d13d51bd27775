// A private Docker registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1:<free port>.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  elapsed,
  firstExecutable,
  isAlive,
  log,
  readTail,
  signal,
  sleep,
  waitForExit,
  waitForExitSync,
} from './exec';

export const REGISTRY_CANDIDATES = ['/usr/bin/docker-registry'] as const;
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface Registry {
  /** `127.0.0.1:PORT`, usable as an image reference prefix: `${address}/name:tag`. */
  address: string;
  /** Temp dir with config.yml, registry.log and the storage under data/. */
  dir: string;
  pid: number;
  /** SIGTERM (SIGKILL after 5 s), remove the dir. Idempotent, never throws. */
  stop(): Promise<void>;
  stopSync(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

/** GET http://ADDRESS/v2/ → status code, or 0 if nothing answers. */
export function registryStatus(address: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`http://${address}/v2/`, { timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function configYaml(address: string, storage: string): string {
  return `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${JSON.stringify(storage)}
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: ${address}
  secret: ${randomBytes(16).toString('hex')}
`;
}

export async function startRegistry(): Promise<Registry> {
  const started = performance.now();
  const binary = await firstExecutable(REGISTRY_CANDIDATES);
  if (!binary)
    throw new Error(`docker-registry not found (${REGISTRY_CANDIDATES.join(', ')}): install docker-registry`);
  let lastError: unknown;
  // The free port can be taken between probing and binding: try a few ports.
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const registry = await startOnce(binary, await freePort());
      log(`registry: ready on ${registry.address} (pid ${registry.pid}) [${elapsed(started)}]`);
      return registry;
    } catch (error) {
      lastError = error;
      log(`registry: attempt ${attempt} failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw lastError;
}

async function startOnce(binary: string, port: number): Promise<Registry> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'strata-registry-')));
  const address = `127.0.0.1:${port}`;
  const configFile = path.join(dir, 'config.yml');
  const logFile = path.join(dir, 'registry.log');
  await writeFile(configFile, configYaml(address, path.join(dir, 'data')));

  const logFd = openSync(logFile, 'a');
  const child = spawn(binary, ['serve', configFile], { detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  child.unref();
  let exited: string | undefined;
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));
  child.on('exit', (code, sig) => (exited = sig ? `signal ${sig}` : `exit code ${String(code)}`));
  const pid = child.pid ?? -1;

  let stopping: Promise<void> | undefined;
  let stoppedSync = false;
  let stopped = false; // stopAsync ran to its end
  const onExit = (): void => stopSync();
  process.on('exit', onExit);

  async function stopAsync(): Promise<void> {
    try {
      if (pid > 0 && isAlive(pid)) {
        signal(pid, 'SIGTERM');
        if (!(await waitForExit([pid], STOP_TIMEOUT_MS))) {
          signal(pid, 'SIGKILL');
          await waitForExit([pid], 5_000);
        }
      }
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
      log(`registry: stopped and removed ${dir}`);
    } catch (error) {
      log(`registry: stop failed: ${(error as Error).stack ?? String(error)}`);
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
      if (pid > 0 && isAlive(pid)) {
        signal(pid, 'SIGTERM');
        if (!waitForExitSync([pid], STOP_TIMEOUT_MS)) signal(pid, 'SIGKILL');
        waitForExitSync([pid], 2_000);
      }
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      process.stderr.write(`[testbed] registry: stopped (sync) and removed ${dir}\n`);
    } catch (error) {
      process.stderr.write(`[testbed] registry: sync stop failed: ${String(error)}\n`);
    }
  }

  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    const status = await registryStatus(address);
    if (status === 200) break;
    const failure = spawnError
      ? `could not start ${binary}: ${spawnError.message}`
      : exited
        ? `${binary} exited (${exited}) before answering GET /v2/`
        : performance.now() > deadline
          ? `${binary} did not answer 200 to GET http://${address}/v2/ within ${READY_TIMEOUT_MS / 1000} s (last status ${status})`
          : undefined;
    if (failure) {
      const logTail = await readTail(logFile);
      await stop();
      throw new Error(`${failure}\n--- tail of ${logFile} ---\n${logTail}`);
    }
    await sleep(25);
  }
  return { address, dir, pid, stop, stopSync };
}
