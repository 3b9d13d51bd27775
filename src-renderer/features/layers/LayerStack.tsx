/**
 * The image as a stack, drawn bottom-up like the union mount it becomes: the host kernel's
 * bootfs under everything, then the read-only layers (rootfs), then the writable container layer
 * `docker run` adds. Each layer is a button of a listbox; arrows move the selection.
 */
import { useMemo, useRef } from 'react';
import type { ImageAnalysis } from '../../../src-shared/archive-analysis';
import { formatBytes } from '../tree/file-format';
import { changeCounts, formatCreated, layerBars, ROLE_TEXT, shortenCommand, stepLayer } from './layer-stack';
import './layers.css';

interface Props {
  image: ImageAnalysis;
  selected: number;
  onSelect: (index: number) => void;
}

export function LayerStack({ image, selected, onSelect }: Props): React.JSX.Element {
  const bars = useMemo(() => layerBars(image.layers), [image.layers]);
  const listRef = useRef<HTMLDivElement>(null);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const next = stepLayer(selected, e.key, image.layers.length);
    if (next === null) return;
    e.preventDefault();
    onSelect(next);
    listRef.current
      ?.querySelector<HTMLElement>(`[data-layer-index="${next}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <section className="layer-stack" aria-label="Layer stack">
      <div className="stack-band container-band" title="Created by docker run; never part of the image">
        container layer — read-write, added when a container runs
      </div>
      <div
        ref={listRef}
        className="stack-layers"
        role="listbox"
        tabIndex={0}
        aria-label="Layers, bottom first (arrow keys move)"
        aria-activedescendant={`layer-option-${selected}`}
        onKeyDown={onKeyDown}
      >
        {image.layers.map((l, i) => (
          <div
            key={l.index}
            id={`layer-option-${l.index}`}
            role="option"
            aria-selected={l.index === selected}
            data-testid="layer"
            data-layer-index={l.index}
            className={`stack-layer role-${l.role}${l.index === selected ? ' selected' : ''}`}
            onClick={() => onSelect(l.index)}
          >
            <div className="layer-head">
              <span className={`role-badge role-${l.role}`} title={ROLE_TEXT[l.role].help}>
                {ROLE_TEXT[l.role].label}
              </span>
              <span className="layer-index">#{l.index}</span>
              <span className="layer-command mono" title={l.command}>
                {shortenCommand(l.command, 64)}
              </span>
            </div>
            <div className="layer-bars" aria-hidden="true">
              <div className="bar bar-content" style={{ width: `${bars[i]!.contentPct}%` }} />
              <div className="bar bar-stored" style={{ width: `${bars[i]!.storedPct}%` }} />
            </div>
            <div className="layer-meta">
              <span title="Bytes of the regular files it holds">{formatBytes(l.sizeBytes)}</span>
              <span
                className="muted"
                title={`Stored as ${l.compression === 'none' ? 'a plain tar' : l.compression}`}
              >
                stored {formatBytes(l.blobBytes)}
              </span>
              <span className="changes mono" title="files added, modified, removed">
                <span className="c-added">+{l.added}</span> <span className="c-modified">~{l.modified}</span>{' '}
                <span className="c-removed">-{l.removed}</span>
              </span>
              <span className="muted">{formatCreated(l.created)}</span>
              <span className="sr-only">{changeCounts(l)}</span>
            </div>
          </div>
        ))}
      </div>
      <div className="stack-band rootfs-label">
        rootfs — {image.layers.length} read-only layers, bottom first
      </div>
      <div className="stack-band bootfs-band">bootfs — host kernel, not part of the image</div>
      <div className="stack-legend" aria-hidden="true">
        <span className="role-badge role-base">base</span>
        <span className="role-badge role-parent">parent</span>
        <span className="role-badge role-own">own</span>
        <span>
          <span className="bar-key bar-content" /> content
        </span>
        <span>
          <span className="bar-key bar-stored" /> stored (blob)
        </span>
      </div>
      <p className="learn">
        A container sees one filesystem, but it is a <strong>union mount</strong>: these read-only layers are
        stacked, each upper layer&apos;s files hiding the same paths below. Deleting a file in a later layer
        only writes a <em>whiteout</em> marker (<code>.wh.name</code>): the bytes stay in the layer below and
        still ship with the image.
      </p>
    </section>
  );
}
