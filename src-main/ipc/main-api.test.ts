import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../docker/engine-client';
import type { RawEngineInfo, RawEngineVersion } from '../docker/engine-info';
import type { RawImageInspect, RawImageSummary } from '../docker/images';
import { createMainApi, EventHub, type MainApi } from './main-api';
import type { EventPayload } from '../../src-shared/ipc-contract';

// ---------------------------------------------------------------------------------------------
// A stand-in engine: just the dockerode methods the handlers call, recording every call and
// answering canned engine JSON (or throwing what a test asks it to).
// ---------------------------------------------------------------------------------------------

const INFO: RawEngineInfo = {
  Name: 'buildhost',
  ServerVersion: '27.3.1',
  OperatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  OSType: 'linux',
  Architecture: 'x86_64',
  KernelVersion: '6.1.0-28-amd64',
  Driver: 'overlay2',
  DriverStatus: [
    ['Backing Filesystem', 'extfs'],
    ['Supports d_type', 'true'],
  ],
  DockerRootDir: '/var/lib/docker',
  Images: 3,
  Containers: 1,
  IndexServerAddress: 'https://index.docker.io/v1/',
  RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'] },
};
const VERSION: RawEngineVersion = { ApiVersion: '1.47', Version: '27.3.1' };

const BASE_ID = 'sha256:' + 'b'.repeat(64);
const APP_ID = 'sha256:' + 'a'.repeat(64);
const DANGLING_ID = 'sha256:' + 'd'.repeat(64);

const IMAGES: RawImageSummary[] = [
  {
    Id: APP_ID,
    ParentId: BASE_ID,
    RepoTags: ['strata/app:latest'],
    RepoDigests: [],
    Created: 1_700_000_000,
    Size: 120_000_000,
    SharedSize: -1,
    Containers: -1,
    Labels: { 'org.opencontainers.image.title': 'app' },
  },
  // An intermediate image: untagged, but the parent of a tagged one (not dangling, not listed).
  {
    Id: BASE_ID,
    ParentId: '',
    RepoTags: ['<none>:<none>'],
    RepoDigests: ['<none>@<none>'],
    Created: 1_690_000_000,
    Size: 80_000_000,
    SharedSize: -1,
    Containers: -1,
    Labels: null,
  },
  // A dangling image: untagged, nobody's parent.
  {
    Id: DANGLING_ID,
    RepoTags: null,
    RepoDigests: ['strata/app@sha256:' + 'e'.repeat(64)],
    Created: 1_680_000_000,
    Size: 1024,
    SharedSize: 0,
    Containers: 0,
    Labels: {},
  },
];

const INSPECT: RawImageInspect = {
  Id: APP_ID,
  RepoTags: ['strata/app:latest'],
  RepoDigests: [],
  Parent: BASE_ID,
  Comment: 'buildkit.dockerfile.v0',
  Author: '',
  Created: '2024-01-02T03:04:05.678Z',
  Os: 'linux',
  Architecture: 'amd64',
  Size: 120_000_000,
  Config: {
    Cmd: ['node', 'server.js'],
    Entrypoint: null,
    Env: ['PATH=/usr/local/bin:/usr/bin'],
    WorkingDir: '/app',
    User: 'node',
    ExposedPorts: { '3000/tcp': {} },
    Volumes: null,
    Labels: null,
  },
  RootFS: { Layers: ['sha256:' + '1'.repeat(64), 'sha256:' + '2'.repeat(64)] },
};

interface Call {
  method: string;
  args: unknown[];
}

interface FakeOptions {
  /** Thrown (as a rejection) by every engine method instead of answering. */
  fail?: unknown;
  images?: unknown;
  /** Answer of getImage().inspect() instead of INSPECT. */
  inspect?: unknown;
  /** Answer of info() instead of INFO. */
  info?: unknown;
}

function fakeEngine(opts: FakeOptions = {}): { engine: EngineClient; calls: Call[] } {
  const calls: Call[] = [];
  const answer = <T>(method: string, args: unknown[], value: T): Promise<T> => {
    calls.push({ method, args });
    return opts.fail !== undefined ? Promise.reject(opts.fail) : Promise.resolve(value);
  };
  const engine = {
    info: () => answer('info', [], 'info' in opts ? opts.info : INFO),
    version: () => answer('version', [], VERSION),
    listImages: (o?: unknown) => answer('listImages', [o], opts.images ?? IMAGES),
    listContainers: (o?: unknown) => answer('listContainers', [o], []),
    getImage: (ref: string) => {
      calls.push({ method: 'getImage', args: [ref] });
      // The listing reads every image's layer chain and history to size shared and unique bytes.
      const byId = ref === APP_ID || ref === 'strata/app:latest' ? INSPECT : { Id: ref, RootFS: { Layers: [] } };
      return {
        inspect: () => answer('inspect', [ref], 'inspect' in opts ? opts.inspect : byId),
        history: () => answer('history', [ref], []),
      };
    },
  };
  return { engine: engine as unknown as EngineClient, calls };
}

