/**
 * Tag and untag: add or remove ONE reference of an image.
 *
 * Untag uses the engine's delete on a named reference with `noprune`: with other references
 * left, the engine only removes that one (moby daemon/images/image_delete.go); with none left,
 * the image goes too, like `docker image rm repo:tag`. A string that is not a reference of the
 * image is refused before the engine sees it: the engine would read `abc123` as an ID prefix
 * and delete the whole image.
 */
import type { RemoveResult } from '../../../src-shared/images-dto';
import { parseImageReference, type ImageReference } from '../../../src-shared/image-reference';
import { AppError } from '../../ipc/app-error';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { allImageIds, splitDeleteRecords, type RawDeleteRecord } from './delete-records';

interface RawRefs {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
}

function parseOrThrow(input: string): ImageReference {
  try {
    return parseImageReference(input);
  } catch (err) {
    throw new AppError('INVALID_ARGUMENT', (err as Error).message);
  }
}

async function inspectRefs(docker: EngineClient, ref: string): Promise<RawRefs> {
  try {
    return (await docker.getImage(ref).inspect()) as RawRefs;
  } catch (err) {
    throw toAppError(err, `Inspecting image ${ref}`);
  }
}

/** Gives image `ref` (a reference or ID) the reference `repo:tag`. */
export async function tagImage(
  docker: EngineClient,
  ref: string,
  repo: string,
  tag: string,
): Promise<{ reference: string; imageId: string }> {
  const parsed = parseOrThrow(`${repo}:${tag}`);
  if (parsed.digest !== null || parsed.tag !== tag)
    throw new AppError('INVALID_ARGUMENT', `"${repo}" must be a repository name without a tag or digest`);
  const { Id } = await inspectRefs(docker, ref);
  try {
    await docker.getImage(Id).tag({ repo, tag });
  } catch (err) {
    const e = toAppError(err, `Tagging image ${ref} as ${parsed.familiar}`);
    // The engine answers 500 for a reference it cannot parse (our grammar allows a little more, e.g. an uppercase host).
    if (/invalid reference format/i.test(e.message)) throw new AppError('INVALID_ARGUMENT', e.message);
    throw e;
  }
  return { reference: parsed.familiar, imageId: Id };
}

/** The image's references in the familiar form the parser gives (`nginx:1`, `localhost:5000/x:y`). */
const familiarRefs = (raw: RawRefs): Set<string> =>
  new Set(
    [...(raw.RepoTags ?? []), ...(raw.RepoDigests ?? [])]
      .map((r) => {
        try {
          return parseImageReference(r).familiar;
        } catch {
          return null;
        }
      })
      .filter((r): r is string => r !== null),
  );

/** Removes one reference (`repo:tag` or `repo@digest`); the image goes only when it was its last. */
export async function untagImage(docker: EngineClient, ref: string): Promise<RemoveResult> {
  const parsed = parseOrThrow(ref);
  if (parsed.tag !== null && parsed.digest !== null)
    throw new AppError('INVALID_ARGUMENT', `"${ref}": give a tag or a digest, not both`);
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref))
    throw new AppError(
      'INVALID_ARGUMENT',
      `"${ref}" looks like an image ID: untag takes a reference (repo:tag)`,
    );
  const before = await inspectRefs(docker, parsed.familiar);
  if (!familiarRefs(before).has(parsed.familiar))
    throw new AppError(
      'NOT_FOUND',
      `No reference ${parsed.familiar}: the image ${before.Id.slice(7, 19)} is not tagged so`,
    );
  const ids = await allImageIds(docker);
  let records: RawDeleteRecord[];
  try {
    records = (await docker.getImage(parsed.familiar).remove({ noprune: true })) as RawDeleteRecord[];
  } catch (err) {
    throw toAppError(err, `Untagging ${parsed.familiar}`);
  }
  const split = splitDeleteRecords(records, ids);
  return { ...split, imageRemains: !split.deleted.includes(before.Id) };
}
