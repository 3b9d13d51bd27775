/**
 * The image config (`<id>.json` / the config blob): what the analyzer reads of it, checked
 * field by field so bad JSON gives a clear reason instead of a crash later.
 */
import { ArchiveError } from '../model';

export interface HistoryEntry {
  created: string | null;
  createdBy: string;
  comment: string;
  emptyLayer: boolean;
}

export interface ImageConfigInfo {
  architecture: string;
  os: string;
  variant: string | null;
  created: string | null;
  author: string;
  diffIds: string[];
  history: HistoryEntry[];
  config: {
    cmd: string[] | null;
    entrypoint: string[] | null;
    env: string[];
    workingDir: string;
    user: string;
    exposedPorts: string[];
    volumes: string[];
    labels: Record<string, string>;
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strArr = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null);
const keys = (v: unknown): string[] => (isObj(v) ? Object.keys(v) : []);
const strRecord = (v: unknown): Record<string, string> =>
  isObj(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};

export function parseImageConfig(raw: unknown, file: string, where: string): ImageConfigInfo {
  if (!isObj(raw)) throw new ArchiveError(file, `${where}: the image config is not a JSON object`);
  const rootfs = raw['rootfs'];
  if (!isObj(rootfs) || !Array.isArray(rootfs['diff_ids'])) {
    throw new ArchiveError(file, `${where}: the image config has no rootfs.diff_ids`);
  }
  const diffIds = rootfs['diff_ids'];
  if (!diffIds.every((d): d is string => typeof d === 'string' && /^sha256:[0-9a-f]{64}$/.test(d))) {
    throw new ArchiveError(file, `${where}: rootfs.diff_ids holds something that is not a sha256 digest`);
  }
  const c = isObj(raw['config']) ? raw['config'] : {};
  const history = Array.isArray(raw['history'])
    ? raw['history'].filter(isObj).map((h) => ({
        created: strOrNull(h['created']),
        createdBy: str(h['created_by']),
        comment: str(h['comment']),
        emptyLayer: h['empty_layer'] === true,
      }))
    : [];
  return {
    architecture: str(raw['architecture']),
    os: str(raw['os']),
    variant: strOrNull(raw['variant']),
    created: strOrNull(raw['created']),
    author: str(raw['author']),
    diffIds,
    history,
    config: {
      cmd: strArr(c['Cmd']),
      entrypoint: strArr(c['Entrypoint']),
      env: strArr(c['Env']) ?? [],
      workingDir: str(c['WorkingDir']),
      user: str(c['User']),
      exposedPorts: keys(c['ExposedPorts']),
      volumes: keys(c['Volumes']),
      labels: strRecord(c['Labels']),
    },
  };
}

/**
 * History mapped onto layers: the non-empty history entries, in order, belong to the layers.
 * `empty_layer` entries (ENV, CMD, ...) are kept, attached to the layer below them. A count
 * mismatch (squashed or hand-made images) is tolerated and reported.
 */
export function mapHistoryToLayers(
  history: readonly HistoryEntry[],
  layerCount: number,
): { perLayer: (HistoryEntry | null)[]; emptyAfter: HistoryEntry[][]; mismatch: string | null } {
  const perLayer: (HistoryEntry | null)[] = Array.from({ length: layerCount }, () => null);
  const emptyAfter: HistoryEntry[][] = Array.from({ length: layerCount }, () => []);
  const nonEmpty = history.filter((h) => !h.emptyLayer).length;
  let layer = -1;
  for (const h of history) {
    if (h.emptyLayer) {
      if (layer >= 0 && layer < layerCount) emptyAfter[layer]!.push(h);
      continue;
    }
    layer++;
    if (layer < layerCount) perLayer[layer] = h;
  }
  const mismatch =
    history.length > 0 && nonEmpty !== layerCount
      ? `history lists ${nonEmpty} non-empty steps for ${layerCount} layers`
      : null;
  return { perLayer, emptyAfter, mismatch };
}
