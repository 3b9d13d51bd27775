/**
 * Very old `docker save` archives with no manifest.json: `repositories` names the top layer of
 * each tag, and each `<v1id>/json` names its `parent`. There are no diffIDs: the analyzer
 * computes them from the layer bytes (diffId left empty here means "compute").
 */
import { ArchiveError } from '../model';
import { readJsonMember, resolveMember, whyUnresolved, type ArchiveMembers } from './archive-members';
import type { ImageConfigInfo } from './image-config';
import type { ImagePlan } from './plan';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const V1ID = /^[0-9a-f]{64}$/;

export async function readLegacyV1(archive: ArchiveMembers, repositories: unknown): Promise<ImagePlan[]> {
  if (!isObj(repositories)) throw new ArchiveError(archive.file, 'repositories is not a JSON object');
  const tagsByTop = new Map<string, string[]>();
  for (const [repo, tags] of Object.entries(repositories)) {
    if (!isObj(tags)) continue;
    for (const [tag, id] of Object.entries(tags)) {
      if (typeof id !== 'string' || !V1ID.test(id)) throw new ArchiveError(archive.file, `repositories: ${repo}:${tag} names no layer ID`);
      tagsByTop.set(id, [...(tagsByTop.get(id) ?? []), `${repo}:${tag}`]);
    }
  }
  const plans: ImagePlan[] = [];
  for (const [top, repoTags] of tagsByTop) {
    const chain: { id: string; json: Record<string, unknown> }[] = [];
    const seen = new Set<string>();
    for (let id: string | null = top; id; ) {
      if (seen.has(id) || chain.length > 500) throw new ArchiveError(archive.file, `${id}/json: the parent chain loops`);
      seen.add(id);
      const json = await readJsonMember(archive, `${id}/json`);
      if (!isObj(json)) throw new ArchiveError(archive.file, `${id}/json is not a JSON object`);
      chain.unshift({ id, json });
      const parent: unknown = json['parent'];
      id = typeof parent === 'string' && V1ID.test(parent) ? parent : null;
    }
    const topJson = chain[chain.length - 1]!.json;
    const c = isObj(topJson['config']) ? topJson['config'] : {};
    const strs = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null);
    const config: ImageConfigInfo = {
      architecture: typeof topJson['architecture'] === 'string' ? topJson['architecture'] : '',
      os: typeof topJson['os'] === 'string' ? topJson['os'] : '',
      variant: null,
      created: typeof topJson['created'] === 'string' ? topJson['created'] : null,
      author: typeof topJson['author'] === 'string' ? topJson['author'] : '',
      diffIds: chain.map(() => ''),
      history: chain.map(({ json }) => {
        const cc = isObj(json['container_config']) ? json['container_config'] : {};
        return {
          created: typeof json['created'] === 'string' ? json['created'] : null,
          createdBy: (strs(cc['Cmd']) ?? []).join(' '),
          comment: typeof json['comment'] === 'string' ? json['comment'] : '',
          emptyLayer: false,
        };
      }),
      config: {
        cmd: strs(c['Cmd']),
        entrypoint: strs(c['Entrypoint']),
        env: strs(c['Env']) ?? [],
        workingDir: typeof c['WorkingDir'] === 'string' ? c['WorkingDir'] : '',
        user: typeof c['User'] === 'string' ? c['User'] : '',
        exposedPorts: isObj(c['ExposedPorts']) ? Object.keys(c['ExposedPorts']) : [],
        volumes: isObj(c['Volumes']) ? Object.keys(c['Volumes']) : [],
        labels: {},
      },
    };
    const layers = chain.map(({ id }) => {
      const member = resolveMember(archive, `${id}/layer.tar`);
      if (!member) throw new ArchiveError(archive.file, `${id}/layer.tar is missing (${whyUnresolved(archive, `${id}/layer.tar`)})`);
      return { blobPath: member.name, digest: null, mediaType: null, declaredSize: null, diffId: '' };
    });
    plans.push({
      id: `sha256:${top}`,
      configPath: `${top}/json`,
      config,
      repoTags,
      platform: config.os ? { os: config.os, architecture: config.architecture } : null,
      manifestDigest: null,
      layers,
      warnings: ['a v1 archive without manifest.json: the image ID is its top layer ID and diffIDs are computed'],
    });
  }
  return plans;
}
