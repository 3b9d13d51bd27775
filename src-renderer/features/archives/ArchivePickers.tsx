/** Several images in one archive: pick one by tag. Several platforms: reopen with another. */
import type { ArchiveAnalysis } from '../../../src-shared/archive-analysis';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { detailMsg } from './messages';
import { imageLabel } from './SummaryStrip';

export function ArchivePickers({
  analysis,
  path,
  name,
}: {
  analysis: ArchiveAnalysis;
  /** The archive file, '' for an image from the engine (no other platform to reopen). */
  path: string;
  name: string;
}): React.JSX.Element | null {
  const m = useMessages(detailMsg);
  const imageId = useStore((s) => s.selectedImageId);
  const platform = useStore((s) => s.archivePlatform);
  const selectImage = useStore((s) => s.selectImage);
  const openArchive = useStore((s) => s.openArchive);
  const platforms = path ? analysis.platforms : [];
  if (analysis.images.length < 2 && platforms.length < 2) return null;
  return (
    <div className="pickers">
      {analysis.images.length > 1 && (
        <div className="image-picker" role="radiogroup" aria-label={m.imagesIn(analysis.images.length)}>
          <span className="muted">{m.nImages(analysis.images.length)}</span>
          {analysis.images.map((img) => (
            <button
              key={img.id}
              type="button"
              role="radio"
              aria-checked={img.id === imageId}
              data-testid="image-choice"
              title={[...img.repoTags, img.id].join('\n')}
              onClick={() => selectImage(img.id)}
            >
              {imageLabel(img, m.untagged)}
              {img.repoTags.length > 1 && <span className="muted"> +{img.repoTags.length - 1}</span>}
            </button>
          ))}
        </div>
      )}
      {platforms.length > 1 && (
        <div className="image-picker" role="radiogroup" aria-label={m.platformsIn}>
          <span className="muted">{m.platforms}</span>
          {platforms.map((p) => {
            const current = platform === p || (!platform && analysis.images[0]?.platform === p);
            return (
              <button
                key={p}
                type="button"
                role="radio"
                aria-checked={current}
                onClick={() => void openArchive(path, name, p)}
              >
                {p}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
