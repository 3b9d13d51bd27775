/** Engine image-list entries mapped to our DTO (pure). */
import type { ImageSummary } from '../../../src-shared/dto';

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
export const isRealTag = (t: string): boolean => t !== '<none>:<none>' && !t.endsWith(':<none>');
export const isRealDigest = (d: string): boolean => d !== '<none>@<none>';

export function mapImageSummary(raw: RawImageSummary, parentIds: ReadonlySet<string>): ImageSummary {
  const repoTags = (raw.RepoTags ?? []).filter(isRealTag);
  return {
    id: raw.Id,
    repoTags,
    repoDigests: (raw.RepoDigests ?? []).filter(isRealDigest),
    created: (raw.Created ?? 0) * 1000,
    size: Math.max(0, raw.Size ?? 0),
    sharedSize: raw.SharedSize === undefined || raw.SharedSize < 0 ? null : raw.SharedSize,
    uniqueSize: null,
    containers: raw.Containers === undefined || raw.Containers < 0 ? null : raw.Containers,
    containerNames: [],
    // Same rule as `docker images -f dangling=true`: untagged and not an intermediate image others build on.
    dangling: repoTags.length === 0 && !parentIds.has(raw.Id),
    parentId: raw.ParentId ? raw.ParentId : null,
    labels: raw.Labels ?? {},
  };
}
