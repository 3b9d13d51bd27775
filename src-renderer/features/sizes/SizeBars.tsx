/** Size bars: per layer content vs stored bytes, and an engine image's shared vs unique bytes. */
import type { ImageSummary } from '../../../src-shared/dto';
import type { LayerAnalysis } from '../../../src-shared/archive-analysis';
import { useMessages } from '../../i18n/messages';
import { formatBytes } from '../../viz/treemap';
import { sizesMsg } from './messages';
import './sizes.css';

const pct = (v: number, max: number): string =>
  `${max > 0 ? Math.max(0, Math.min(100, (v / max) * 100)) : 0}%`;

/**
 * One row per layer, bottom layer first: the bytes of its files (content) against the bytes it
 * takes as stored (the blob, compressed or not), on one scale so layers compare.
 */
export function LayerSizeBars({ layers }: { layers: readonly LayerAnalysis[] }): React.JSX.Element {
  const m = useMessages(sizesMsg);
  const max = Math.max(1, ...layers.map((l) => Math.max(l.sizeBytes, l.blobBytes)));
  return (
    <div className="layer-bars" role="table" aria-label={m.layerSizes} data-testid="layer-size-bars">
      <div className="layer-bars-legend" aria-hidden="true">
        <span className="swatch swatch-content" /> {m.content} <span className="swatch swatch-stored" />{' '}
        {m.stored}
      </div>
      {layers.map((l) => (
        <div key={l.index} className="layer-bar" role="row" title={l.command || l.diffId}>
          <span className="layer-bar-index" role="rowheader">
            #{l.index}
          </span>
          <span className="layer-bar-cmd" role="cell">
            {l.command || m.noCommand}
          </span>
          <span
            className="layer-bar-tracks"
            role="cell"
            aria-label={m.layerBar(formatBytes(l.sizeBytes), formatBytes(l.blobBytes))}
          >
            <span className="track track-content" style={{ width: pct(l.sizeBytes, max) }} />
            <span className="track track-stored" style={{ width: pct(l.blobBytes, max) }} />
          </span>
          <span className="layer-bar-num" role="cell">
            {formatBytes(l.sizeBytes)} / {formatBytes(l.blobBytes)}
            {l.compression !== 'none' ? ` ${l.compression}` : ''}
          </span>
        </div>
      ))}
    </div>
  );
}

/** How much of an engine image other images share (its layers are on disk once) and how much is its own. */
export function SharedUniqueBar({ image }: { image: ImageSummary }): React.JSX.Element | null {
  const m = useMessages(sizesMsg);
  if (image.sharedSize === null && image.uniqueSize === null) return null;
  const unique = image.uniqueSize ?? Math.max(0, image.size - (image.sharedSize ?? 0));
  const shared = image.sharedSize ?? Math.max(0, image.size - unique);
  const total = Math.max(1, shared + unique);
  return (
    <div className="shared-bar" data-testid="shared-unique-bar">
      <div
        className="shared-bar-track"
        role="img"
        aria-label={m.sharedBar(formatBytes(shared), formatBytes(unique))}
      >
        <span className="track-shared" style={{ width: pct(shared, total) }} />
        <span className="track-unique" style={{ width: pct(unique, total) }} />
      </div>
      <div className="shared-bar-text">
        <span>
          <span className="swatch swatch-shared" /> {m.shared} {formatBytes(shared)}
        </span>
        <span>
          <span className="swatch swatch-unique" /> {m.unique} {formatBytes(unique)}
        </span>
      </div>
    </div>
  );
}
