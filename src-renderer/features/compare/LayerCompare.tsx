/** The two layer chains side by side, bottom layer first: a common layer (same diffID) spans both columns. */
import type { ImageAnalysis, LayerAnalysis } from '../../../src-shared/archive-analysis';
import { compareSizes, signed, type LayerComparison } from '../../viz/compare';
import { formatBytes } from '../../viz/treemap';
import { shortenCommand } from '../layers/layer-stack';

const short = (diffId: string): string => diffId.replace(/^sha256:/, '').slice(0, 12);

function LayerCell({
  layer,
  side,
}: {
  layer: LayerAnalysis | undefined;
  side: 'a' | 'b';
}): React.JSX.Element {
  if (!layer) return <div className={`cmp-cell empty ${side}`} aria-hidden="true" />;
  return (
    <div className={`cmp-cell ${side}`} title={layer.command || '(no command)'}>
      <span className="mono muted">#{layer.index}</span>{' '}
      <span className="cmp-cmd">{shortenCommand(layer.command || '(no command)', 56)}</span>
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
  // Top layer first, as a Dockerfile reads bottom-up in a stack.
  const rows = [...cmp.rows].reverse();
  return (
    <section className="cmp-layers" aria-label="Layers">
      <h3>
        Layers: <span data-testid="common-layers">{cmp.common}</span> common ·{' '}
        <span data-testid="only-a-layers">{cmp.onlyA}</span> only in A ·{' '}
        <span data-testid="only-b-layers">{cmp.onlyB}</span> only in B
      </h3>
      <p className="muted cmp-help">
        A layer is the same in both images when its diffID (the digest of its uncompressed tar) is the same:
        the engine stores it once. Rows read top (last step) to bottom (the base).
      </p>
      <div className="cmp-grid" role="table" aria-label="Layers of A and B, aligned">
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
                {common ? `= ${short(r.diffId)}` : r.a !== null ? 'only A' : 'only B'}
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
  const s = compareSizes(a, b);
  const lines = [
    {
      label: 'Content',
      help: 'dive’s size: the bytes of the files in all the layers',
      va: s.contentA,
      vb: s.contentB,
      fmt: formatBytes,
      id: 'content',
    },
    {
      label: 'Stored',
      help: 'The layer blobs as stored or shipped (compressed when the archive compresses them)',
      va: s.storedA,
      vb: s.storedB,
      fmt: formatBytes,
      id: 'stored',
    },
    {
      label: 'Files',
      help: 'Entries of the final filesystem',
      va: s.filesA,
      vb: s.filesB,
      fmt: (n: number) => n.toLocaleString(),
      id: 'files',
    },
  ];
  return (
    <table className="cmp-sizes" aria-label="Sizes">
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
