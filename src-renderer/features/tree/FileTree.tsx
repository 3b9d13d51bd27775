/**
 * The selected layer's files: "this layer only" (what the layer's tar holds, whiteouts shown as
 * removals) or "merged up to here" (the filesystem a container would see if this were the top
 * layer). Directory listings load lazily; rows are virtualized (fixed height, only the rows on
 * screen are in the DOM) so hundreds of thousands of rows scroll smoothly.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TreeEntryDto } from '../../../src-shared/archive-analysis';
import { useStore } from '../../store';
import { formatBytes, modeString } from './file-format';
import { childrenKey, flattenTree, isDir, visibleRange, type TreeRow, type TreeSort } from './tree-rows';
import './tree.css';

export const ROW_HEIGHT = 24;

const CHANGE_ICON: Record<TreeEntryDto['change'], string> = {
  added: '+',
  modified: '~',
  removed: '−',
  unchanged: ' ',
};

export function FileTree(): React.JSX.Element {
  const s = useStore(
    useShallow((st) => ({
      children: st.treeChildren,
      expanded: st.treeExpanded,
      layer: st.selectedLayer,
      view: st.treeView,
      sort: st.treeSort,
      filter: st.treeFilter,
      changesOnly: st.treeChangesOnly,
      imageId: st.selectedImageId,
    })),
  );
  const selectedFile = useStore((st) => (st.fileView.status === 'none' ? null : st.fileView.entry.key));
  const loadChildren = useStore((st) => st.loadChildren);
  const toggleDir = useStore((st) => st.toggleDir);
  const openFile = useStore((st) => st.openFile);

  const { rows, missing } = useMemo(
    () =>
      flattenTree({
        children: s.children,
        expanded: s.expanded,
        layer: s.layer,
        view: s.view,
        sort: s.sort,
        filter: s.filter,
        changesOnly: s.changesOnly,
      }),
    [s.children, s.expanded, s.layer, s.view, s.sort, s.filter, s.changesOnly],
  );
  useEffect(() => {
    for (const key of missing) void loadChildren(key);
  }, [missing, loadChildren, s.imageId]);

  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [active, setActive] = useState(0);
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  const { start, end } = visibleRange(scrollTop, height, ROW_HEIGHT, rows.length);
  const root = s.children.get(childrenKey(s.layer, s.view, ''));
  const rootError = root?.status === 'error' ? root.message : null;
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  const activate = (row: TreeRow): void => {
    if (isDir(row.entry)) toggleDir(row.entry.key);
    else void openFile(row.entry);
  };
  const moveTo = (i: number): void => {
    const el = viewport.current;
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setActive(next);
    if (!el) return;
    const top = next * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const row = rows[activeIndex];
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const handled: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      PageDown: () => moveTo(activeIndex + page),
      PageUp: () => moveTo(activeIndex - page),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => row && activate(row),
      ArrowRight: () => row && isDir(row.entry) && !row.expanded && toggleDir(row.entry.key),
      ArrowLeft: () => {
        if (!row) return;
        if (row.expanded) toggleDir(row.entry.key);
        else for (let i = activeIndex - 1; i >= 0; i--) if (rows[i]!.depth < row.depth) return moveTo(i);
      },
    };
    const fn = handled[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  };

  return (
    <section className="file-tree" aria-label="Files">
      <TreeToolbar count={rows.length} />
      <div className="tree-header" aria-hidden="true">
        <span>Name</span>
        <span>Mode</span>
        <span>Owner</span>
        <span className="num">Size</span>
      </div>
      <div
        ref={viewport}
        className="tree-viewport"
        role="tree"
        tabIndex={0}
        aria-label="File tree (arrows move, Enter opens, Right/Left expand/collapse)"
        aria-activedescendant={rows[activeIndex] ? `tree-row-${activeIndex}` : undefined}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        data-testid="tree-viewport"
        data-row-count={rows.length}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(start, end).map((row, j) => {
            const i = start + j;
            const e = row.entry;
            return (
              <div
                key={`${e.key}|${i}`}
                id={`tree-row-${i}`}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-expanded={isDir(e) ? row.expanded : undefined}
                aria-selected={selectedFile === e.key}
                data-testid="tree-row"
                data-path={`/${e.path}`}
                data-change={e.change}
                className={`tree-row change-${e.change}${i === activeIndex ? ' active' : ''}${selectedFile === e.key ? ' selected' : ''}`}
                style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(i);
                  activate(row);
                }}
              >
                <span className="tree-name" style={{ paddingLeft: row.depth * 16 }}>
                  <span className="twisty" aria-hidden="true">
                    {isDir(e) ? (row.expanded ? '▾' : '▸') : ''}
                  </span>
                  <span
                    className="change-icon"
                    aria-label={e.change === 'unchanged' ? undefined : e.change}
                    title={e.change}
                  >
                    {CHANGE_ICON[e.change]}
                  </span>
                  <span className={`name type-${e.type}`}>{e.name}</span>
                  {e.linkname && (
                    <span className="link-target" data-testid="link-target">
                      {e.type === 'hardlink' ? ' ⇒ /' : ' → '}
                      {e.linkname}
                    </span>
                  )}
                  {row.pending === 'loading' && <span className="muted"> loading…</span>}
                  {row.pending === 'error' && <span className="error"> could not list</span>}
                </span>
                <span className="mono muted">{modeString(e.mode, e.type)}</span>
                <span className="mono muted">
                  {e.uid}:{e.gid}
                </span>
                <span className="num">
                  {isDir(e) || e.type === 'file' || e.type === 'hardlink' ? formatBytes(e.size) : ''}
                </span>
              </div>
            );
          })}
        </div>
        {rootError && <p className="tree-empty error">Could not list the files: {rootError}</p>}
        {rows.length === 0 && missing.length === 0 && !rootError && (
          <p className="tree-empty muted">No files match.</p>
        )}
      </div>
    </section>
  );
}

function TreeToolbar({ count }: { count: number }): React.JSX.Element {
  const view = useStore((s) => s.treeView);
  const filter = useStore((s) => s.treeFilter);
  const changesOnly = useStore((s) => s.treeChangesOnly);
  const sort = useStore((s) => s.treeSort);
  const setView = useStore((s) => s.setTreeView);
  const setFilter = useStore((s) => s.setTreeFilter);
  const setChangesOnly = useStore((s) => s.setTreeChangesOnly);
  const setSort = useStore((s) => s.setTreeSort);
  return (
    <div className="tree-toolbar">
      <div className="segmented" role="radiogroup" aria-label="Which files">
        <button type="button" role="radio" aria-checked={view === 'merged'} onClick={() => setView('merged')}>
          Merged up to here
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={view === 'layer-only'}
          onClick={() => setView('layer-only')}
        >
          This layer only
        </button>
      </div>
      <input
        type="search"
        aria-label="Filter files by name or glob"
        data-shortcut="filter"
        placeholder="Filter: name or *.glob"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <label>
        <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} />{' '}
        Changes only
      </label>
      <label>
        Sort{' '}
        <select aria-label="Sort files" value={sort} onChange={(e) => setSort(e.target.value as TreeSort)}>
          <option value="size">size</option>
          <option value="name">name</option>
        </select>
      </label>
      <span className="muted tree-count">{count.toLocaleString()} rows</span>
    </div>
  );
}
