/** Engine list entries for unit tests of pure code that reads them (the real ones come from main's docker/ mapping). */
import type { ImageSummary } from '../../src-shared/dto';

/** An image as `listImages` answers it: the given ID and tags, nothing measured, no containers. */
export const imageSummary = (id: string, repoTags: string[]): ImageSummary => ({
  id,
  repoTags,
  repoDigests: [],
  created: 0,
  size: 1,
  sharedSize: null,
  uniqueSize: null,
  containers: null,
  containerNames: [],
  dangling: repoTags.length === 0,
  parentId: null,
  labels: {},
});
