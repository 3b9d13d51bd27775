/** The file tree's controls: which files (merged / this layer), filter, "changes only", sort, row count. */
import { memo } from 'react';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { treeMsg } from './messages';
import type { TreeSort } from './tree-rows';

/** Memoized: scrolling the list re-renders the list, never the toolbar. */
export const TreeToolbar = memo(function TreeToolbar({ count }: { count: number }): React.JSX.Element {
  const m = useMessages(treeMsg);
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
      <div className="segmented" role="radiogroup" aria-label={m.whichFiles}>
        <button type="button" role="radio" aria-checked={view === 'merged'} onClick={() => setView('merged')}>
          {m.merged}
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={view === 'layer-only'}
          onClick={() => setView('layer-only')}
        >
          {m.layerOnly}
        </button>
      </div>
      <input
        type="search"
        aria-label={m.filterLabel}
        data-shortcut="filter"
        placeholder={m.filterPlaceholder}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <label>
        <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} />{' '}
        {m.changesOnly}
      </label>
      <label>
        {m.sort}{' '}
        <select aria-label={m.sortLabel} value={sort} onChange={(e) => setSort(e.target.value as TreeSort)}>
          <option value="size">{m.bySize}</option>
          <option value="name">{m.byName}</option>
        </select>
      </label>
      <span className="muted tree-count">{m.rows(count)}</span>
    </div>
  );
});
