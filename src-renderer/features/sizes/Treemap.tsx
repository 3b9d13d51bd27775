/**
 * Where the bytes of an image (as of a layer) are: a canvas treemap of its directories. Colours by
 * top-level directory or by change; hover shows path, size and share in a tooltip moved through
 * refs (no re-render per mouse move); click zooms into a directory, breadcrumbs zoom out.
 * Deeper levels load as the user zooms.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { CHANGE_COLOURS, colourer, drawTreemap, type TreemapColourMode } from '../../viz/treemap-draw';
import {
  breadcrumbs,
  formatBytes,
  hitTest,
  layoutTreemap,
  pathTo,
  type TreemapRect,
} from '../../viz/treemap';
import { useMessages } from '../../i18n/messages';
import { sizesMsg } from './messages';
import { useSizeTree } from './use-size-tree';
import './sizes.css';

export interface TreemapProps {
  sessionId: string;
  imageId: string;
  layer: number;
  view: 'merged' | 'layer-only';
}

const LABEL_H = 16;

export function Treemap({ sessionId, imageId, layer, view }: TreemapProps): React.JSX.Element {
  const m = useMessages(sizesMsg);
  const { tree, loading, error, ensure } = useSizeTree({ sessionId, imageId, layer, view });
  // The zoom, remembered with the source it belongs to: a new image or layer starts at the root.
  const srcKey = `${sessionId}|${imageId}|${layer}|${view}`;
  const [zoom, setZoom] = useState({ srcKey, path: '' });
  const focus = zoom.srcKey === srcKey ? zoom.path : '';
  const setFocus = (path: string): void => setZoom({ srcKey, path });
  const [mode, setMode] = useState<TreemapColourMode>(view === 'layer-only' ? 'change' : 'top-level');
  const [width, setWidth] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const outlineRef = useRef<HTMLDivElement>(null);
  const height = Math.round(Math.min(420, Math.max(220, width * 0.62)));

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e!.contentRect.width)));
    ro.observe(box);
    return () => ro.disconnect();
  }, []);

  const focusNode = pathTo(tree, focus)?.at(-1) ?? tree;
  const layout = useMemo(
    () => layoutTreemap(focusNode, { width, height, labelHeight: LABEL_H, padding: 2, maxDepth: 3 }),
    [focusNode, width, height],
  );

  useEffect(() => ensure(focus, 1), [focus, ensure]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const css = getComputedStyle(canvas);
    drawTreemap(ctx, layout, {
      width,
      height,
      mode,
      labelHeight: LABEL_H,
      frame: css.getPropertyValue('--treemap-frame').trim() || '#0c1014',
      text: css.getPropertyValue('--treemap-text').trim() || '#f4f7fa',
    });
  }, [layout, width, height, mode]);

  const pointAt = (e: React.MouseEvent<HTMLCanvasElement>): TreemapRect | null => {
    const r = e.currentTarget.getBoundingClientRect();
    return hitTest(layout, e.clientX - r.left, e.clientY - r.top);
  };

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>): void => {
    const tip = tipRef.current;
    const outline = outlineRef.current;
    const hit = pointAt(e);
    if (!tip || !outline) return;
    if (!hit || hit.depth === 0) {
      tip.hidden = true;
      outline.hidden = true;
      return;
    }
    const total = tree.size || 1;
    const v = hit.value ?? 0;
    tip.hidden = false;
    tip.querySelector('.tm-tip-path')!.textContent = `/${hit.data.path}${hit.data.dir ? '/' : ''}`;
    tip.querySelector('.tm-tip-size')!.textContent =
      `${formatBytes(v)} · ${m.ofImage(((v / total) * 100).toFixed(1))}` +
      (focus ? ` · ${m.ofFocus(((v / (layout.value || 1)) * 100).toFixed(1), focus)}` : '') +
      (hit.data.change !== 'unchanged' ? ` · ${m.change(hit.data.change)}` : '');
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const flip = x > width - 240;
    tip.style.transform = `translate(${flip ? x - 12 : x + 14}px, ${y + 14}px) translateX(${flip ? '-100%' : '0'})`;
    outline.hidden = false;
    Object.assign(outline.style, {
      left: `${hit.x0}px`,
      top: `${hit.y0}px`,
      width: `${hit.x1 - hit.x0}px`,
      height: `${hit.y1 - hit.y0}px`,
    });
  };
  const onLeave = (): void => {
    if (tipRef.current) tipRef.current.hidden = true;
    if (outlineRef.current) outlineRef.current.hidden = true;
  };
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>): void => {
    const hit = pointAt(e);
    const target = hit && (hit.data.dir ? hit : hit.parent);
    if (target && target.depth > 0) setFocus(target.data.path);
  };
  const zoomOut = (): void => setFocus(focus.includes('/') ? focus.slice(0, focus.lastIndexOf('/')) : '');
  const onKeyDown = (e: React.KeyboardEvent): void => {
    if ((e.key === 'Escape' || e.key === 'Backspace') && focus) {
      e.preventDefault();
      zoomOut();
    }
  };

  const crumbs = breadcrumbs(tree, focus);
  const largest = (layout.children ?? []).filter((n) => (n.value ?? 0) > 0).slice(0, 8);
  const legend = mode === 'change' ? (Object.keys(CHANGE_COLOURS) as (keyof typeof CHANGE_COLOURS)[]) : null;
  const fill = colourer(layout, mode);

  return (
    <div className="treemap" data-testid="treemap" data-focus={focus} data-loading={loading || undefined}>
      <div className="treemap-bar">
        <nav aria-label={m.zoom} className="treemap-crumbs">
          {crumbs.map((c, i) => (
            <span key={c.path}>
              {i > 1 && <span className="sep">/</span>}
              <button
                type="button"
                className="linkish"
                aria-current={c.path === focus ? 'location' : undefined}
                onClick={() => setFocus(c.path)}
                data-testid="treemap-crumb"
              >
                {c.name}
              </button>
            </span>
          ))}
        </nav>
        <span className="treemap-total">
          {formatBytes(layout.value ?? 0)}
          {loading ? m.loading : ''}
        </span>
        <label>
          {m.colour}{' '}
          <select
            aria-label={m.colourLabel}
            value={mode}
            onChange={(e) => setMode(e.target.value as TreemapColourMode)}
          >
            <option value="top-level">{m.byTopLevel}</option>
            <option value="change">{m.byChange}</option>
          </select>
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="treemap-box" ref={boxRef} style={{ height }}>
        <canvas
          ref={canvasRef}
          tabIndex={0}
          role="img"
          aria-label={m.canvasLabel(focus, formatBytes(layout.value))}
          onMouseMove={onMove}
          onMouseLeave={onLeave}
          onClick={onClick}
          onKeyDown={onKeyDown}
        />
        <div ref={outlineRef} className="treemap-outline" hidden />
        <div ref={tipRef} className="treemap-tip" role="tooltip" hidden>
          <div className="tm-tip-path mono" />
          <div className="tm-tip-size" />
        </div>
      </div>
      {legend && (
        <div className="treemap-legend" aria-label={m.colours}>
          {legend.map((c) => (
            <span key={c}>
              <span className="swatch" style={{ background: CHANGE_COLOURS[c] }} /> {m.change(c)}
            </span>
          ))}
        </div>
      )}
      <ul className="treemap-largest" aria-label={m.largestIn(focus)}>
        {largest.map((n) => (
          <li key={n.data.path}>
            <span className="swatch" style={{ background: fill(n) }} />
            {n.data.dir ? (
              <button type="button" className="linkish" onClick={() => setFocus(n.data.path)}>
                {n.data.name}/
              </button>
            ) : (
              <span>{n.data.name}</span>
            )}{' '}
            <span className="muted">{formatBytes(n.value ?? 0)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
