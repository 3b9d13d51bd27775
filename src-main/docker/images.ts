import type { ImageDetail, ImageSummary } from '../../src-shared/dto';
import type { EngineClient } from './engine-client';
import { toAppError } from './engine-errors';

/** The subset of `GET /images/json` entries we read. */
export interface RawImageSummary {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: number;
  Size?: number;
  SharedSize?: number;
  Containers?: number;
  Labels?: Record<string, string> | null;
}

/** Engines before API 1.44 list an untagged image with the pseudo tag `<none>:<none>`. */
const isRealTag = (t: string): boolean => t !== '<none>:<none>' && !t.endsWith(':<none>');
const isRealDigest = (d: string): boolean => d !== '<none>@<none>';

export function mapImageSummary(raw: RawImageSummary, parentIds: ReadonlySet<string>): ImageSummary {
  const repoTags = (raw.RepoTags ?? []).filter(isRealTag);
  return {
    id: raw.Id,
    repoTags,
    repoDigests: (raw.RepoDigests ?? []).filter(isRealDigest),
    created: (raw.Created ?? 0) * 1000,
    size: Math.max(0, raw.Size ?? 0),
    sharedSize: raw.SharedSize === undefined || raw.SharedSize < 0 ? null : raw.SharedSize,
    containers: raw.Containers === undefined || raw.Containers < 0 ? null : raw.Containers,
    // Same rule as `docker images -f dangling=true`: untagged and not an intermediate image others build on.
    dangling: repoTags.length === 0 && !parentIds.has(raw.Id),
    parentId: raw.ParentId ? raw.ParentId : null,
    labels: raw.Labels ?? {},
  };
}

/** Every local image (intermediate build images included, so parent chains stay whole). */
export async function listImages(
  docker: EngineClient,
  opts: { includeDangling: boolean },
): Promise<ImageSummary[]> {
  let raw: RawImageSummary[];
  try {
    raw = (await docker.listImages({ all: true })) as RawImageSummary[];
  } catch (err) {
    throw toAppError(err, 'Listing images');
  }
  const parentIds = new Set(raw.map((r) => r.ParentId).filter((p): p is string => !!p));
  const images = raw.map((r) => mapImageSummary(r, parentIds));
  // `all: true` also lists intermediate images of the legacy builder; keep those only as parents.
  return images.filter((img) => img.repoTags.length > 0 || (opts.includeDangling && img.dangling));
}

/** The subset of `GET /images/{name}/json` we read. */
export interface RawImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Parent?: string;
  Comment?: string;
  Author?: string;
  Created?: string;
  Os?: string;
  Architecture?: string;
  Size?: number;
  Config?: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
  } | null;
  RootFS?: { Layers?: string[] | null } | null;
}

export function mapImageDetail(raw: RawImageInspect): ImageDetail {
  const c = raw.Config ?? {};
  const created = raw.Created ? Date.parse(raw.Created) : NaN;
  return {
    id: raw.Id,
    repoTags: (raw.RepoTags ?? []).filter(isRealTag),
    repoDigests: (raw.RepoDigests ?? []).filter(isRealDigest),
    parentId: raw.Parent ? raw.Parent : null,
    comment: raw.Comment ?? '',
    author: raw.Author ?? '',
    created: Number.isFinite(created) ? created : 0,
    os: raw.Os ?? '',
    architecture: raw.Architecture ?? '',
    size: Math.max(0, raw.Size ?? 0),
    config: {
      cmd: c.Cmd ?? null,
      entrypoint: c.Entrypoint ?? null,
      env: c.Env ?? [],
      workingDir: c.WorkingDir ?? '',
      user: c.User ?? '',
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      volumes: Object.keys(c.Volumes ?? {}),
      labels: c.Labels ?? {},
    },
    layers: raw.RootFS?.Layers ?? [],
  };
}

export async function inspectImage(docker: EngineClient, ref: string): Promise<ImageDetail> {
  let raw: RawImageInspect;
  try {
    raw = (await docker.getImage(ref).inspect()) as RawImageInspect;
  } catch (err) {
    throw toAppError(err, `Inspecting image ${ref}`);
  }
  // Mapped outside the try: a bug in the mapping is ours, not the engine's (main logs it).
  return mapImageDetail(raw);
}
