/**
 * The size breakdown of the image shown: bars per layer (content vs stored), the treemap of the
 * selected layer (merged up to it, or that layer only, following the file tree's switch) and,
 * for a local image, the bytes it shares with other images.
 */
import type { ImageAnalysis } from '../../../src-shared/archive-analysis';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { LayerSizeBars, SharedUniqueBar } from '../sizes/SizeBars';
import { Treemap } from '../sizes/Treemap';
import { detailMsg } from './messages';

export function SizesPanel({
  sessionId,
  image,
}: {
  sessionId: string;
  image: ImageAnalysis;
}): React.JSX.Element {
  const m = useMessages(detailMsg);
  const layer = useStore((s) => s.selectedLayer);
  const view = useStore((s) => s.treeView);
  const local = useStore((s) => s.images.find((i) => i.id === image.id));
  return (
    <div className="sizes-panel" data-testid="sizes-panel">
      <div>
        <h4>{m.sizeBarsTitle}</h4>
        <LayerSizeBars layers={image.layers} />
        {local && (
          <>
            <h4>{m.sharedTitle}</h4>
            <SharedUniqueBar image={local} />
          </>
        )}
      </div>
      <div>
        <h4>{view === 'merged' ? m.treemapMerged(layer) : m.treemapLayer(layer)}</h4>
        <Treemap sessionId={sessionId} imageId={image.id} layer={layer} view={view} />
      </div>
    </div>
  );
}
