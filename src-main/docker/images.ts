import type { ImageDetail, ImageSummary } from '../../src-shared/dto';
import type { EngineClient } from './engine-client';
import { toAppError } from './engine-errors';
import { listLocalImages } from './images/local-images';
import { isRealDigest, isRealTag } from './images/map-summary';

export { mapImageSummary, type RawImageSummary } from './images/map-summary';

/** Every local image, with shared/unique bytes and the containers using it (see images/local-images.ts). */
export async function listImages(
  docker: EngineClient,
  opts: { includeDangling: boolean },
): Promise<ImageSummary[]> {
  const images = await listLocalImages(docker);
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
    StopSignal?: string;
    Shell?: string[] | null;
    OnBuild?: string[] | null;
    Healthcheck?: {
      Test?: string[] | null;
      Interval?: number;
      Timeout?: number;
      StartPeriod?: number;
      Retries?: number;
    } | null;
  } | null;
  DockerVersion?: string;
  Variant?: string;
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
    extraConfig: {
      stopSignal: c.StopSignal ? c.StopSignal : null,
      shell: c.Shell ?? null,
      onBuild: c.OnBuild ?? [],
      healthcheck: c.Healthcheck
        ? {
            test: c.Healthcheck.Test ?? [],
            interval: c.Healthcheck.Interval ?? 0,
            timeout: c.Healthcheck.Timeout ?? 0,
            startPeriod: c.Healthcheck.StartPeriod ?? 0,
            retries: c.Healthcheck.Retries ?? 0,
          }
        : null,
    },
    dockerVersion: raw.DockerVersion ?? '',
    variant: raw.Variant ?? '',
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
