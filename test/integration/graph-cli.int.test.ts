/** `strata graph` on the test bed's engine: in process (runCli), and once through the built CLI. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageGraph } from '../../src-shared/images-dto';
import { runCli } from '../../src-main/cli/strata';
import { createEngineClient } from '../../src-main/docker/engine-client';
import { testbedFromEnv } from '../support/testbed-env';

const tb = testbedFromEnv();
const engine = createEngineClient(tb.dockerHost);
const builtCli = resolve('out/main/cli.js');

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    engine: () => engine,
  });
  return { code, stdout, stderr };
}

function expectTestbedGraph(graph: ImageGraph): void {
  const id = (ref: string): string => tb.images.ids[ref]!;
  expect(Object.keys(graph).sort()).toEqual(['edges', 'nodes']);
  for (const n of graph.nodes) expect(Object.keys(n).sort()).toEqual(['id', 'kind', 'label']);
  for (const e of graph.edges) expect(Object.keys(e).sort()).toEqual(['from', 'kind', 'to']);
  expect(graph.nodes).toContainEqual({ id: tb.images.layers, kind: 'tag', label: tb.images.layers });
  expect(graph.nodes).toContainEqual(expect.objectContaining({ id: id(tb.images.base), kind: 'image' }));
  for (const n of graph.nodes.filter((n) => n.kind === 'image'))
    expect(n.id).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(graph.edges).toContainEqual({ from: tb.images.layers, to: id(tb.images.layers), kind: 'tag' });
  expect(graph.edges).toContainEqual({ from: tb.images.layersLatest, to: id(tb.images.layers), kind: 'tag' });
  expect(graph.edges).toContainEqual({ from: id(tb.images.layers), to: id(tb.images.base), kind: 'base' });
  expect(graph.edges).toContainEqual({ from: id(tb.images.committed), to: id(tb.images.base), kind: 'base' });
  // Every edge joins two nodes of the graph.
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const e of graph.edges) expect([ids.has(e.from), ids.has(e.to)]).toEqual([true, true]);
}

describe('strata graph (in process)', () => {
  it('--json prints the tag graph: tags -> IDs -> the image each is built on', async () => {
    const r = await cli('graph', '--json');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expectTestbedGraph(JSON.parse(r.stdout) as ImageGraph);
  });

  it('prints a tree by default, base images at the roots', async () => {
    const r = await cli('graph');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const baseLine = lines.findIndex((l) => l.includes(tb.images.base));
    expect(lines[baseLine]).toMatch(/^[0-9a-f]{12} {2}/);
    const below = lines.slice(baseLine + 1).filter((l) => /^[│ ]*[├└]── /.test(l));
    expect(below.join('\n')).toContain(tb.images.layers);
    expect(below.join('\n')).toContain(tb.images.committed);
  });

  it('--dot prints a digraph with the same edges', async () => {
    const r = await cli('graph', '--dot');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('digraph strata {\n')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('}')).toBe(true);
    const json = JSON.parse((await cli('graph', '--json')).stdout) as ImageGraph;
    expect(r.stdout.split('\n').filter((l) => l.includes(' -> '))).toHaveLength(json.edges.length);
    expect(r.stdout).toContain(`"${tb.images.layers}" -> "${tb.images.ids[tb.images.layers]}"`);
  });

  it('refuses --json with --dot, and an unknown option, with exit code 2', async () => {
    expect((await cli('graph', '--json', '--dot')).code).toBe(2);
    const r = await cli('graph', '--svg');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: strata graph/);
  });
});

describe('strata graph (built CLI)', () => {
  beforeAll(() => {
    if (!existsSync(builtCli))
      execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore', timeout: 300_000 });
  }, 320_000);

  it('node out/main/cli.js graph --json with DOCKER_HOST set', () => {
    const out = execFileSync(process.execPath, [builtCli, 'graph', '--json'], {
      env: { ...process.env, DOCKER_HOST: tb.dockerHost },
      encoding: 'utf8',
    });
    expectTestbedGraph(JSON.parse(out) as ImageGraph);
  });
});
