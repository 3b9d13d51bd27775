/**
 * Converts an OCI-only archive (index.json, no manifest.json: skopeo/podman `oci-archive`,
 * buildx `type=oci`) into the legacy docker-archive layout that dockerd before 25 loads
 * (it answers "open .../repositories: no such file or directory" otherwise;
 * https://github.com/moby/moby/issues/44186).
 *
 * The plan comes from the analyzer (readImageArchive: index, manifests, configs, layer blobs
 * with their compression and uncompressed sizes); the output is a new tar, written atomically
 * in a temp dir and removed by `cleanup()`: `<config-hex>.json`, `<diffid-hex>/layer.tar`
 * (decompressed, as docker-archive requires), then `manifest.json`. A compressed outer archive
 * is first decompressed to a temp tar so blobs can be read by position.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDecompressor } from '../archive/compression/decompress';
import { sniffCompression } from '../archive/compression/sniff';
import type { Compression } from '../archive/model';
import { readImageArchive } from '../archive/read/read-archive';
import { walkTarAt } from '../archive/tar/walk-file';
import { openAtomic, type AtomicWriter } from '../fs/atomic-file';
import { END_OF_ARCHIVE, fileHeader, paddingFor } from './convert-archive-tar';

export interface ConvertedArchive {
  path: string;
  /** Tags written into manifest.json (references the engine would reject are left out). */
  repoTags: string[];
  cleanup(): Promise<void>;
}

/** The archive has a manifest.json (or no index.json): nothing to convert. */
export class NotOciArchiveError extends Error {
  constructor() {
    super('not an OCI-only archive (it has manifest.json, or no index.json)');
    this.name = 'NotOciArchiveError';
  }
}

interface Member {
  offset: number;
  size: number;
}

async function sniffFile(path: string): Promise<Compression | 'unknown'> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    return sniffCompression(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** Top-level member names of an uncompressed tar (headers only). */
export async function tarMemberNames(path: string): Promise<Set<string>> {
  const fh = await open(path, 'r');
  try {
    const names = new Set<string>();
    const { size } = await fh.stat();
    await walkTarAt(fh, 0, size, (e) => void names.add(e.path));
    return names;
  } finally {
    await fh.close();
  }
}

/** True when the tar is an OCI layout without the docker-archive manifest.json. */
export const isOciOnly = (names: ReadonlySet<string>): boolean =>
  names.has('index.json') && !names.has('manifest.json');

/** A tag the engine accepts in manifest.json RepoTags: `name:tag` (an OCI ref.name may be a bare tag). */
const usableTag = (t: string): boolean =>
  /^[a-z0-9][a-z0-9._/:-]*:[\w][\w.-]{0,127}$/.test(t) && !t.includes('@');

const hex = (digest: string): string => digest.replace(/^sha256:/, '');

/** Copies `source` (through `decoder`) into `out`; a cancel stops it midway, not at its end. */
async function writeStream(
  out: AtomicWriter,
  source: Readable,
  decoder?: NodeJS.ReadWriteStream,
  signal?: AbortSignal,
): Promise<number> {
  let n = 0;
  const sink = new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _e, cb) {
      n += chunk.byteLength;
      out.write(chunk).then(() => cb(), cb);
    },
  });
  const opts = signal ? { signal } : {};
  await (decoder ? pipeline(source, decoder, sink, opts) : pipeline(source, sink, opts));
  return n;
}

export async function convertOciArchive(path: string, signal?: AbortSignal): Promise<ConvertedArchive> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-convert-'));
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    let plain = path;
    const kind = await sniffFile(path);
    if (kind !== 'none') {
      if (kind === 'unknown') throw new Error('not a tar or a compressed tar');
      plain = join(dir, 'outer.tar');
      const w = await openAtomic(plain);
      try {
        await writeStream(
          w,
          createReadStream(path, { highWaterMark: 1024 * 1024 }),
          createDecompressor(kind),
          signal,
        );
        await w.commit();
      } catch (err) {
        await w.abort();
        throw err;
      }
    }
    if (!isOciOnly(await tarMemberNames(plain))) throw new NotOciArchiveError();
    const read = await readImageArchive(plain, signal ? { signal } : {});
    if (read.plan.images.length === 0) throw new Error('the archive holds no image');
    const members = new Map<string, Member>();
    const fh = await open(plain, 'r');
    try {
      await walkTarAt(fh, 0, (await fh.stat()).size, (e) => {
        if (e.type === 'file') members.set(e.path, { offset: e.dataOffset, size: e.size });
      });
    } finally {
      await fh.close();
    }
    const outPath = join(dir, 'docker-archive.tar');
    const out = await openAtomic(outPath);
    const manifest: { Config: string; RepoTags: string[] | null; Layers: string[] }[] = [];
    const allTags: string[] = [];
    const written = new Set<string>();
    const member = (p: string): Member => {
      const m = members.get(p);
      if (!m) throw new Error(`the archive lacks ${p}`);
      return m;
    };
    try {
      for (const img of read.plan.images) {
        if (signal?.aborted) throw new Error('cancelled');
        const configName = `${hex(img.id)}.json`;
        if (!written.has(configName)) {
          const cfg = member(img.configPath);
          await out.write(fileHeader(configName, cfg.size));
          await writeStream(
            out,
            createReadStream(plain, { start: cfg.offset, end: cfg.offset + cfg.size - 1 }),
          );
          await out.write(paddingFor(cfg.size));
          written.add(configName);
        }
        const layers: string[] = [];
        for (const layer of img.layers) {
          if (!layer.blobPath) throw new Error(`layer ${layer.diffId} is missing from the archive`);
          const name = `${hex(layer.diffId)}/layer.tar`;
          layers.push(name);
          if (written.has(name)) continue;
          const scan = read.layers.get(layer.blobPath);
          const blob = member(layer.blobPath);
          if (!scan) throw new Error(`layer ${layer.blobPath} was not read`);
          await out.write(fileHeader(name, scan.tarBytes));
          const raw =
            blob.size === 0
              ? null
              : createReadStream(plain, {
                  start: blob.offset,
                  end: blob.offset + blob.size - 1,
                  highWaterMark: 1024 * 1024,
                });
          const n = raw
            ? await writeStream(out, raw, createDecompressor(scan.compression, { label: layer.blobPath }), signal)
            : 0;
          if (n !== scan.tarBytes)
            throw new Error(`layer ${layer.blobPath} decompressed to ${n} bytes, expected ${scan.tarBytes}`);
          await out.write(paddingFor(n));
          written.add(name);
        }
        const tags = img.repoTags.filter(usableTag);
        allTags.push(...tags);
        manifest.push({ Config: configName, RepoTags: tags.length ? tags : null, Layers: layers });
      }
      const json = Buffer.from(JSON.stringify(manifest));
      await out.write(fileHeader('manifest.json', json.byteLength));
      await out.write(json);
      await out.write(paddingFor(json.byteLength));
      await out.write(END_OF_ARCHIVE);
      await out.commit();
    } catch (err) {
      await out.abort();
      throw err;
    }
    if (plain !== path) await rm(plain, { force: true });
    return { path: outPath, repoTags: allTags, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
