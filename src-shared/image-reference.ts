/**
 * Image references as users and archives write them: `[registry/][namespace/]repository[:tag][@digest]`.
 * Follows the distribution reference grammar (docker/distribution reference/regexp.go), with
 * Docker Hub's defaults made explicit: `nginx` is `docker.io/library/nginx:latest`.
 */
export interface ImageReference {
  /** Host[:port] of the registry; `docker.io` when none is written. */
  registry: string;
  /** Path inside the registry, e.g. `library/nginx`, `myimg/httpd`. */
  repository: string;
  /** Null when only a digest is given. */
  tag: string | null;
  digest: string | null;
  /** As written. */
  original: string;
  /** The short form Docker shows: `nginx:alpine`, `myimg/httpd:v1`, `localhost:5000/x:y`. */
  familiar: string;
}

export const DEFAULT_REGISTRY = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;

/** Parses a reference; throws an Error that says what is wrong. */
export function parseImageReference(input: string): ImageReference {
  const original = input;
  if (input.length === 0 || input.length > 512) throw new Error(`Invalid image reference "${input}": wrong length`);
  let rest = input;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`Invalid image reference "${input}": bad digest "${digest}"`);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`Invalid image reference "${input}": bad tag "${tag}"`);
  }
  const parts = rest.split('/');
  let registry = DEFAULT_REGISTRY;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    if (!HOST.test(first)) throw new Error(`Invalid image reference "${input}": bad registry host "${first}"`);
    registry = first;
    parts.shift();
  }
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
    throw new Error(`Invalid image reference "${input}": repository names are lowercase letters, digits and separators`);
  }
  if (registry === 'index.docker.io') registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  if (tag === null && digest === null) tag = 'latest';
  const shortRepo =
    registry === DEFAULT_REGISTRY ? repository.replace(/^library\//, '') : `${registry}/${repository}`;
  const familiar = `${shortRepo}${tag !== null ? `:${tag}` : ''}${digest !== null ? `@${digest}` : ''}`;
  return { registry, repository, tag, digest, original, familiar };
}

/** Like parseImageReference, but null instead of an error. */
export function tryParseImageReference(input: string): ImageReference | null {
  try {
    return parseImageReference(input);
  } catch {
    return null;
  }
}
