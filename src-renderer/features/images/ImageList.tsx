import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImageSummary } from '../../../src-shared/dto';
import { useMessages } from '../../i18n/messages';
import { call, errorMessage, subscribe } from '../../ipc/client';
import { showView } from '../../navigation';
import { onDeleteSelection, pickArchive } from '../../shortcuts';
import { useNow } from '../../components/use-now';
import { useStore } from '../../store';
import type { ImageSort } from '../../store/images-slice';
import { archiveFilters } from '../transfer/LoadDialog';
import { dialogImageIds, ImageDialogs, type ImageDialog } from './ImageDialogs';
import { ImageRow, type RowAction } from './ImageRow';
import { imagesMsg } from './messages';
import { useFocusAfterChange } from './use-focus-after-change';
import { formatBytes, visibleImages } from './visible-images';
import './images.css';

/** Local images, one row per image ID with all its tags, and what can be done with them. */
export function ImageList(): React.JSX.Element {
  const m = useMessages(imagesMsg);
  const images = useStore((s) => s.images);
  const filter = useStore((s) => s.imageFilter);
  const sort = useStore((s) => s.imageSort);
  const error = useStore((s) => s.imagesError);
  const noEngine = useStore((s) => s.engine.status === 'unavailable');
  const selection = useStore((s) => s.imageSelection);
  const highlighted = useStore((s) => s.highlightedRefs);
  const { setFilter, setSort, refreshImages, clickCheckbox, setSelection, highlightRefs } = useStore(
    useShallow((s) => ({
      setFilter: s.setImageFilter,
      setSort: s.setImageSort,
      refreshImages: s.refreshImages,
      clickCheckbox: s.clickImageCheckbox,
      setSelection: s.setImageSelection,
      highlightRefs: s.highlightRefs,
    })),
  );
  const rows = useMemo(() => visibleImages(images, filter, sort), [images, filter, sort]);
  const ordered = useMemo(() => rows.map((r) => r.id), [rows]);
  const [dialog, setDialog] = useState<ImageDialog | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const now = useNow(30_000);

  // `docker` commands run elsewhere change the list: the engine's events say when.
  useEffect(
    () =>
      subscribe('engineEvent', (batch) => {
        if (batch.events.some((e) => e.type === 'image' || e.type === 'container')) void refreshImages();
      }),
    [refreshImages],
  );

  const selected = useMemo(() => rows.filter((r) => selection.ids.has(r.id)), [rows, selection]);
  const dangling = useMemo(() => images.filter((i) => i.dangling), [images]);
  const onCheck = useCallback(
    (id: string, shift: boolean) => clickCheckbox(id, shift, ordered),
    [clickCheckbox, ordered],
  );
  const onAction = useCallback((action: RowAction, image: ImageSummary) => {
    if (action === 'save' || action === 'remove') setDialog({ kind: action, images: [image] });
    else setDialog({ kind: action, image });
  }, []);
  const onUntag = useCallback(
    (image: ImageSummary, ref: string) => setDialog({ kind: 'untag', image, ref }),
    [],
  );
  const keepFocus = useFocusAfterChange(body, images, ordered, dialog !== null);
  const onChanged = useCallback(
    (highlight?: readonly string[]) => {
      if (highlight && highlight.length > 0) highlightRefs(highlight);
      keepFocus(dialog ? dialogImageIds(dialog) : []);
      void refreshImages();
    },
    [highlightRefs, refreshImages, keepFocus, dialog],
  );

  // Delete (Backspace on macOS): confirm removing the checked images, else the focused row's.
  useEffect(
    () =>
      onDeleteSelection(() => {
        const focused = document.activeElement?.closest<HTMLElement>('tr[data-testid="image-row"]');
        const target =
          selected.length > 0 ? selected : rows.filter((r) => r.id === focused?.dataset['imageId']);
        if (target.length === 0) return false;
        setDialog({ kind: 'remove', images: target });
        return true;
      }),
    [selected, rows],
  );

  const load = async (): Promise<void> => {
    try {
      const { paths } = await call('chooseOpenPaths', {
        title: m.loadTitle,
        filters: archiveFilters(),
      });
      const path = paths[0];
      if (path) setDialog({ kind: 'load', path });
    } catch (err) {
      setDialog({ kind: 'load', path: null, chooserError: errorMessage(err) });
    }
  };

  /** Arrows move between rows, Enter analyzes the focused one, Space checks it. */
  const onKeyDown = (e: React.KeyboardEvent<HTMLTableSectionElement>): void => {
    const row = (e.target as HTMLElement).closest('tr');
    if (!row || !body.current) return;
    const all = [...body.current.querySelectorAll<HTMLTableRowElement>('tr[data-testid="image-row"]')];
    const i = all.indexOf(row);
    const move = (to: number): void => {
      e.preventDefault();
      all[Math.max(0, Math.min(all.length - 1, to))]?.focus();
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(all.length - 1);
    else if (e.target === row && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      const img = rows[i];
      if (!img) return;
      if (e.key === 'Enter') setDialog({ kind: 'analyze', image: img });
      else onCheck(img.id, e.shiftKey);
    }
  };

  const allChecked = rows.length > 0 && selected.length === rows.length;
  return (
    <section className="images" aria-label={m.images}>
      <div className="toolbar">
        <h2>{m.images}</h2>
        <input
          type="search"
          placeholder={m.filterPlaceholder}
          aria-label={m.filterLabel}
          data-shortcut="filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label>
          {m.sort}{' '}
          <select
            aria-label={m.sortLabel}
            value={sort}
            onChange={(e) => setSort(e.target.value as ImageSort)}
          >
            <option value="name">{m.sortName}</option>
            <option value="size">{m.sortSize}</option>
            <option value="created">{m.sortCreated}</option>
          </select>
        </label>
        <span className="count">{m.count(rows.length, images.length)}</span>
        <button
          type="button"
          onClick={() => setDialog({ kind: 'pull' })}
          disabled={noEngine}
          title={noEngine ? m.needsEngine : undefined}
          data-testid="pull-open"
        >
          {m.pull}
        </button>
        <button
          type="button"
          onClick={() => void load()}
          disabled={noEngine}
          title={noEngine ? m.needsEngine : undefined}
          data-testid="load-open"
        >
          {m.load}
        </button>
        <button
          type="button"
          onClick={() => setDialog({ kind: 'prune' })}
          disabled={dangling.length === 0}
          title={dangling.length === 0 ? m.noDangling : m.pruneHint(dangling.length)}
          data-testid="prune-open"
        >
          {m.prune(dangling.length)}
        </button>
      </div>
      {selected.length > 0 && (
        <div
          className="selection-bar"
          role="region"
          aria-label={m.selectedImages}
          data-testid="selection-bar"
        >
          <span>{m.selected(selected.length, formatBytes(selected.reduce((n, i) => n + i.size, 0)))}</span>
          <button
            type="button"
            onClick={() => setDialog({ kind: 'save', images: selected })}
            data-testid="save-selected"
          >
            {m.save}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setDialog({ kind: 'remove', images: selected })}
            data-testid="remove-selected"
          >
            {m.remove}
          </button>
          <button type="button" onClick={() => setSelection([])}>
            {m.clear}
          </button>
          <span className="muted">{m.shiftHint}</span>
        </div>
      )}
      {noEngine ? (
        <p className="notice" role="status" data-testid="images-no-engine">
          {m.noEngine} {m.noEngineArchive}{' '}
          <button
            type="button"
            onClick={() => {
              showView('archive');
              pickArchive();
            }}
          >
            {m.openArchive}
          </button>
        </p>
      ) : (
        error && (
          <p className="error" role="alert">
            {error}
          </p>
        )
      )}
      <div className="table-scroll">
        <table className="image-table">
          <thead>
            <tr>
              <th className="check-cell">
                <input
                  type="checkbox"
                  aria-label={m.selectAll}
                  checked={allChecked}
                  onChange={() => setSelection(allChecked ? [] : ordered)}
                />
              </th>
              <th>{m.colTags}</th>
              <th>{m.colId}</th>
              <th>{m.colCreated}</th>
              <th className="num">{m.colSize}</th>
              <th className="num" title={m.colSharedHelp}>
                {m.colShared}
              </th>
              <th className="num" title={m.colUniqueHelp}>
                {m.colUnique}
              </th>
              <th>{m.colContainers}</th>
              <th>
                <span className="sr-only">{m.colActions}</span>
              </th>
            </tr>
          </thead>
          <tbody ref={body} onKeyDown={onKeyDown}>
            {rows.map((img, i) => (
              <ImageRow
                key={img.id}
                focusable={i === 0}
                now={now}
                img={img}
                checked={selection.ids.has(img.id)}
                highlighted={highlighted}
                canRun
                onCheck={onCheck}
                onAction={onAction}
                onUntag={onUntag}
              />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && !error && <p className="placeholder">{filter ? m.noMatch : m.empty}</p>}
      {dialog && (
        <ImageDialogs dialog={dialog} images={images} onClose={() => setDialog(null)} onChanged={onChanged} />
      )}
    </section>
  );
}
