/** What the layout interpreters produce: which images an archive holds and where their layers are. */
import type { ImageConfigInfo } from './image-config';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}
export const platformString = (p: Platform): string =>
  `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;

export interface LayerPlan {
  /** Member holding the blob (symlinks followed), or null when the archive lacks it. */
  blobPath: string | null;
  /** Blob digest from an OCI manifest, or null (legacy archives do not state one). */
  digest: string | null;
  mediaType: string | null;
  /** Size stated by the manifest, if any. */
  declaredSize: number | null;
  /** diffID as the config states it. */
  diffId: string;
}

export interface ImagePlan {
  /** `sha256:` digest of the config: the image ID. */
  id: string;
  configPath: string;
  config: ImageConfigInfo;
  repoTags: string[];
  platform: Platform | null;
  manifestDigest: string | null;
  layers: LayerPlan[];
  warnings: string[];
}

export interface SetAside {
  digest: string;
  reason: string;
}

export interface LayoutPlan {
  format: 'docker-archive' | 'oci-archive';
  /** Finer detail for people: legacy, docker-25+ (OCI + manifest.json), containerd export, podman... */
  variant: string;
  images: ImagePlan[];
  /** Every platform an index offers, so the user can pick another. */
  platforms: Platform[];
  setAside: SetAside[];
  warnings: string[];
}

export interface LayoutOptions {
  /** `os/arch[/variant]` to pick from multi-platform indexes; default: the host's, else the first stored. */
  platform?: string;
}
