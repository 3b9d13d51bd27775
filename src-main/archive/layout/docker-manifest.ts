/**
 * `manifest.json` layouts: legacy `docker save` (<= 24), podman/skopeo docker-archive, and the
 * compat manifest that Docker 25+ and containerd-store exports write next to their OCI layout.
 */
import { ArchiveError } from '../model';
import { blobPathFor, readJsonMember, resolveMember, whyUnresolved, type ArchiveMembers } from './archive-members';
import { parseImageConfig } from './image-config';
import type { ImagePlan, LayerPlan } from './plan';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The config digest from its member name: `<hex>.json`, `blobs/sha256/<hex>` or kaniko's `sha256:<hex>`. */
export function idFromConfigPath(path: string): string | null {
  const hex = /(?:^|\/|sha256:)([0-9a-f]{64})(?:\.json)?$/.exec(path)?.[1];
  return hex ? `sha256:${hex}` : null;
}

/** The digest of a layer member named after it (`blobs/sha256/<hex>`, `<hex>.tar`, `<hex>.tar.gz`). */
function digestFromPath(path: string): string | null {
  const hex = /(?:^|\/)(?:sha256:)?([0-9a-f]{64})(?:\.tar(?:\.gz|\.zst)?)?$/.exec(path)?.[1];
  return hex ? `sha256:${hex}` : null;
}

export async function readDockerManifest(
  archive: ArchiveMembers,
  raw: unknown,
  ociLayerHints: Map<string, { mediaType: string; digest: string; size: number }[]>,
): Promise<ImagePlan[]> {
  if (!Array.isArray(raw)) {
    throw new ArchiveError(
      archive.file,
      'not an image archive: manifest.json is one object, not a list of images (a podman docker-dir or a registry manifest?)',
      'NOT_AN_IMAGE',
    );
  }
  const plans: ImagePlan[] = [];
  for (const [i, entry] of raw.entries()) {
    if (!isObj(entry) || typeof entry['Config'] !== 'string' || !Array.isArray(entry['Layers'])) {
      throw new ArchiveError(archive.file, `manifest.json entry ${i} lacks Config or Layers`);
    }
    const configPath = entry['Config'];
    const config = parseImageConfig(await readJsonMember(archive, configPath), archive.file, configPath);
    const id = idFromConfigPath(configPath) ?? `sha256:${'0'.repeat(64)}`;
    const warnings: string[] = [];
    let layerPaths = entry['Layers'].filter((l): l is string => typeof l === 'string');
    const hints = ociLayerHints.get(id);

    // Docker 25 regression: a manifest.json entry with no layers. The OCI manifest still has them.
    if (
      layerPaths.length === 0 &&
      config.diffIds.length > 0 &&
      hints &&
      hints.length === config.diffIds.length
    ) {
      layerPaths = hints.map((h) => blobPathFor(h.digest) ?? '');
      warnings.push('manifest.json lists no layers (a Docker 25 bug); used the OCI manifest instead');
    }
    if (layerPaths.length !== config.diffIds.length) {
      throw new ArchiveError(
        archive.file,
        `${configPath}: manifest.json lists ${layerPaths.length} layers but the config has ${config.diffIds.length} diff_ids`,
      );
    }
    // Docker 25 stores uncompressed layers named by diffID: if they are merely shuffled, put them in config order.
    const named = layerPaths.map(digestFromPath);
    if (named.every((d) => d !== null) && new Set(named).size === named.length) {
      const byDigest = new Map(named.map((d, k) => [d, layerPaths[k]!]));
      if (config.diffIds.every((d) => byDigest.has(d)) && config.diffIds.some((d, k) => named[k] !== d)) {
        layerPaths = config.diffIds.map((d) => byDigest.get(d)!);
        warnings.push(
          "layers were listed out of order (a Docker 25.0.0 bug); reordered by the config's diff_ids",
        );
      }
    }
    const layers: LayerPlan[] = layerPaths.map((p, k) => {
      const member = resolveMember(archive, p);
      const hint =
        hints?.find((h) => h.digest === digestFromPath(p)) ?? (digestFromPath(p) ? undefined : hints?.[k]);
      const digest = hint?.digest ?? digestFromPath(p);
      return {
        blobPath: member?.name ?? null,
        digest,
        mediaType: hint?.mediaType ?? null,
        declaredSize: hint?.size ?? null,
        diffId: config.diffIds[k]!,
      };
    });
    const missing = layers.filter((l) => l.blobPath === null).length;
    if (missing > 0) {
      const first = layerPaths[layers.findIndex((l) => l.blobPath === null)]!;
      throw new ArchiveError(
        archive.file,
        `${configPath}: ${missing} of its ${layers.length} layers are missing from the archive (${first}: ${whyUnresolved(archive, first)})`,
      );
    }
    const repoTags = Array.isArray(entry['RepoTags'])
      ? entry['RepoTags'].filter((t): t is string => typeof t === 'string')
      : [];
    plans.push({
      id,
      configPath,
      config,
      repoTags,
      platform:
        config.os || config.architecture
          ? {
              os: config.os,
              architecture: config.architecture,
              ...(config.variant ? { variant: config.variant } : {}),
            }
          : null,
      manifestDigest: null,
      layers,
      warnings,
    });
  }
  return plans;
}
