/**
 * OCI image layouts (`index.json` + `blobs/`): oci-archive from skopeo/podman/buildx, Docker 25+
 * saves, containerd-store exports. Indexes may nest; per-platform manifests may have no blobs
 * (platforms not stored locally); attestation manifests are recognised and set aside; unknown
 * media types are tolerated.
 */
import { ArchiveError } from '../model';
import { blobPathFor, readJsonMember, resolveMember, whyUnresolved, type ArchiveMembers } from './archive-members';
import { parseImageConfig } from './image-config';
import { platformString, type ImagePlan, type LayoutOptions, type Platform, type SetAside } from './plan';

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const MANIFEST_TYPES = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
]);

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform: Platform | null;
  annotations: Record<string, string>;
}

/** Descriptors walked in an index and its nested indexes, at most (real ones list a few dozen). */
export const MAX_INDEX_ENTRIES = 100_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function descriptor(v: unknown): Descriptor | null {
  if (!isObj(v) || typeof v['digest'] !== 'string') return null;
  const p = v['platform'];
  const annotations = isObj(v['annotations'])
    ? Object.fromEntries(Object.entries(v['annotations']).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};
  return {
    mediaType: typeof v['mediaType'] === 'string' ? v['mediaType'] : '',
    digest: v['digest'],
    size: typeof v['size'] === 'number' ? v['size'] : -1,
    platform:
      isObj(p) && typeof p['os'] === 'string' && typeof p['architecture'] === 'string'
        ? { os: p['os'], architecture: p['architecture'], ...(typeof p['variant'] === 'string' ? { variant: p['variant'] } : {}) }
        : null,
    annotations,
  };
}

const isAttestation = (d: Descriptor): boolean =>
  d.annotations['vnd.docker.reference.type'] === 'attestation-manifest' ||
  (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown');

/** The host platform in OCI terms, the default pick among several. */
export function hostPlatform(): Platform {
  const arch = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
  return { os: 'linux', architecture: arch };
}

/** Names for an image from the index descriptor that points at it. */
export function tagsFromAnnotations(a: Record<string, string>): string[] {
  const full = a['io.containerd.image.name'];
  if (full) return [full];
  const ref = a['org.opencontainers.image.ref.name'];
  return ref ? [ref] : [];
}

interface Candidate {
  top: Descriptor;
  manifest: Descriptor;
  platform: Platform | null;
  present: boolean;
}

export interface OciLayoutResult {
  images: ImagePlan[];
  platforms: Platform[];
  setAside: SetAside[];
  warnings: string[];
  /** Per config digest, the layers of its OCI manifest (manifest.json readers use them as hints). */
  layerHints: Map<string, { mediaType: string; digest: string; size: number }[]>;
}

export async function readOciLayout(archive: ArchiveMembers, index: unknown, opts: LayoutOptions): Promise<OciLayoutResult> {
  if (!isObj(index) || !Array.isArray(index['manifests'])) {
    throw new ArchiveError(archive.file, 'index.json has no manifests list');
  }
  const setAside: SetAside[] = [];
  const warnings: string[] = [];
  const candidates: Candidate[] = [];

  // Walk nested indexes (depth-limited: a hostile archive could make a cycle). Each descriptor
  // once per top-level entry, and at most MAX_INDEX_ENTRIES in all: a few KiB of indexes that
  // list each other ten times over would otherwise be 10^8 visits (fan-out ^ depth).
  const walked = new Set<string>();
  const bodies = new Map<string, Promise<unknown>>();
  const readIndexJson = (path: string): Promise<unknown> => {
    let body = bodies.get(path);
    if (!body) bodies.set(path, (body = readJsonMember(archive, path)));
    return body;
  };
  const walk = async (list: unknown[], top: Descriptor | null, depth: number): Promise<void> => {
    for (const raw of list) {
      const d = descriptor(raw);
      if (!d) {
        warnings.push('an index entry without a digest was ignored');
        continue;
      }
      const root = top ?? d;
      const key = `${root.digest}\n${d.digest}`;
      if (walked.has(key)) continue; // listed again for the same image: nothing new
      walked.add(key);
      if (walked.size > MAX_INDEX_ENTRIES) {
        throw new ArchiveError(
          archive.file,
          `index.json and its nested indexes list more than ${MAX_INDEX_ENTRIES} manifests`,
          'TOO_LARGE',
        );
      }
      if (isAttestation(d)) {
        setAside.push({ digest: d.digest, reason: 'attestation manifest (provenance/SBOM), not an image' });
        continue;
      }
      const path = blobPathFor(d.digest);
      const present = path !== null && resolveMember(archive, path) !== null;
      let kind: 'index' | 'manifest' | 'unknown' = INDEX_TYPES.has(d.mediaType)
        ? 'index'
        : MANIFEST_TYPES.has(d.mediaType)
          ? 'manifest'
          : 'unknown';
      if (kind === 'unknown' && present && d.mediaType === '') {
        const body = await readIndexJson(path!);
        kind = isObj(body) && Array.isArray(body['manifests']) ? 'index' : isObj(body) && isObj(body['config']) ? 'manifest' : 'unknown';
      }
      if (kind === 'unknown') {
        setAside.push({ digest: d.digest, reason: `unknown media type "${d.mediaType || 'none'}"` });
      } else if (kind === 'index') {
        if (!present) {
          setAside.push({ digest: d.digest, reason: 'nested index not stored in the archive' });
        } else if (depth > 8) {
          throw new ArchiveError(archive.file, 'indexes nest more than 8 deep');
        } else {
          const body = await readIndexJson(path!);
          if (!isObj(body) || !Array.isArray(body['manifests'])) throw new ArchiveError(archive.file, `${path} is not an image index`);
          await walk(body['manifests'], root, depth + 1);
        }
      } else {
        candidates.push({ top: root, manifest: d, platform: d.platform, present });
      }
    }
  };
  await walk(index['manifests'], null, 0);

  const platforms = [...new Map(candidates.filter((c) => c.platform).map((c) => [platformString(c.platform!), c.platform!])).values()];

  // One image per top-level entry: pick a platform among its manifests.
  const wanted = opts.platform ?? platformString(hostPlatform());
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const group = groups.get(c.top.digest);
    if (group) group.push(c);
    else groups.set(c.top.digest, [c]);
  }
  const images: ImagePlan[] = [];
  const layerHints = new Map<string, { mediaType: string; digest: string; size: number }[]>();
  for (const group of groups.values()) {
    const stored = group.filter((c) => c.present);
    const absent = group.filter((c) => !c.present);
    for (const a of absent) setAside.push({ digest: a.manifest.digest, reason: `platform ${a.platform ? platformString(a.platform) : '?'} not stored in the archive` });
    if (stored.length === 0) continue;
    const pick =
      stored.find((c) => c.platform && platformString(c.platform) === wanted) ??
      (opts.platform ? undefined : stored.find((c) => c.platform && platformString(c.platform).startsWith(wanted))) ??
      (opts.platform ? undefined : stored[0]);
    if (!pick) {
      throw new ArchiveError(archive.file, `platform ${opts.platform} is not in the archive (it has ${stored.map((c) => (c.platform ? platformString(c.platform) : '?')).join(', ')})`, 'UNSUPPORTED');
    }
    for (const other of stored) {
      if (other !== pick) setAside.push({ digest: other.manifest.digest, reason: `platform ${other.platform ? platformString(other.platform) : '?'} not selected` });
    }
    const plan = await readManifest(archive, pick);
    images.push(plan);
    layerHints.set(plan.id, plan.layers.map((l) => ({ mediaType: l.mediaType ?? '', digest: l.digest ?? '', size: l.declaredSize ?? -1 })));
  }
  return { images, platforms, setAside, warnings, layerHints };
}

