// Checks the test bed the orchestrator started: images, tags and the stopped container exist in the private
// dockerd, and the private registry answers. Talks only to the unix socket and 127.0.0.1.
import http from 'node:http';
import { describe, expect, it } from 'vitest';

interface TestImages {
  base: string;
  layers: string;
  layersLatest: string;
  committed: string;
  commitContainer: string;
  ids: Record<string, string>;
}

const HOW =
  'These variables are set by the test orchestrator after startTestbed() (test/testbed/index.ts, testbedEnv()); ' +
  'for a manual run use `npx tsx test/testbed/cli.ts up --state /tmp/tb.json` and eval its export lines.';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set. ${HOW}`);
  return value;
}

function socketPathOf(dockerHost: string): string {
  if (!dockerHost.startsWith('unix://')) {
    throw new Error(`STRATA_TEST_DOCKER_HOST must be a unix:// URL, got ${JSON.stringify(dockerHost)}`);
  }
  return dockerHost.slice('unix://'.length);
}

function getJson<T>(options: http.RequestOptions | string): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage): void => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
        } catch (error) {
          reject(new Error(`non-JSON answer (${res.statusCode}): ${text.slice(0, 200)}`, { cause: error }));
        }
      });
    };
    const req = typeof options === 'string' ? http.get(options, onResponse) : http.get(options, onResponse);
    req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

function docker<T>(apiPath: string): Promise<{ status: number; body: T }> {
  return getJson<T>({ socketPath: socketPathOf(requireEnv('STRATA_TEST_DOCKER_HOST')), path: apiPath });
}

function images(): TestImages {
  const raw = requireEnv('STRATA_TEST_IMAGES');
  try {
    return JSON.parse(raw) as TestImages;
  } catch {
    throw new Error(`STRATA_TEST_IMAGES is not JSON: ${raw.slice(0, 200)}`);
  }
}

interface ImageSummary {
  Id: string;
  RepoTags: string[] | null;
  Labels: Record<string, string> | null;
}
interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
}

describe('test bed', () => {
  it('has its environment variables', () => {
    requireEnv('STRATA_TEST_DOCKER_HOST');
    requireEnv('STRATA_TEST_REGISTRY');
    const tb = images();
    for (const key of ['base', 'layers', 'layersLatest', 'committed', 'commitContainer'] as const) {
      expect(tb[key], `STRATA_TEST_IMAGES.${key}`).toEqual(expect.any(String));
    }
  });

  it('dockerd lists the test images with their tags and ids', async () => {
    const tb = images();
    const { status, body } = await docker<ImageSummary[]>('/images/json');
    expect(status).toBe(200);
    const byTag = new Map(body.flatMap((img) => (img.RepoTags ?? []).map((tag) => [tag, img] as const)));
    for (const tag of [tb.base, tb.layers, tb.layersLatest, tb.committed]) {
      expect(byTag.has(tag), `image ${tag} in GET /images/json`).toBe(true);
      expect(byTag.get(tag)?.Id).toBe(tb.ids[tag]);
      expect(tb.ids[tag]).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    const layers = byTag.get(tb.layers);
    expect(layers?.RepoTags).toEqual(expect.arrayContaining([tb.layers, tb.layersLatest]));
    expect(layers?.Labels).toMatchObject({ 'strata.test': 'layers' });
  });

  it('dockerd has the stopped commit container', async () => {
    const tb = images();
    const { status, body } = await docker<ContainerSummary[]>('/containers/json?all=1');
    expect(status).toBe(200);
    const container = body.find((c) => c.Names.includes(`/${tb.commitContainer}`));
    expect(container, `container ${tb.commitContainer} in GET /containers/json?all=1`).toBeDefined();
    expect(container?.State).toBe('exited');
    expect(container?.Image).toBe(tb.base);
  });

  it('the committed image keeps its CMD and comment', async () => {
    const tb = images();
    const { status, body } = await docker<{ Comment: string; Config: { Cmd: string[] } }>(
      `/images/${encodeURIComponent(tb.committed)}/json`,
    );
    expect(status).toBe(200);
    expect(body.Config.Cmd).toEqual(['httpd', '-f', '-h', '/var/www/']);
    expect(body.Comment).toBe('add index');
  });

  it('the registry answers GET /v2/ with 200', async () => {
    const address = requireEnv('STRATA_TEST_REGISTRY');
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    const { status } = await getJson<unknown>(`http://${address}/v2/`);
    expect(status).toBe(200);
  });
});
