/**
 * One row of the virtualized file tree. Memoized on its props: a row keeps its index (and so its
 * `top`) while the list scrolls, so a scroll step mounts only the rows coming into view and
 * re-renders none of the others.
 */
import { memo } from 'react';
import type { TreeEntryDto } from '../../../src-shared/archive-analysis';
import { formatBytes, modeString } from './file-format';
import type { treeMsg } from './messages';
import { isDir, type TreeRow } from './tree-rows';

export const ROW_HEIGHT = 24;

const CHANGE_ICON: Record<TreeEntryDto['change'], string> = {
  added: '+',
  modified: '~',
  removed: '−',
  unchanged: ' ',
};

export interface TreeRowProps {
  row: TreeRow;
  index: number;
  active: boolean;
  selected: boolean;
  /** Stable across renders (the list passes one function for every row). */
  onActivate: (row: TreeRow, index: number) => void;
  /** The tree's catalog, from the list: rows mounted while scrolling do not each subscribe to the language. */
  m: (typeof treeMsg)['en'];
}

const showsSize = (e: TreeEntryDto): boolean => isDir(e) || e.type === 'file' || e.type === 'hardlink';

export const TreeRowView = memo(function TreeRowView({
  row,
  index,
  active,
  selected,
  onActivate,
  m,
}: TreeRowProps): React.JSX.Element {
  const e = row.entry;
  const dir = isDir(e);
  const changeName = m.change(e.change);
  return (
    <div
      id={`tree-row-${index}`}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={dir ? row.expanded : undefined}
      aria-selected={selected}
      data-testid="tree-row"
      data-path={`/${e.path}`}
      data-change={e.change}
      className={`tree-row change-${e.change}${active ? ' active' : ''}${selected ? ' selected' : ''}`}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      onClick={() => onActivate(row, index)}
    >
      <span className="tree-name" style={{ paddingLeft: row.depth * 16 }}>
        <span className="twisty" aria-hidden="true">
          {dir ? (row.expanded ? '▾' : '▸') : ''}
        </span>
        <span
          className="change-icon"
          aria-label={e.change === 'unchanged' ? undefined : changeName}
          title={changeName}
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
        {row.pending === 'loading' && <span className="muted">{m.loading}</span>}
        {row.pending === 'error' && <span className="error">{m.couldNotList}</span>}
      </span>
      <span className="mono muted">{modeString(e.mode, e.type)}</span>
      <span className="mono muted">
        {e.uid}:{e.gid}
      </span>
      <span className="num">{showsSize(e) ? formatBytes(e.size) : ''}</span>
    </div>
  );
});
