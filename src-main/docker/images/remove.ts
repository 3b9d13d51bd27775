/** Remove an image (refused while containers use it, unless forced) and prune dangling images. */
import type { PruneResult, RemoveResult } from '../../../src-shared/images-dto';
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { allImageIds, splitDeleteRecords, type RawDeleteRecord } from './delete-records';
import { containersByImage } from './local-images';

/**
 * Removes image `ref`. The engine itself refuses an image a STOPPED container uses with a terse
 * "conflict ... container 3f2a...": we check first so the error names the containers. With
 * `force` the engine removes it anyway (a running container's image still cannot be removed).
 * A `repo:tag` ref with other tags left only untags, as `docker image rm` does.
 */
export async function removeImage(docker: EngineClient, ref: string, force: boolean): Promise<RemoveResult> {
  let id: string;
  try {
    id = ((await docker.getImage(ref).inspect()) as { Id: string }).Id;
  } catch (err) {
    throw toAppError(err, `Inspecting image ${ref}`);
  }
  const users = (await containersByImage(docker)).get(id) ?? [];
  if (users.length > 0 && !force) {
    throw new AppError(
      'CONFLICT',
      `Image ${ref} is used by ${users.length === 1 ? 'container' : 'containers'} ${users.join(', ')}: remove ${users.length === 1 ? 'it' : 'them'} first, or force the removal`,
      { containers: users },
    );
  }
  const ids = await allImageIds(docker);
  let records: RawDeleteRecord[];
  try {
    records = (await docker.getImage(ref).remove({ force })) as RawDeleteRecord[];
  } catch (err) {
    throw toAppError(err, `Removing image ${ref}`);
  }
  const split = splitDeleteRecords(records, ids);
  return { ...split, imageRemains: !split.deleted.includes(id) };
}

interface RawPrune {
  ImagesDeleted?: RawDeleteRecord[] | null;
  SpaceReclaimed?: number;
}

/** Removes every dangling image (untagged and not a parent); answers the image IDs and bytes freed. */
export async function pruneDanglingImages(docker: EngineClient): Promise<PruneResult> {
  const ids = await allImageIds(docker);
  let raw: RawPrune;
  try {
    raw = (await docker.pruneImages({ filters: { dangling: ['true'] } })) as RawPrune;
  } catch (err) {
    throw toAppError(err, 'Pruning dangling images');
  }
  return {
    deleted: splitDeleteRecords(raw.ImagesDeleted, ids).deleted,
    reclaimedBytes: Math.max(0, raw.SpaceReclaimed ?? 0),
  };
}
