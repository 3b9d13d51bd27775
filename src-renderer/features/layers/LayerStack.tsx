/**
 * The image as a stack, drawn bottom-up like the union mount it becomes: the host kernel's
 * bootfs under everything, then the read-only layers (rootfs), then the writable container layer
 * `docker run` adds. Each layer is a button of a listbox; arrows move the selection.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import type { ImageAnalysis } from '../../../src-shared/archive-analysis';
import { formatBytes } from '../tree/file-format';
import { useMessages } from '../../i18n/messages';
import {
  changeCounts,
  formatCreated,
  layerBars,
  revealDelta,
  shortenCommand,
  stepLayer,
} from './layer-stack';
import { layersMsg, useRoleText } from './messages';
import './layers.css';

interface Props {
  image: ImageAnalysis;
  selected: number;
  onSelect: (index: number) => void;
}

export function LayerStack({ image, selected, onSelect }: Props): React.JSX.Element {
  const m = useMessages(layersMsg);
  const roles = useRoleText();
  const bars = useMemo(() => layerBars(image.layers), [image.layers]);
  const listRef = useRef<HTMLDivElement>(null);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const next = stepLayer(selected, e.key, image.layers.length);
    if (next === null) return;
    e.preventDefault();
    onSelect(next);
  };

  // The selected layer in sight: on open (the top layer, which the bottom-up list starts scrolled
  // away from), after an arrow key, and when another image is shown. Only the list scrolls.
  useLayoutEffect(() => {
    const list = listRef.current;
    const item = list?.querySelector<HTMLElement>(`[data-layer-index="${selected}"]`);
    if (!list || !item) return;
    list.scrollTop += revealDelta(list.getBoundingClientRect(), item.getBoundingClientRect());
  }, [selected, image.id]);

  return (
    <section className="layer-stack" aria-label={m.stack}>
      <div className="stack-band container-band" title={m.containerBandHelp}>
        {m.containerBand}
      </div>
      <div
        ref={listRef}
        className="stack-layers"
        role="listbox"
        tabIndex={0}
        aria-label={m.listLabel}
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
              <span className={`role-badge role-${l.role}`} title={roles[l.role].help}>
                {roles[l.role].label}
              </span>
              <span className="layer-index">#{l.index}</span>
              <span className="layer-command mono" title={l.command}>
                {shortenCommand(l.command, 64, m.noCommand)}
              </span>
            </div>
            <div className="layer-bars" aria-hidden="true">
              <div className="bar bar-content" style={{ width: `${bars[i]!.contentPct}%` }} />
              <div className="bar bar-stored" style={{ width: `${bars[i]!.storedPct}%` }} />
            </div>
            <div className="layer-meta">
              <span title={m.contentHelp}>{formatBytes(l.sizeBytes)}</span>
              <span
                className="muted"
                title={m.storedAs(l.compression === 'none' ? m.plainTar : l.compression)}
              >
                {m.stored(formatBytes(l.blobBytes))}
              </span>
              <span className="changes mono" title={m.changesHelp}>
                <span className="c-added">+{l.added}</span> <span className="c-modified">~{l.modified}</span>{' '}
                <span className="c-removed">-{l.removed}</span>
              </span>
              <span className="muted">{formatCreated(l.created)}</span>
              <span className="sr-only">{changeCounts(l)}</span>
            </div>
          </div>
        ))}
      </div>
      <div className="stack-band rootfs-label">{m.rootfs(image.layers.length)}</div>
      <div className="stack-band bootfs-band">{m.bootfs}</div>
      <div className="stack-legend" aria-hidden="true">
        <span className="role-badge role-base">{roles.base.label}</span>
        <span className="role-badge role-parent">{roles.parent.label}</span>
        <span className="role-badge role-own">{roles.own.label}</span>
        <span>
          <span className="bar-key bar-content" /> {m.content}
        </span>
        <span>
          <span className="bar-key bar-stored" /> {m.storedBlob}
        </span>
      </div>
      <p className="learn">
        {m.learnA}
        <strong>{m.unionMount}</strong>
        {m.learnB}
        <em>{m.whiteout}</em>
        {m.learnC}
      </p>
    </section>
  );
}
