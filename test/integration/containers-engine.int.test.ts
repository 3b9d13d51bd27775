/**
 * Containers against the test bed's real dockerd, through the IPC path the window uses (tutorial
 * steps 1-4 and 6): run with a name and a port mapping, the full command in the list, logs with
 * stdout and stderr apart, live logs, exec, the writable layer's changes, and removal.
 * Servers in containers use host networking and are reached on 127.0.0.1 only.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunSpecSchema } from '../../src-shared/containers-spec';
import type { EventPayload } from '../../src-shared/ipc-contract';
import { runContainer } from '../../src-main/docker/containers/run';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { createMainApi, EventHub } from '../../src-main/ipc/main-api';
import { testbedFromEnv } from '../support/testbed-env';
import { freeLoopbackPort, httpGetLoopback, removeByPrefix, uniqueName, waitFor } from './containers-support';

const testbed = testbedFromEnv();
const engine = createEngineClient(testbed.dockerHost);
const events = new EventHub();
const api = createMainApi({ engine: () => engine, events, checkResults: true });
const prefix = uniqueName('containers');
const base = testbed.images.base;
let httpPort = 0;
let webId = '';
const webCommand = (port: number): string =>
  `mkdir -p /www && echo hello-strata > /www/index.html && exec httpd -f -p 127.0.0.1:${port} -h /www`;

beforeAll(async () => {
  httpPort = await freeLoopbackPort();
});
afterAll(async () => {
  await removeByPrefix(engine, prefix);
});

describe('run, list, inspect (tutorial steps 1-2)', () => {
  it('runs a named container detached with a port mapping, and serves on loopback', async () => {
    const { result, error } = await api.runContainer({
      image: base,
      name: `${prefix}-web1`,
      command: ['sh', '-c', webCommand(httpPort)],
      ports: [{ containerPort: 80, hostPort: 8001 }],
      networkMode: 'host',
      restartPolicy: { name: 'no' },
    });
    expect(error).toBeUndefined();
    expect(result?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(result?.exit).toBeNull();
    webId = result!.id;
    const page = await httpGetLoopback(httpPort);
    expect(page).toEqual({ status: 200, body: 'hello-strata\n' });
  });

  it('inspect shows the configured -p 8001:80 binding, not published here', async () => {
    const { result } = await api.inspectContainer({ id: `${prefix}-web1` });
    expect(result?.id).toBe(webId);
    expect(result?.name).toBe(`${prefix}-web1`);
    expect(result?.state.running).toBe(true);
    expect(result?.state.startedAt).toBeGreaterThan(0);
    expect(result?.hostConfig.networkMode).toBe('host');
    expect(result?.ports).toContainEqual({
      containerPort: 80,
      protocol: 'tcp',
      hostIp: '',
      hostPort: 8001,
      configured: true,
      published: false,
    });
    expect(result?.args).toEqual(['-c', webCommand(httpPort)]);
    expect(result?.sizeRw).toBeNull();
  });

  it('lists containers in every state with the full, quoted command and optional sizes', async () => {
    const { result } = await api.listContainers({ size: true });
    const web = result?.find((c) => c.id === webId);
    expect(web?.command).toBe(`sh -c '${webCommand(httpPort)}'`);
    expect(web?.state).toBe('running');
    expect(web?.name).toBe(`${prefix}-web1`);
    expect(web?.ports.find((p) => p.containerPort === 80)).toMatchObject({
      hostPort: 8001,
      published: false,
    });
    // It wrote /www/index.html: its writable layer is not empty.
    expect(web?.sizeRw).toBeGreaterThan(0);
    expect(web?.sizeRootFs).toBeGreaterThan(web!.sizeRw!);
    const stopped = result?.find((c) => c.name === testbed.images.commitContainer);
    expect(stopped?.state).toBe('exited');
    const unsized = await api.listContainers();
    expect(unsized.result?.find((c) => c.id === webId)?.sizeRw).toBeNull();
  });

  it('rejects a bad run spec before the engine is asked', async () => {
    let asked = 0;
    const counting = createMainApi({
      engine: () => {
        asked++;
        return engine;
      },
      events: new EventHub(),
    });
    // Only calls made for the requests count (building the API may look at the engine once).
    asked = 0;
    for (const bad of [
      { image: base, env: ['NOEQUALS'] },
      { image: base, ports: [{ containerPort: 80, hostPort: 65536 }] },
      { image: base, binds: [{ hostPath: 'relative', containerPath: '/x' }] },
      { image: base, restartPolicy: { name: 'sometimes' } },
      { image: base, HostConfig: { Privileged: true } },
    ]) {
      const { error } = await counting.invoke('runContainer', bad);
      expect(error?.code, JSON.stringify(bad)).toBe('INVALID_ARGUMENT');
    }
    expect(asked).toBe(0);
  });

  it('answers NOT_FOUND for an image the engine does not have (nothing is pulled)', async () => {
    const { error } = await api.runContainer({
      image: 'strata-test/no-such-image:nope',
      name: `${prefix}-missing`,
    });
    expect(error?.code).toBe('NOT_FOUND');
  });
});

describe('logs (tutorial step 3)', () => {
  it('runs attached and answers the exit code and both streams, demultiplexed', async () => {
    const spec = RunSpecSchema.parse({
      image: base,
      name: `${prefix}-both`,
      command: ['sh', '-c', 'echo out; echo err >&2; exit 3'],
      detach: false,
    });
    const run = await runContainer(engine, spec);
    expect(run.exit).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', stdoutTruncated: false });
  });

  it('reads logs with stdout and stderr separated, with timestamps and tail', async () => {
    const { result } = await api.containerLogs({ id: `${prefix}-both` });
    expect(result?.lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['out']);
    expect(result?.lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['err']);
    const stamped = await api.containerLogs({ id: `${prefix}-both`, timestamps: true, tail: 1 });
    expect(stamped.result?.lines).toHaveLength(1);
    expect(Date.parse(stamped.result!.lines[0]!.time!)).toBeGreaterThan(Date.now() - 120_000);
    const future = await api.containerLogs({
      id: `${prefix}-both`,
      since: Math.floor(Date.now() / 1000) + 3600,
    });
    expect(future.result?.lines).toEqual([]);
  });

  it('runs attached with auto-remove: answers the output, then the container is gone', async () => {
    const { result } = await api.runContainer({
      image: base,
      name: `${prefix}-rm`,
      command: ['sh', '-c', 'echo "$GREETING"; exit 5'],
      env: ['GREETING=hello env'],
      autoRemove: true,
      detach: false,
    });
    expect(result?.exit).toMatchObject({ exitCode: 5, stdout: 'hello env\n' });
    expect((await api.inspectContainer({ id: `${prefix}-rm` })).error?.code).toBe('NOT_FOUND');
  });

  it('reads a TTY container’s logs as one raw stream', async () => {
    const { result } = await api.runContainer({
      image: base,
      name: `${prefix}-tty`,
      command: ['sh', '-c', 'echo out; echo err >&2'],
      tty: true,
      detach: false,
    });
    expect(result?.exit?.stdout).toMatch(/out\r?\nerr\r?\n/);
    expect(result?.exit?.stderr).toBe('');
    const logs = await api.containerLogs({ id: `${prefix}-tty` });
    expect(logs.result?.lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'out'],
      ['stdout', 'err'],
    ]);
  });

  it('follows logs live, coalesced, until cancelJob', async () => {
    await api.runContainer({
      image: base,
      name: `${prefix}-ticker`,
      command: [
        'sh',
        '-c',
        'i=0; while true; do echo tick $i; echo warn $i >&2; i=$((i+1)); sleep 0.02; done',
      ],
    });
    const got: Array<EventPayload<'containerLogChunk'>> = [];
    const off = api.on('containerLogChunk', (p) => {
      if (p.jobId === 'follow-ticker') got.push(p);
    });
    const following = api.followLogs({ id: `${prefix}-ticker`, jobId: 'follow-ticker', tail: 0 });
    await waitFor(
      () => got.some((c) => c.stream === 'stdout') && got.some((c) => c.stream === 'stderr'),
      10_000,
      'chunks',
    );
    const before = got.length;
    await new Promise((r) => setTimeout(r, 1000));
    // ~100 lines a second arrive, but at most ~20 events a second leave.
    expect(got.length - before).toBeLessThanOrEqual(24);
    expect(got.length - before).toBeGreaterThan(0);
    expect((await api.cancelJob({ jobId: 'follow-ticker' })).result).toEqual({ cancelled: true });
    expect((await following).result).toEqual({ ended: 'cancelled' });
    off();
    const stdout = got
      .filter((c) => c.stream === 'stdout')
      .map((c) => c.text)
      .join('');
    expect(stdout).toMatch(/^(tick \d+\n)+$/);
    expect(
      got
        .filter((c) => c.stream === 'stderr')
        .map((c) => c.text)
        .join(''),
    ).toMatch(/^(warn \d+\n)+$/);
    await api.removeContainer({ id: `${prefix}-ticker`, force: true });
  });

  it('ends a follow by itself when the container stops', async () => {
    await api.runContainer({
      image: base,
      name: `${prefix}-bye`,
      command: ['sh', '-c', 'sleep 1; echo bye'],
    });
    const texts: string[] = [];
    const off = api.on('containerLogChunk', (p) => p.jobId === 'follow-bye' && texts.push(p.text));
    const { result } = await api.followLogs({ id: `${prefix}-bye`, jobId: 'follow-bye' });
    off();
    expect(result).toEqual({ ended: 'stopped' });
    expect(texts.join('')).toBe('bye\n');
  });
});

describe('exec and the writable layer (tutorial steps 4 and 6)', () => {
  it('runs date and ps inside the running container', async () => {
    const date = await api.execInContainer({ id: webId, cmd: ['date', '-u', '+%Y'] });
    expect(date.result).toMatchObject({ exitCode: 0, stderr: '', timedOut: false });
    expect(date.result?.stdout.trim()).toBe(String(new Date().getUTCFullYear()));
    const ps = await api.execInContainer({ id: webId, cmd: ['ps'] });
    expect(ps.result?.exitCode).toBe(0);
    expect(ps.result?.stdout).toMatch(/httpd -f -p 127\.0\.0\.1/);
  });

  it('answers a failing command’s exit code and stderr, with env and working directory', async () => {
    const fail = await api.execInContainer({
      id: webId,
      cmd: ['sh', '-c', 'echo "$A in $(pwd)"; echo bad >&2; exit 7'],
      env: ['A=b'],
      workingDir: '/tmp',
    });
    expect(fail.result).toMatchObject({ exitCode: 7, stdout: 'b in /tmp\n', stderr: 'bad\n' });
    const missing = await api.execInContainer({ id: webId, cmd: ['no-such-command'] });
    expect(missing.result?.exitCode).not.toBe(0);
  });

  it('caps each stream at 1 MiB and says so', async () => {
    const big = await api.execInContainer({ id: webId, cmd: ['sh', '-c', 'yes | head -c 1500000'] });
    expect(big.result?.exitCode).toBe(0);
    expect(big.result?.stdout.length).toBe(1024 * 1024);
    expect(big.result?.stdoutTruncated).toBe(true);
    expect(big.result?.stderrTruncated).toBe(false);
  });

  it('lists what exec added and deleted in the writable layer', async () => {
    await api.execInContainer({ id: webId, cmd: ['sh', '-c', 'echo x > /tmp/added-by-exec && rm /bin/cat'] });
    const { result } = await api.containerChanges({ id: webId });
    expect(result).toContainEqual({ path: '/tmp/added-by-exec', kind: 'added' });
    expect(result).toContainEqual({ path: '/bin/cat', kind: 'deleted' });
    expect(result).toContainEqual({ path: '/tmp', kind: 'changed' });
    expect(result).toContainEqual({ path: '/www', kind: 'added' });
  });
});

describe('stop, start, restart, remove (tutorial step 6)', () => {
  it('stops, starts and restarts; a repeated stop is not an error', async () => {
    expect((await api.stopContainer({ id: webId, timeoutSeconds: 1 })).result).toEqual({ stopped: true });
    expect((await api.stopContainer({ id: webId, timeoutSeconds: 1 })).result).toEqual({ stopped: false });
    expect((await api.inspectContainer({ id: webId })).result?.state.running).toBe(false);
    expect((await api.startContainer({ id: webId })).result).toEqual({ started: true });
    expect((await api.startContainer({ id: webId })).result).toEqual({ started: false });
    const before = (await api.inspectContainer({ id: webId })).result!.state.startedAt!;
    expect((await api.restartContainer({ id: webId, timeoutSeconds: 1 })).result).toEqual({
      restarted: true,
    });
    const after = (await api.inspectContainer({ id: webId })).result!;
    expect(after.state.running).toBe(true);
    expect(after.state.startedAt!).toBeGreaterThan(before);
    expect((await httpGetLoopback(httpPort)).body).toBe('hello-strata\n');
  });

  it('refuses to remove a running container without force, then removes it and its writable layer', async () => {
    const raw = (await engine.getContainer(webId).inspect()) as {
      GraphDriver?: { Data?: { UpperDir?: string } };
    };
    const upper = raw.GraphDriver?.Data?.UpperDir;
    expect(upper && existsSync(upper)).toBe(true);
    expect((await api.removeContainer({ id: webId })).error?.code).toBe('CONFLICT');
    expect((await api.removeContainer({ id: webId, force: true, volumes: true })).result).toEqual({
      removed: true,
    });
    expect((await api.inspectContainer({ id: webId })).error?.code).toBe('NOT_FOUND');
    expect(existsSync(upper!)).toBe(false);
    expect((await api.containerChanges({ id: webId })).error?.code).toBe('NOT_FOUND');
  });

  it('answers CONFLICT for exec in a stopped container', async () => {
    const { error } = await api.execInContainer({ id: `${prefix}-both`, cmd: ['true'] });
    expect(error?.code).toBe('CONFLICT');
  });
});
