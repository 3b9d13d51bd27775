/** Decides what kind of archive this is and plans its images; says clearly when it is not an image. */
import { ArchiveError } from '../model';
import { readJsonMember, type ArchiveMembers } from './archive-members';
import { readDockerManifest } from './docker-manifest';
import { readLegacyV1 } from './legacy-v1';
import { readOciLayout } from './oci-layout';
import type { LayoutOptions, LayoutPlan } from './plan';

const ROOTFS_HINTS = ['bin', 'etc', 'usr', 'lib', 'var', 'sbin', 'proc', 'dev', 'README.md'];

export async function planLayout(archive: ArchiveMembers, opts: LayoutOptions = {}): Promise<LayoutPlan> {
  const has = (name: string): boolean => archive.members.has(name);
  if (has('manifest.json')) {
    const manifest = await readJsonMember(archive, 'manifest.json');
    const isOci = has('index.json');
    const warnings: string[] = [];
    let hints = new Map<string, { mediaType: string; digest: string; size: number }[]>();
    let platforms: LayoutPlan['platforms'] = [];
    let setAside: LayoutPlan['setAside'] = [];
    if (isOci) {
      // Docker 25+ and containerd exports: the OCI side gives media types and blob digests.
      try {
        const oci = await readOciLayout(archive, await readJsonMember(archive, 'index.json'), opts);
        hints = oci.layerHints;
        platforms = oci.platforms;
        setAside = oci.setAside;
        warnings.push(...oci.warnings);
      } catch (err) {
        warnings.push(`index.json ignored: ${(err as Error).message}`);
      }
    }
    const images = await readDockerManifest(archive, manifest, hints);
    const podman = [...archive.members.values()].some((m) => /^[0-9a-f]{64}\.tar$/.test(m.name));
    const legacy = [...archive.members.keys()].some((n) => n.endsWith('/layer.tar'));
    return {
      format: 'docker-archive',
      variant: isOci ? 'docker save (Docker 25+ / containerd: OCI layout + manifest.json)' : podman ? 'docker-archive (podman/skopeo)' : legacy ? 'docker save (legacy layout)' : 'tarball (manifest.json, kaniko/crane style)',
      images,
      platforms,
      setAside,
      warnings,
    };
  }
  if (has('index.json')) {
    const oci = await readOciLayout(archive, await readJsonMember(archive, 'index.json'), opts);
    if (oci.images.length === 0) {
      throw new ArchiveError(archive.file, `an OCI layout with no image stored in it (${oci.setAside.map((s) => s.reason).join('; ') || 'empty index'})`, 'NOT_AN_IMAGE');
    }
    return { format: 'oci-archive', variant: has('oci-layout') ? 'OCI image layout' : 'OCI layout (no oci-layout file)', ...oci };
  }
  if (has('repositories')) {
    const images = await readLegacyV1(archive, await readJsonMember(archive, 'repositories'));
    return { format: 'docker-archive', variant: 'docker save v1 (no manifest.json)', images, platforms: [], setAside: [], warnings: [] };
  }
  const names = [...archive.members.keys()];
  if (names.length === 0) throw new ArchiveError(archive.file, 'not an image archive: the tar is empty', 'NOT_AN_IMAGE');
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const reason = ROOTFS_HINTS.some((h) => tops.has(h))
    ? 'not an image archive: it looks like a plain filesystem tar (docker export, buildx type=tar), with no manifest.json or index.json'
    : 'not an image archive: no manifest.json, index.json or repositories in it';
  throw new ArchiveError(archive.file, reason, 'NOT_AN_IMAGE');
}
