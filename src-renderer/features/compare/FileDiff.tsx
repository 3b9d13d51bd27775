/** Files added, removed and changed from A's final filesystem to B's, as a lazily walked tree. */
import { useState } from 'react';
import { formatBytes } from '../../viz/treemap';
import { signed, type DiffRow, type DiffStatus } from '../../viz/compare';
import { useTreeDiff, type TreeSide } from './use-tree-diff';

const ICON: Record<DiffStatus, string> = { added: '+', removed: '−', changed: '~', same: ' ' };
const REASON: Record<string, string> = {
  size: 'size',
  contents: 'contents differ',
  type: 'type',
  mode: 'permissions',
  owner: 'owner',
  link: 'link target',
  rewritten: 'rewritten by a layer above the shared ones (same size)',
};
const entries = (n: number): string => `${n} ${n === 1 ? 'entry' : 'entries'}`;
/** Rows drawn at most (a comparison of unrelated images can differ everywhere). */
const MAX_ROWS = 2000;

interface FlatRow {
  row: DiffRow;
  depth: number;
}

function flatten(
  dirs: ReturnType<typeof useTreeDiff>['dirs'],
  expanded: ReadonlySet<string>,
  showSame: boolean,
): { rows: FlatRow[]; hidden: number } {
  const rows: FlatRow[] = [];
  let hidden = 0;
  const walk = (key: string, depth: number): void => {
    const d = dirs.get(key);
    if (d?.status !== 'ready') return;
    for (const row of d.rows) {
      if (row.status === 'same' && !showSame) {
        hidden++;
        continue;
      }
      if (rows.length >= MAX_ROWS) return;
      rows.push({ row, depth });
      if (row.expandable && expanded.has(row.key)) walk(row.key, depth + 1);
    }
  };
  walk('', 0);
  return { rows, hidden };
}

export function FileDiff({
  a,
  b,
  sharedPrefix,
}: {
  a: TreeSide;
  b: TreeSide;
  sharedPrefix: number;
}): React.JSX.Element {
  const { dirs, expanded, toggle, totals, pending } = useTreeDiff(a, b, sharedPrefix);
  const [showSame, setShowSame] = useState(false);
  const { rows, hidden } = flatten(dirs, expanded, showSame);
  const root = dirs.get('');
  const loading = [...dirs.values()].some((d) => d.status === 'loading');
  return (
    <section className="cmp-files" aria-label="File differences" data-testid="file-diff">
      <header className="cmp-files-head">
        <h3>Files from A to B</h3>
        <span className="cmp-count added" data-testid="files-added">
          + {totals.added} added ({formatBytes(totals.addedBytes)})
        </span>
        <span className="cmp-count removed" data-testid="files-removed">
          − {totals.removed} removed ({formatBytes(totals.removedBytes)})
        </span>
        <span className="cmp-count modified" data-testid="files-changed">
          ~ {totals.changed} changed
        </span>
        {loading && <span className="muted">walking…</span>}
        <label className="muted cmp-same">
          <input type="checkbox" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} /> show
          identical entries
        </label>
      </header>
      <p className="muted cmp-help">
        Only directories whose total size or number of entries differ are opened (an added or removed
        directory counts once, with all its bytes).
        {pending > 0 && ` ${pending} differing directories are not listed yet: open them with ▸.`}
      </p>
      {root?.status === 'error' && (
        <p className="error" role="alert">
          {root.message}
        </p>
      )}
      {root?.status === 'ready' && rows.length === 0 && (
        <p className="notice" data-testid="no-file-diff">
          The two final filesystems hold the same entries.
        </p>
      )}
      <div role="tree" aria-label="Differences" className="cmp-tree">
        {rows.map(({ row, depth }) => (
          <DiffLine
            key={row.key}
            row={row}
            depth={depth}
            open={expanded.has(row.key)}
            state={dirs.get(row.key)?.status}
            onToggle={toggle}
          />
        ))}
      </div>
      {hidden > 0 && !showSame && <p className="muted">{hidden} identical entries hidden.</p>}
      {rows.length >= MAX_ROWS && <p className="muted">Only the first {MAX_ROWS} rows are shown.</p>}
    </section>
  );
}

function DiffLine({
  row,
  depth,
  open,
  state,
  onToggle,
}: {
  row: DiffRow;
  depth: number;
  open: boolean;
  state: string | undefined;
  onToggle: (key: string) => void;
}): React.JSX.Element {
  const sizeA = row.a?.size ?? 0;
  const sizeB = row.b?.size ?? 0;
  const why = row.reasons.map((r) => REASON[r] ?? r).join(', ');
  return (
    <div
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={row.expandable ? open : undefined}
      tabIndex={row.expandable ? 0 : -1}
      className={`cmp-row ${row.status}`}
      data-testid="diff-row"
      data-path={`/${row.path}`}
      data-status={row.status}
      style={{ paddingLeft: 8 + depth * 16 }}
      onClick={() => row.expandable && onToggle(row.key)}
      onKeyDown={(e) => {
        if (row.expandable && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          onToggle(row.key);
        }
      }}
    >
      <span className="cmp-toggle" aria-hidden="true">
        {row.expandable ? (open ? (state === 'loading' ? '…' : '▾') : '▸') : ''}
      </span>
      <span className="cmp-icon" aria-label={row.status}>
        {ICON[row.status]}
      </span>
      <span className="cmp-name mono" title={`/${row.path}`}>
        {row.name}
        {row.dir ? '/' : ''}
      </span>
      <span className="cmp-why muted">
        {row.status === 'changed' ? why : row.status === 'same' ? 'identical' : row.status}
        {row.dir && row.status !== 'same' && ` · ${entries((row.b ?? row.a)?.childCount ?? 0)}`}
      </span>
      <span className="cmp-size mono num">
        {row.a ? formatBytes(sizeA) : '—'} → {row.b ? formatBytes(sizeB) : '—'}
      </span>
      <span className={`cmp-delta mono num ${sizeB > sizeA ? 'grew' : sizeB < sizeA ? 'shrank' : ''}`}>
        {signed(sizeB - sizeA, formatBytes)}
      </span>
    </div>
  );
}
