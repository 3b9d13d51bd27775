/**
 * Shared bytes per image as the engine itself computes them, in one request: the same figure as
 * `docker system df -v` (the summed sizes of the layers that another listed image also uses,
 * counted over the tagged and dangling images, never the legacy builder's intermediate ones:
 * moby daemon/images/images.go). API 1.42+ answers it on `GET /images/json?shared-size=1`; older
 * engines only in `GET /system/df`, which also sizes containers and volumes.
 *
 * For a cold listing this replaces two requests per image (inspect and history); the per-image
 * facts (image-facts.ts) stay for the views that need layer chains.
 */
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';

interface RawSharedSize {
  Id: string;
  SharedSize?: number;
}

const apiVersions = new WeakMap<EngineClient, Promise<string>>();

/** The engine's API version (asked once per client; '' when it will not say). */
function apiVersionOf(docker: EngineClient): Promise<string> {
  let v = apiVersions.get(docker);
  if (!v) {
    v = (docker.version() as Promise<{ ApiVersion?: string }>).then(
      (r) => r.ApiVersion ?? '',
      (err: unknown) => {
        apiVersions.delete(docker);
        throw err;
      },
    );
    apiVersions.set(docker, v);
  }
  return v;
}

/** True when `version` ("1.41") is at least `min`. */
export function apiAtLeast(version: string, min: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [x = 0, y = 0] = min.split('.').map(Number);
  return a > x || (a === x && b >= y);
}

/** Image ID -> shared bytes; images the engine left without a figure are absent. */
export async function engineSharedSizes(docker: EngineClient): Promise<Map<string, number>> {
  let raw: RawSharedSize[];
  try {
    if (apiAtLeast(await apiVersionOf(docker), '1.42')) {
      raw = (await docker.listImages({ 'shared-size': true } as Parameters<
        EngineClient['listImages']
      >[0])) as RawSharedSize[];
    } else {
      raw = ((await docker.df()) as { Images?: RawSharedSize[] | null }).Images ?? [];
    }
  } catch (err) {
    throw toAppError(err, 'Reading shared image sizes');
  }
  const out = new Map<string, number>();
  for (const r of raw) if (typeof r.SharedSize === 'number' && r.SharedSize >= 0) out.set(r.Id, r.SharedSize);
  return out;
}
