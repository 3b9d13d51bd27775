/** Where an image wastes space: files stored in several layers, and bytes nobody can see. */
import type { ImageAnalysis } from '../../../src-shared/archive-analysis';
import { formatPercent } from '../layers/layer-stack';
import { formatBytes } from '../tree/file-format';

const REASONS: Record<string, string> = {
  overwritten: 'replaced by a later layer',
  deleted: 'deleted by a later layer (whiteout)',
  'hidden-by-opaque': 'hidden by an opaque directory above',
};

export function EfficiencyPanel({ image }: { image: ImageAnalysis }): React.JSX.Element {
  return (
    <div className="efficiency-panel">
      <p className="learn">
        Efficiency is <strong>{formatPercent(image.efficiency)}</strong>: every copy of a file in a lower
        layer that a later layer replaces or deletes still ships inside the image.{' '}
        {formatBytes(image.wastedBytes)} are stored more than once ({formatPercent(image.wastedUserPercent)}{' '}
        of the user size); {formatBytes(image.reclaimableBytes)} could be saved by not writing files that a
        later step removes.
      </p>
      <h3>Files in several layers ({image.inefficientFiles.length})</h3>
      {image.inefficientFiles.length === 0 ? (
        <p className="muted">None: no file is stored twice.</p>
      ) : (
        <table data-testid="inefficient-files">
          <thead>
            <tr>
              <th>Path</th>
              <th className="num">Copies</th>
              <th className="num">Total bytes</th>
            </tr>
          </thead>
          <tbody>
            {image.inefficientFiles.map((f) => (
              <tr key={f.path}>
                <td className="mono">{f.path}</td>
                <td className="num">{f.count}</td>
                <td className="num">{formatBytes(f.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Reclaimable ({image.reclaimableFiles.length})</h3>
      {image.reclaimableFiles.length === 0 ? (
        <p className="muted">Nothing: every stored byte is visible in the final filesystem.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Path</th>
              <th>Why</th>
              <th className="num">In layer</th>
              <th className="num">Bytes</th>
            </tr>
          </thead>
          <tbody>
            {image.reclaimableFiles.map((f) => (
              <tr key={`${f.path}|${f.layer}`}>
                <td className="mono">{f.path}</td>
                <td>{REASONS[f.reason] ?? f.reason}</td>
                <td className="num">#{f.layer}</td>
                <td className="num">{formatBytes(f.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
