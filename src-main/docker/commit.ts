/**
 * `docker commit`: a container's writable layer becomes a new image layer on top of its image's
 * stack (tutorial steps 11 and 14). Changes arrive as validated {instruction, value} items and are
 * rendered here to the Dockerfile lines the API's `changes` parameter takes.
 */
import type { CommitChange, CommitSpec } from '../../src-shared/containers-spec';
import { parseExecForm } from '../../src-shared/containers-spec';
import { parseImageReference } from '../../src-shared/image-reference';
import type { EngineClient } from './engine-client';
import { toAppError } from './engine-errors';
import { dialJson } from './containers/dial';

/**
 * A value in double quotes for ENV and LABEL. The builder expands `$VAR` in these instructions
 * and treats `\` as an escape inside quotes, so both are escaped to keep the value literal.
 */
const quoteValue = (v: string): string => `"${v.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;

/** One change as a Dockerfile instruction line. The value was validated by CommitChangeSchema. */
export function renderCommitChange(change: CommitChange): string {
  const { instruction, value } = change;
  switch (instruction) {
    case 'CMD':
    case 'ENTRYPOINT': {
      // Exec form is re-serialized (normalized JSON); shell form runs under /bin/sh -c as written.
      const argv = parseExecForm(value);
      return `${instruction} ${argv ? JSON.stringify(argv) : value.trim()}`;
    }
    case 'ENV':
    case 'LABEL': {
      const eq = value.indexOf('=');
      return `${instruction} ${value.slice(0, eq)}=${quoteValue(value.slice(eq + 1))}`;
    }
    case 'VOLUME':
      return `VOLUME ${JSON.stringify([value])}`;
    case 'EXPOSE':
    case 'USER':
    case 'WORKDIR':
      return `${instruction} ${value}`;
  }
}

/** The API's `repo` and `tag` from `repo[:tag]`, as written (`myimg/httpd:v2` -> `myimg/httpd`, `v2`). */
export function splitCommitReference(reference: string): { repo: string; tag: string } {
  const ref = parseImageReference(reference);
  const tag = ref.tag ?? 'latest';
  const written = reference.endsWith(`:${tag}`) ? reference.slice(0, -(tag.length + 1)) : reference;
  return { repo: written, tag };
}

/** The query of `POST /commit`; `changes` repeats once per instruction. */
export function buildCommitQuery(spec: CommitSpec): Record<string, string | boolean | string[]> {
  const query: Record<string, string | boolean | string[]> = {
    container: spec.container,
    pause: spec.pause,
    comment: spec.message,
    author: spec.author,
  };
  if (spec.reference) Object.assign(query, splitCommitReference(spec.reference));
  if (spec.changes.length > 0) query['changes'] = spec.changes.map(renderCommitChange);
  return query;
}

/**
 * Commits and answers the new image ID. Not `container.commit()`: dockerode sends its options as
 * both the query and the JSON body, and the engine reads a body as the new image's whole config.
 */
export async function commitContainer(docker: EngineClient, spec: CommitSpec): Promise<{ imageId: string }> {
  try {
    const res = await dialJson<{ Id: string }>(docker, {
      path: '/commit',
      method: 'POST',
      query: buildCommitQuery(spec),
      statusCodes: {
        200: true,
        201: true,
        400: 'bad parameter',
        404: 'no such container',
        409: 'conflict',
        500: 'server error',
      },
    });
    return { imageId: res.Id };
  } catch (err) {
    throw toAppError(err, `Committing container ${spec.container}`);
  }
}
