/** The two layer chains side by side, bottom layer first: a common layer (same diffID) spans both columns. */
import type { ImageAnalysis, LayerAnalysis } from '../../../src-shared/archive-analysis';
import { compareSizes, signed, type LayerComparison } from '../../viz/compare';
import { formatBytes } from '../../viz/treemap';
import { useMessages } from '../../i18n/messages';
import { shortenCommand } from '../layers/layer-stack';
import { compareMsg } from './messages';

const short = (diffId: string): string => diffId.replace(/^sha256:/, '').slice(0, 12);

function LayerCell({
  layer,
  side,
}: {
  layer: LayerAnalysis | undefined;
  side: 'a' | 'b';
}): React.JSX.Element {
  const m = useMessages(compareMsg);
  if (!layer) return <div className={`cmp-cell empty ${side}`} aria-hidden="true" />;
  return (
    <div className={`cmp-cell ${side}`} title={layer.command || m.noCommand}>
      <span className="mono muted">#{layer.index}</span>{' '}
      <span className="cmp-cmd">{shortenCommand(layer.command, 56, m.noCommand)}</span>
      <span className="cmp-cell-size mono">{formatBytes(layer.sizeBytes)}</span>
    </div>
  );
}

export function LayerCompare({
  a,
  b,
  cmp,
}: {
  a: ImageAnalysis;
  b: ImageAnalysis;
  cmp: LayerComparison;
}): React.JSX.Element {
  const m = useMessages(compareMsg);
  // Top layer first, as a Dockerfile reads bottom-up in a stack.
  const rows = [...cmp.rows].reverse();
  return (
    <section className="cmp-layers" aria-label={m.layers}>
      <h3>
        {m.layersLabel} <span data-testid="common-layers">{cmp.common}</span> {m.common}{' '}
        <span data-testid="only-a-layers">{cmp.onlyA}</span> {m.onlyInA}{' '}
        <span data-testid="only-b-layers">{cmp.onlyB}</span> {m.onlyInB}
      </h3>
      <p className="muted cmp-help">{m.layersHelp}</p>
      <div className="cmp-grid" role="table" aria-label={m.aligned}>
        <div role="row" className="cmp-grid-head">
          <span role="columnheader">A</span>
          <span role="columnheader" />
          <span role="columnheader">B</span>
        </div>
        {rows.map((r, i) => {
          const common = r.a !== null && r.b !== null;
          return (
            <div
              key={`${r.diffId}-${r.a}-${r.b}-${i}`}
              role="row"
              className={`cmp-layer-row ${common ? 'common' : r.a !== null ? 'only-a' : 'only-b'}`}
              data-testid="layer-row"
              data-kind={common ? 'common' : r.a !== null ? 'only-a' : 'only-b'}
            >
              <LayerCell layer={r.a !== null ? a.layers[r.a] : undefined} side="a" />
              <span role="cell" className="cmp-link mono" title={r.diffId}>
                {common ? `= ${short(r.diffId)}` : r.a !== null ? m.onlyA : m.onlyB}
              </span>
              <LayerCell layer={r.b !== null ? b.layers[r.b] : undefined} side="b" />
            </div>
          );
        })}
      </div>
    </section>
  );
}

export function SizeCompare({ a, b }: { a: ImageAnalysis; b: ImageAnalysis }): React.JSX.Element {
  const m = useMessages(compareMsg);
  const s = compareSizes(a, b);
  const lines = [
    {
      label: m.content,
      help: m.contentHelp,
      va: s.contentA,
      vb: s.contentB,
      fmt: formatBytes,
      id: 'content',
    },
    {
      label: m.stored,
      help: m.storedHelp,
      va: s.storedA,
      vb: s.storedB,
      fmt: formatBytes,
      id: 'stored',
    },
    {
      label: m.files,
      help: m.filesHelp,
      va: s.filesA,
      vb: s.filesB,
      fmt: (n: number) => n.toLocaleString(),
      id: 'files',
    },
  ];
  return (
    <table className="cmp-sizes" aria-label={m.sizes}>
      <thead>
        <tr>
          <th />
          <th className="num">A</th>
          <th className="num">B</th>
          <th className="num">B − A</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id} title={l.help}>
            <th scope="row">{l.label}</th>
            <td className="num mono">{l.fmt(l.va)}</td>
            <td className="num mono">{l.fmt(l.vb)}</td>
            <td className="num mono" data-testid={`size-delta-${l.id}`}>
              {signed(l.vb - l.va, l.fmt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