interface Harness {
  api: MainApi;
  calls: Call[];
  events: EventHub;
  logged: { channel: string; err: unknown }[];
}

function setup(opts: FakeOptions = {}): Harness {
  const { engine, calls } = fakeEngine(opts);
  const events = new EventHub();
  const logged: { channel: string; err: unknown }[] = [];
  const api = createMainApi({
    engine: () => engine,
    events,
    checkResults: true,
    logError: (channel, err) => logged.push({ channel, err }),
  });
  return { api, calls, events, logged };
}

/** Engine errors shaped like docker-modem's. */
function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) - ${message}`), {
    statusCode,
    json: { message },
  });
}
function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code, syscall: 'connect' });
}

// ---------------------------------------------------------------------------------------------

describe('createMainApi: argument validation', () => {
  const invalid: { what: string; call: (api: MainApi) => Promise<unknown>; path: string[] }[] = [
    {
      what: 'inspectImage({ ref: 42 })',
      call: (api) => api.invoke('inspectImage', { ref: 42 }),
      path: ['ref'],
    },
    { what: 'inspectImage({})', call: (api) => api.invoke('inspectImage', {}), path: ['ref'] },
    {
      what: "inspectImage({ ref: '' })",
      call: (api) => api.invoke('inspectImage', { ref: '' }),
      path: ['ref'],
    },
    {
      what: "inspectImage({ ref: '../../x?y' })",
      call: (api) => api.invoke('inspectImage', { ref: '../../x?y' }),
      path: ['ref'],
    },
    {
      what: 'inspectImage({ ref: <600 chars> })',
      call: (api) => api.invoke('inspectImage', { ref: 'a'.repeat(600) }),
      path: ['ref'],
    },
    {
      what: "inspectImage({ ref: 'a/../../containers/abc' })",
      call: (api) => api.invoke('inspectImage', { ref: 'a/../../containers/abc' }),
      path: ['ref'],
    },
    { what: "inspectImage({ ref: 'a//b' })", call: (api) => api.invoke('inspectImage', { ref: 'a//b' }), path: ['ref'] },
    { what: 'inspectImage(undefined)', call: (api) => api.invoke('inspectImage', undefined), path: [] },
    { what: "inspectImage('alpine')", call: (api) => api.invoke('inspectImage', 'alpine'), path: [] },
    {
      what: "listImages({ includeDangling: 'yes' })",
      call: (api) => api.invoke('listImages', { includeDangling: 'yes' }),
      path: ['includeDangling'],
    },
    { what: 'listImages(null)', call: (api) => api.invoke('listImages', null), path: [] },
    { what: 'getEngineInfo({})', call: (api) => api.invoke('getEngineInfo', {}), path: [] },
  ];

  for (const { what, call, path } of invalid) {
    it(`${what} answers INVALID_ARGUMENT naming the path, without calling the engine`, async () => {
      const { api, calls, logged } = setup();
      const res = await call(api);
      expect(res).toEqual({
        error: {
          code: 'INVALID_ARGUMENT',
          message: expect.any(String),
          details: expect.arrayContaining([expect.objectContaining({ path })]),
        },
      });
      expect(calls).toEqual([]);
      expect(logged).toEqual([]);
    });
  }

  it('the typed methods validate too (same as invoke)', async () => {
    const { api, calls } = setup();
    // Deliberately wrong types, as a compromised renderer could send them.
    const res = await api.inspectImage({ ref: 42 } as unknown as { ref: string });
    expect(res.error?.code).toBe('INVALID_ARGUMENT');
    expect(res.error?.details).toEqual([expect.objectContaining({ path: ['ref'] })]);
    const res2 = await api.listImages({ includeDangling: 'yes' } as unknown as { includeDangling: boolean });
    expect(res2.error?.code).toBe('INVALID_ARGUMENT');
    expect(res2.error?.details).toEqual([expect.objectContaining({ path: ['includeDangling'] })]);
    expect(calls).toEqual([]);
  });

  it('an unknown key is rejected (strict objects) and named in the message', async () => {
    const { api, calls } = setup();
    const res = await api.invoke('inspectImage', { ref: 'a', extra: 1 });
    expect(res.error?.code).toBe('INVALID_ARGUMENT');
    expect(res.error?.message).toContain('extra');
    // zod reports unrecognized keys on the object itself, so the path is the root.
    expect(res.error?.details).toEqual([
      expect.objectContaining({ path: [], message: expect.stringContaining('extra'), keys: ['extra'] }),
    ]);
    expect(calls).toEqual([]);
  });

  it('the message names the channel and the offending field', async () => {
    const { api } = setup();
    const res = await api.invoke('inspectImage', { ref: 42 });
    expect(res.error?.message).toMatch(/inspectImage/);
    expect(res.error?.message).toMatch(/ref/);
  });
});

describe('createMainApi: channels', () => {
  it('an unknown channel answers UNKNOWN_CHANNEL', async () => {
    const { api, calls } = setup();
    expect(await api.invoke('nope', undefined)).toEqual({
      error: { code: 'UNKNOWN_CHANNEL', message: expect.stringContaining('nope') },
    });
    expect(calls).toEqual([]);
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'invoke', 'on'])(
    'an inherited or non-channel name (%s) answers UNKNOWN_CHANNEL',
    async (name) => {
      const { api, calls } = setup();
      const res = await api.invoke(name, undefined);
      expect(res.error?.code).toBe('UNKNOWN_CHANNEL');
      expect(calls).toEqual([]);
    },
  );

  it('exposes one method per channel plus invoke and on', () => {
    const { api } = setup();
    expect(typeof api.getEngineInfo).toBe('function');
    expect(typeof api.listImages).toBe('function');
    expect(typeof api.inspectImage).toBe('function');
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });
});

describe('createMainApi: valid calls', () => {
  it('getEngineInfo answers the mapped engine info, reading info and version', async () => {
    const { api, calls } = setup();
    const res = await api.getEngineInfo();
    expect(res.error).toBeUndefined();
    expect(res.result).toEqual({
      name: 'buildhost',
      serverVersion: '27.3.1',
      apiVersion: '1.47',
      os: 'Debian GNU/Linux 12 (bookworm)',
      osType: 'linux',
      architecture: 'x86_64',
      kernelVersion: '6.1.0-28-amd64',
      storageDriver: 'overlay2',
      driverStatus: [
        ['Backing Filesystem', 'extfs'],
        ['Supports d_type', 'true'],
      ],
      dockerRootDir: '/var/lib/docker',
      images: 3,
      containers: 1,
      indexServerAddress: 'https://index.docker.io/v1/',
      insecureRegistryCIDRs: ['127.0.0.0/8'],
    });
    expect(calls.map((c) => c.method).sort()).toEqual(['info', 'version']);
  });

  it('listImages() lists tagged and dangling images, not intermediate ones, asking the engine for all', async () => {
    const { api, calls } = setup();
    const res = await api.listImages();
    expect(res.error).toBeUndefined();
    expect(res.result?.map((i) => i.id)).toEqual([APP_ID, DANGLING_ID]);
    const app = res.result?.[0];
    expect(app).toMatchObject({
      repoTags: ['strata/app:latest'],
      created: 1_700_000_000_000,
      containers: 0,
      dangling: false,
      parentId: BASE_ID,
    });
    expect(res.result?.[1]).toMatchObject({ repoTags: [], dangling: true, containers: 0 });
    expect(calls).toContainEqual({ method: 'listImages', args: [{ all: true }] });
  });

  it('listImages({ includeDangling: false }) leaves dangling images out', async () => {
    const { api } = setup();
    const res = await api.listImages({ includeDangling: false });
    expect(res.result?.map((i) => i.id)).toEqual([APP_ID]);
  });

  it('listImages({}) applies the default (includeDangling: true)', async () => {
    const { api } = setup();
    const res = await api.invoke('listImages', {});
    expect((res.result as { id: string }[]).map((i) => i.id)).toEqual([APP_ID, DANGLING_ID]);
  });

  it('inspectImage passes the ref through to the engine and answers the mapped detail', async () => {
    const { api, calls } = setup();
    const res = await api.inspectImage({ ref: 'strata/app:latest' });
    expect(res.error).toBeUndefined();
    expect(res.result).toMatchObject({
      id: APP_ID,
      repoTags: ['strata/app:latest'],
      repoDigests: [],
      parentId: BASE_ID,
      comment: 'buildkit.dockerfile.v0',
      author: '',
      created: Date.parse('2024-01-02T03:04:05.678Z'),
      os: 'linux',
      architecture: 'amd64',
      size: 120_000_000,
      config: {
        cmd: ['node', 'server.js'],
        entrypoint: null,
        env: ['PATH=/usr/local/bin:/usr/bin'],
        workingDir: '/app',
        user: 'node',
        exposedPorts: ['3000/tcp'],
        volumes: [],
        labels: {},
      },
      layers: ['sha256:' + '1'.repeat(64), 'sha256:' + '2'.repeat(64)],
    });
    expect(calls).toEqual([
      { method: 'getImage', args: ['strata/app:latest'] },
      { method: 'inspect', args: ['strata/app:latest'] },
    ]);
  });

  it.each([
    'alpine',
    'alpine:3.20',
    'ghcr.io/owner/repo:v1.2.3',
    'localhost:5000/x/y@sha256:' + 'f'.repeat(64),
    APP_ID,
    'a'.repeat(12),
  ])('inspectImage accepts the reference %s', async (ref) => {
    const { api } = setup();
    const res = await api.inspectImage({ ref });
    expect(res.error).toBeUndefined();
  });
});

describe('createMainApi: engine errors', () => {
  it('an engine 404 answers NOT_FOUND (with the engine message), not logged', async () => {
    const { api, logged } = setup({ fail: httpError(404, 'No such image: nope:latest') });
    const res = await api.inspectImage({ ref: 'nope:latest' });
    expect(res).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('No such image: nope:latest') },
    });
    expect(logged).toEqual([]);
  });

  it('an engine 409 answers CONFLICT', async () => {
    const { api } = setup({ fail: httpError(409, 'conflict') });
    expect((await api.inspectImage({ ref: 'alpine' })).error?.code).toBe('CONFLICT');
  });

  it('an engine 500 answers INTERNAL with the status code in details', async () => {
    const { api } = setup({ fail: httpError(500, 'server error') });
    const res = await api.listImages();
    expect(res.error).toEqual({
      code: 'INTERNAL',
      message: expect.stringContaining('server error'),
      details: { statusCode: 500 },
    });
  });

  it.each(['ENOENT', 'ECONNREFUSED', 'EACCES'])(
    'a system error %s answers ENGINE_UNAVAILABLE',
    async (code) => {
      const { api, logged } = setup({ fail: systemError(code) });
      for (const res of [
        await api.getEngineInfo(),
        await api.listImages(),
        await api.inspectImage({ ref: 'alpine' }),
      ]) {
        expect(res.error?.code).toBe('ENGINE_UNAVAILABLE');
        expect(res.error?.message).toContain(code);
      }
      expect(logged).toEqual([]);
    },
  );

  it('a plain Error from the engine call answers INTERNAL with its message', async () => {
    const { api } = setup({ fail: new Error('boom') });
    const res = await api.getEngineInfo();
    expect(res.error?.code).toBe('INTERNAL');
    expect(res.error?.message).toContain('boom');
    expect(res.result).toBeUndefined();
  });

  it('a plain Error thrown outside the engine mapping answers INTERNAL and is logged', async () => {
    const events = new EventHub();
    const logged: { channel: string; err: unknown }[] = [];
    const boom = new Error('no engine configured');
    const api = createMainApi({
      engine: () => {
        throw boom;
      },
      events,
      logError: (channel, err) => logged.push({ channel, err }),
    });
    const res = await api.getEngineInfo();
    expect(res).toEqual({ error: { code: 'INTERNAL', message: 'no engine configured' } });
    expect(logged).toEqual([{ channel: 'getEngineInfo', err: boom }]);
  });

  it('a non-Error throw answers INTERNAL with its string form, and is logged', async () => {
    const logged: unknown[] = [];
    const api = createMainApi({
      engine: () => {
        throw 'plain string';
      },
      events: new EventHub(),
      logError: (_ch, err) => logged.push(err),
    });
    expect(await api.listImages()).toEqual({ error: { code: 'INTERNAL', message: 'plain string' } });
    expect(logged).toEqual(['plain string']);
  });

  it('an engine answer that breaks the mapping answers INTERNAL and is logged', async () => {
    const { api, logged } = setup({ images: { not: 'an array' } });
    const res = await api.listImages();
    expect(res.error?.code).toBe('INTERNAL');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.channel).toBe('listImages');
  });

  it('an engine answer that breaks the inspect mapping answers INTERNAL and is logged', async () => {
    const { api, logged } = setup({ inspect: null });
    const res = await api.inspectImage({ ref: 'alpine' });
    expect(res.error?.code).toBe('INTERNAL');
    expect(logged.map((l) => l.channel)).toEqual(['inspectImage']);
    expect(logged[0]?.err).toBeInstanceOf(TypeError);
  });

  it('an engine answer that breaks the info mapping answers INTERNAL and is logged', async () => {
    const { api, logged } = setup({ info: null });
    const res = await api.getEngineInfo();
    expect(res.error?.code).toBe('INTERNAL');
    expect(logged.map((l) => l.channel)).toEqual(['getEngineInfo']);
  });

  it('with checkResults, a result that breaks the contract answers INTERNAL and is logged', async () => {
    // Size is fine, but a label value that is not a string violates the contract.
    const bad = [{ ...IMAGES[0], Labels: { n: 1 } }];
    const { api, logged } = setup({ images: bad });
    const res = await api.listImages();
    expect(res.error?.code).toBe('INTERNAL');
    expect(logged).toHaveLength(1);
  });
});

describe('createMainApi: events', () => {
  it("api.on('engineStatus') receives emitted events until unsubscribed", () => {
    const { api, events } = setup();
    const got: EventPayload<'engineStatus'>[] = [];
    const off = api.on('engineStatus', (p) => got.push(p));
    events.emit('engineStatus', { state: 'connected' });
    events.emit('engineStatus', { state: 'unavailable', message: 'socket gone' });
    off();
    events.emit('engineStatus', { state: 'connected' });
    expect(got).toEqual([{ state: 'connected' }, { state: 'unavailable', message: 'socket gone' }]);
  });

  it('two listeners each get the event; unsubscribing one leaves the other', () => {
    const { api, events } = setup();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on('engineStatus', (p) => a.push(p));
    api.on('engineStatus', (p) => b.push(p));
    events.emit('engineStatus', { state: 'connected' });
    offA();
    events.emit('engineStatus', { state: 'unavailable' });
    expect(a).toEqual([{ state: 'connected' }]);
    expect(b).toEqual([{ state: 'connected' }, { state: 'unavailable' }]);
  });

  it('a listener for another event name is not called', () => {
    const { api, events } = setup();
    const got: unknown[] = [];
    (api.on as (e: string, cb: (p: unknown) => void) => () => void)('somethingElse', (p) => got.push(p));
    events.emit('engineStatus', { state: 'connected' });
    expect(got).toEqual([]);
  });

  it('a listener that unsubscribes during emit does not disturb the others', () => {
    const events = new EventHub();
    const got: string[] = [];
    const offFirst = events.subscribe(() => {
      got.push('first');
      offFirst();
    });
    events.subscribe(() => got.push('second'));
    events.emit('engineStatus', { state: 'connected' });
    events.emit('engineStatus', { state: 'connected' });
    expect(got).toEqual(['first', 'second', 'second']);
  });

  it('EventHub.emit rejects a payload that does not match the contract, and delivers nothing', () => {
    const events = new EventHub();
    const got: unknown[] = [];
    events.subscribe((e, p) => got.push([e, p]));
    const emitLoose = events.emit.bind(events) as (event: 'engineStatus', payload: unknown) => void;
    expect(() => emitLoose('engineStatus', { state: 'exploded' })).toThrow();
    expect(() => emitLoose('engineStatus', {})).toThrow();
    expect(() => emitLoose('engineStatus', { state: 'connected', message: 42 })).toThrow();
    expect(() => emitLoose('engineStatus', undefined)).toThrow();
    expect(got).toEqual([]);
  });

  it('EventHub.emit delivers the parsed payload (unknown keys stripped)', () => {
    const events = new EventHub();
    const got: unknown[] = [];
    events.subscribe((e, p) => got.push([e, p]));
    const emitLoose = events.emit.bind(events) as (event: 'engineStatus', payload: unknown) => void;
    emitLoose('engineStatus', { state: 'connected', secret: 'x' });
    expect(got).toEqual([['engineStatus', { state: 'connected' }]]);
  });
});
