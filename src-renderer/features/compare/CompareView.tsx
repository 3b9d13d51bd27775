/**
 * Compare two images: pick A and B among the opened archive's images and the local engine's
 * images; see the layers they share (same diffID), their sizes, and the files B adds, removes or
 * changes relative to A.
 */
import { useMemo, useState } from 'react';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { compareLayers } from '../../viz/compare';
import { displayName } from '../images/visible-images';
import { FileDiff } from './FileDiff';
import { LayerCompare, SizeCompare } from './LayerCompare';
import { compareMsg } from './messages';
import { imageLabel, useCompareSource, type ResolvedSource, type SourceId } from './use-compare-source';
import './compare.css';

function SourcePicker({
  side,
  value,
  onChange,
}: {
  side: 'A' | 'B';
  value: SourceId;
  onChange: (v: SourceId) => void;
}): React.JSX.Element {
  const m = useMessages(compareMsg);
  const archive = useStore((s) => s.archive);
  const images = useStore((s) => s.images);
  const tagged = images.flatMap((img) =>
    img.repoTags.length
      ? img.repoTags.map((t) => ({ value: `engine:${t}`, label: t }))
      : [{ value: `engine:${img.id}`, label: displayName(img) }],
  );
  return (
    <label className="cmp-pick">
      <span className={`cmp-side side-${side.toLowerCase()}`}>{side}</span>
      <select
        aria-label={m.image(side)}
        data-testid={`compare-pick-${side.toLowerCase()}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{m.pick}</option>
        {archive.status === 'ready' && (
          <optgroup label={m.openedArchive(archive.name)}>
            {archive.analysis.images.map((img) => (
              <option key={img.id} value={`archive:${img.id}`}>
                {imageLabel(img)}
                {m.archiveSuffix}
              </option>
            ))}
          </optgroup>
        )}
        {tagged.length > 0 && (
          <optgroup label={m.localImages}>
            {tagged.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}

function SourceStatus({ src }: { src: ResolvedSource }): React.JSX.Element | null {
  const m = useMessages(compareMsg);
  if (src.status === 'loading')
    return (
      <span className="muted" role="status">
        {m.analyzing(src.label)}{' '}
        <button type="button" onClick={src.cancel}>
          {m.cancel}
        </button>
      </span>
    );
  if (src.status === 'error')
    return (
      <span className="error" role="alert">
        {src.label}: {src.message}
      </span>
    );
  if (src.status === 'ready')
    return (
      <span className="muted mono" title={src.image.id}>
        {src.image.id.replace(/^sha256:/, '').slice(0, 12)} · {m.nLayers(src.image.layers.length)}
      </span>
    );
  return null;
}

export function CompareView(): React.JSX.Element {
  const m = useMessages(compareMsg);
  const [pickA, setPickA] = useState<SourceId>('');
  const [pickB, setPickB] = useState<SourceId>('');
  const a = useCompareSource(pickA);
  const b = useCompareSource(pickB);
  const ready = a.status === 'ready' && b.status === 'ready' ? { a, b } : null;
  const layers = useMemo(
    () => (ready ? compareLayers(ready.a.image.layers, ready.b.image.layers) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready?.a.image, ready?.b.image],
  );
  const top = (img: { layers: unknown[] }): number => Math.max(0, img.layers.length - 1);
  const sideA = useMemo(
    () =>
      ready ? { sessionId: ready.a.sessionId, imageId: ready.a.image.id, layer: top(ready.a.image) } : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready?.a.sessionId, ready?.a.image],
  );
  const sideB = useMemo(
    () =>
      ready ? { sessionId: ready.b.sessionId, imageId: ready.b.image.id, layer: top(ready.b.image) } : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready?.b.sessionId, ready?.b.image],
  );

  return (
    <section className="compare-view" aria-label={m.compareImages}>
      <div className="toolbar">
        <h2>{m.compare}</h2>
        <span className="muted">{m.subtitle}</span>
      </div>
      <div className="cmp-pickers">
        <div>
          <SourcePicker side="A" value={pickA} onChange={setPickA} />
          <SourceStatus src={a} />
        </div>
        <button
          type="button"
          className="cmp-swap"
          aria-label={m.swap}
          title={m.swap}
          onClick={() => {
            setPickA(pickB);
            setPickB(pickA);
          }}
        >
          ⇄
        </button>
        <div>
          <SourcePicker side="B" value={pickB} onChange={setPickB} />
          <SourceStatus src={b} />
        </div>
      </div>
      {!ready && <p className="placeholder">{m.placeholder}</p>}
      {ready && layers && sideA && sideB && (
        <div className="cmp-body" data-testid="compare-result">
          <div className="cmp-top">
            <LayerCompare a={ready.a.image} b={ready.b.image} cmp={layers} />
            <div>
              <h3>{m.sizes}</h3>
              <SizeCompare a={ready.a.image} b={ready.b.image} />
            </div>
          </div>
          <FileDiff a={sideA} b={sideB} sharedPrefix={layers.sharedPrefix} />
        </div>
      )}
    </section>
  );
}

export default CompareView;
