/**
 * An image archive's own structure, grouped into the parts a learner should recognise: the
 * manifest, the legacy `repositories`, image configs, per-layer folders (legacy `docker save`),
 * and the OCI layout's index, marker and content-addressed blobs. Pure: unit-tested.
 */
import type { ArchiveMemberDto } from '../../../src-shared/contract/learn';

export type PartKind =
  'manifest' | 'repositories' | 'config' | 'layer-dir' | 'oci-index' | 'oci-layout' | 'blobs' | 'other';

export interface ArchivePart {
  kind: PartKind;
  /** The top-level name (`manifest.json`, `<id>/`, `blobs/`). */
  name: string;
  /** Bytes of the files in it (a symlink counts 0: it points at a layer stored elsewhere). */
  bytes: number;
  /** Members below a folder, with their size and link target. */
  children: ArchiveMemberDto[];
}

const HEX64 = /^[0-9a-f]{64}$/;

function kindOf(top: string, isDir: boolean): PartKind {
  if (top === 'manifest.json') return 'manifest';
  if (top === 'repositories') return 'repositories';
  if (top === 'index.json') return 'oci-index';
  if (top === 'oci-layout') return 'oci-layout';
  if (top === 'blobs') return 'blobs';
  if (!isDir && /^[0-9a-f]{64}\.json$/.test(top)) return 'config';
  if (isDir && HEX64.test(top)) return 'layer-dir';
  return 'other';
}

const ORDER: readonly PartKind[] = [
  'manifest',
  'repositories',
  'oci-index',
  'oci-layout',
  'config',
  'layer-dir',
  'blobs',
  'other',
];

export function archiveParts(members: readonly ArchiveMemberDto[]): ArchivePart[] {
  const parts = new Map<string, ArchivePart>();
  for (const m of members) {
    const path = m.path.replace(/^\.\//, '').replace(/\/$/, '');
    if (path === '' || path === '.') continue;
    const slash = path.indexOf('/');
    const top = slash < 0 ? path : path.slice(0, slash);
    const isDir = slash >= 0 || m.kind === 'dir';
    let part = parts.get(top);
    if (!part) {
      part = { kind: kindOf(top, isDir), name: isDir ? `${top}/` : top, bytes: 0, children: [] };
      parts.set(top, part);
    }
    if (m.kind === 'file') part.bytes += m.size;
    if (slash >= 0) part.children.push({ ...m, path: path.slice(slash + 1) });
  }
  return [...parts.values()].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}
