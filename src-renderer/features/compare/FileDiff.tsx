/** Files added, removed and changed from A's final filesystem to B's, as a lazily walked tree. */
import { useState } from 'react';
import { useMessages } from '../../i18n/messages';
import { formatBytes } from '../../viz/treemap';
import { signed, type DiffRow, type DiffStatus } from '../../viz/compare';
import { compareMsg } from './messages';
import { useTreeDiff, type TreeSide } from './use-tree-diff';

const ICON: Record<DiffStatus, string> = { added: '+', removed: '−', changed: '~', same: ' ' };
type M = typeof compareMsg.en;
/** Why two entries differ, worded by the catalog. */
const reasonText = (m: M, r: string): string =>
  (
    ({
      size: m.rSize,
      contents: m.rContents,
      type: m.rType,
      mode: m.rMode,
      owner: m.rOwner,
      link: m.rLink,
      rewritten: m.rRewritten,
    }) as Record<string, string>
  )[r] ?? r;
const statusText = (m: M, s: DiffStatus): string =>
  ({ added: m.statusAdded, removed: m.statusRemoved, changed: m.statusChanged, same: m.statusSame })[s];
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
  const m = useMessages(compareMsg);
  const { dirs, expanded, toggle, totals, pending } = useTreeDiff(a, b, sharedPrefix);
  const [showSame, setShowSame] = useState(false);
  const { rows, hidden } = flatten(dirs, expanded, showSame);
  const root = dirs.get('');
  const loading = [...dirs.values()].some((d) => d.status === 'loading');
  return (
    <section className="cmp-files" aria-label={m.fileDifferences} data-testid="file-diff">
      <header className="cmp-files-head">
        <h3>{m.filesAtoB}</h3>
        <span className="cmp-count added" data-testid="files-added">
          {m.added(totals.added, formatBytes(totals.addedBytes))}
        </span>
        <span className="cmp-count removed" data-testid="files-removed">
          {m.removed(totals.removed, formatBytes(totals.removedBytes))}
        </span>
        <span className="cmp-count modified" data-testid="files-changed">
          {m.changed(totals.changed)}
        </span>
        {loading && <span className="muted">{m.walking}</span>}
        <label className="muted cmp-same">
          <input type="checkbox" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} />{' '}
          {m.showSame}
        </label>
      </header>
      <p className="muted cmp-help">
        {m.filesHelp2}
        {pending > 0 && m.pending(pending)}
      </p>
      {root?.status === 'error' && (
        <p className="error" role="alert">
          {root.message}
        </p>
      )}
      {root?.status === 'ready' && rows.length === 0 && (
        <p className="notice" data-testid="no-file-diff">
          {m.sameEntries}
        </p>
      )}
      <div role="tree" aria-label={m.differences} className="cmp-tree">
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
      {hidden > 0 && !showSame && <p className="muted">{m.hidden(hidden)}</p>}
      {rows.length >= MAX_ROWS && <p className="muted">{m.maxRows(MAX_ROWS)}</p>}
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
  const m = useMessages(compareMsg);
  const sizeA = row.a?.size ?? 0;
  const sizeB = row.b?.size ?? 0;
  const why = row.reasons.map((r) => reasonText(m, r)).join(', ');
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
      <span className="cmp-icon" aria-label={statusText(m, row.status)}>
        {ICON[row.status]}
      </span>
      <span className="cmp-name mono" title={`/${row.path}`}>
        {row.name}
        {row.dir ? '/' : ''}
      </span>
      <span className="cmp-why muted">
        {row.status === 'changed' ? why : row.status === 'same' ? m.identical : statusText(m, row.status)}
        {row.dir && row.status !== 'same' && ` · ${m.entries((row.b ?? row.a)?.childCount ?? 0)}`}
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
