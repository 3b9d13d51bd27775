/** The engine's answer to an image delete or prune: `Untagged` references and `Deleted` IDs. */
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';

export interface RawDeleteRecord {
  Untagged?: string;
  Deleted?: string;
}

/**
 * Splits the records; `Deleted` also lists the layers the engine released (by chainID), so only
 * the IDs in `imageIds` (every local image before the call) are reported as deleted images.
 */
export function splitDeleteRecords(
  records: readonly RawDeleteRecord[] | null | undefined,
  imageIds: ReadonlySet<string>,
): { untagged: string[]; deleted: string[] } {
  const untagged: string[] = [];
  const deleted: string[] = [];
  for (const r of records ?? []) {
    if (r.Untagged) untagged.push(r.Untagged);
    if (r.Deleted && imageIds.has(r.Deleted)) deleted.push(r.Deleted);
  }
  return { untagged, deleted };
}

/** Every local image ID, intermediate ones included. */
export async function allImageIds(docker: EngineClient): Promise<Set<string>> {
  try {
    const raw = (await docker.listImages({ all: true })) as { Id: string }[];
    return new Set(raw.map((r) => r.Id));
  } catch (err) {
    throw toAppError(err, 'Listing images');
  }
}
