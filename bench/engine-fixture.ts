// Fixtures for the engine benchmark, made on a private dockerd:
//   - a ~150 MB image: busybox base + one layer of random data made on the host (legacy builder COPY);
//   - 300 images sharing the busybox base layer, each with one tiny unique layer, made in one
//     `docker load` of a synthesized docker-archive (far cheaper than 300 builds or commits).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { END_OF_ARCHIVE, fileHeader, paddingFor } from '../src-main/services/convert-archive-tar';
import { exec } from './engine-proc';

export const DOCKER = '/usr/bin/docker';
export const BIG_IMAGE = 'strata-bench/big:1';
export const MANY_REPO = 'strata-bench/many';

export async function buildBigImage(host: string, dir: string, mb: number): Promise<void> {
  const ctx = path.join(dir, 'big-ctx');
  mkdirSync(ctx, { recursive: true });
  const parts: Buffer[] = [];
  for (let left = mb * 1e6; left > 0; left -= 8 << 20) parts.push(randomBytes(Math.min(8 << 20, left)));
  writeFileSync(path.join(ctx, 'random.bin'), Buffer.concat(parts));
  writeFileSync(
    path.join(ctx, 'Dockerfile'),
    'FROM strata-test/busybox:base\nCOPY random.bin /data/random.bin\n',
  );
  await exec(DOCKER, ['-H', host, 'build', '-q', '-t', BIG_IMAGE, ctx], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const member = (name: string, body: Buffer): Buffer =>
  Buffer.concat([fileHeader(name, body.length), body, paddingFor(body.length)]);

/** Loads `count` images tagged strata-bench/many:N, each = busybox base layer + a unique one-file layer. */
export async function loadManyImages(host: string, dir: string, count: number): Promise<void> {
  const baseTar = path.join(dir, 'base.tar');
  await exec(DOCKER, ['-H', host, 'save', '-o', baseTar, 'strata-test/busybox:base']);
  const ex = path.join(dir, 'base');
  mkdirSync(ex, { recursive: true });
  await exec('tar', ['-xf', baseTar, '-C', ex]);
  const manifest = JSON.parse(readFileSync(path.join(ex, 'manifest.json'), 'utf8')) as {
    Config: string;
    Layers: string[];
  }[];
  const baseConfig = JSON.parse(readFileSync(path.join(ex, manifest[0]!.Config), 'utf8')) as {
    rootfs: { diff_ids: string[] };
    history?: unknown[];
  };
  const baseLayer = readFileSync(path.join(ex, manifest[0]!.Layers[0]!));
  const parts: Buffer[] = [member('base/layer.tar', baseLayer)];
  const out: { Config: string; RepoTags: string[]; Layers: string[] }[] = [];
  for (let i = 0; i < count; i++) {
    const layer = Buffer.concat([
      member(`f${i}`, Buffer.from(`image ${i} ${randomBytes(8).toString('hex')}\n`)),
      END_OF_ARCHIVE,
    ]);
    const diff = sha256(layer);
    const config = Buffer.from(
      JSON.stringify({
        ...baseConfig,
        created: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        rootfs: { type: 'layers', diff_ids: [baseConfig.rootfs.diff_ids[0], `sha256:${diff}`] },
        history: [...(baseConfig.history ?? []), { created_by: `bench ${i}` }],
      }),
    );
    const id = sha256(config);
    parts.push(member(`${diff}/layer.tar`, layer), member(`${id}.json`, config));
    out.push({
      Config: `${id}.json`,
      RepoTags: [`${MANY_REPO}:${i}`],
      Layers: ['base/layer.tar', `${diff}/layer.tar`],
    });
  }
  parts.push(member('manifest.json', Buffer.from(JSON.stringify(out))), END_OF_ARCHIVE);
  const archive = path.join(dir, 'many.tar');
  writeFileSync(archive, Buffer.concat(parts));
  await exec(DOCKER, ['-H', host, 'load', '-q', '-i', archive]);
}