async function readManifest(archive: ArchiveMembers, c: Candidate): Promise<ImagePlan> {
  const path = blobPathFor(c.manifest.digest)!;
  const m = await readJsonMember(archive, path);
  if (!isObj(m) || !Array.isArray(m['layers'])) throw new ArchiveError(archive.file, `${path}: manifest has no layers list`);
  const configDesc = descriptor(m['config']);
  const configPath = configDesc ? blobPathFor(configDesc.digest) : null;
  if (!configDesc || !configPath) throw new ArchiveError(archive.file, `${path}: manifest has no config`);
  const config = parseImageConfig(await readJsonMember(archive, configPath), archive.file, configPath);
  const layerDescs = m['layers'].map(descriptor);
  if (layerDescs.some((d) => d === null)) throw new ArchiveError(archive.file, `${path}: a layer has no digest`);
  if (layerDescs.length !== config.diffIds.length) {
    throw new ArchiveError(archive.file, `${path}: ${layerDescs.length} layers but the config has ${config.diffIds.length} diff_ids`);
  }
  const layers = (layerDescs as Descriptor[]).map((d, k) => {
    const p = blobPathFor(d.digest);
    const member = p ? resolveMember(archive, p) : null;
    return { blobPath: member?.name ?? null, digest: d.digest, mediaType: d.mediaType || null, declaredSize: d.size >= 0 ? d.size : null, diffId: config.diffIds[k]! };
  });
  const missing = layers.filter((l) => l.blobPath === null).length;
  if (missing > 0) {
    const first = (layerDescs as Descriptor[])[layers.findIndex((l) => l.blobPath === null)]!.digest;
    const blob = blobPathFor(first);
    const why = blob ? `${blob}: ${whyUnresolved(archive, blob)}` : `${first} is not a valid digest`;
    throw new ArchiveError(archive.file, `${path}: ${missing} of its ${layers.length} layer blobs are missing from the archive (${why})`);
  }
  const platform = c.platform ?? (config.os ? { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) } : null);
  return {
    id: configDesc.digest,
    configPath,
    config,
    repoTags: tagsFromAnnotations({ ...c.top.annotations, ...c.manifest.annotations }),
    platform,
    manifestDigest: c.manifest.digest,
    layers,
    warnings: [],
  };
}
