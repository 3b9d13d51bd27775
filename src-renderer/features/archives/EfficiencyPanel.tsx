/** Where an image wastes space: files stored in several layers, and bytes nobody can see. */
import type { ImageAnalysis } from '../../../src-shared/archive-analysis';
import { useMessages } from '../../i18n/messages';
import { formatPercent } from '../layers/layer-stack';
import { formatBytes } from '../tree/file-format';
import { efficiencyMsg } from './messages';

export function EfficiencyPanel({ image }: { image: ImageAnalysis }): React.JSX.Element {
  const m = useMessages(efficiencyMsg);
  const reasons: Record<string, string> = {
    overwritten: m.overwritten,
    deleted: m.deleted,
    'hidden-by-opaque': m.hiddenByOpaque,
  };
  return (
    <div className="efficiency-panel">
      <p className="learn">
        {m.intro(
          formatPercent(image.efficiency),
          formatBytes(image.wastedBytes),
          formatPercent(image.wastedUserPercent),
          formatBytes(image.reclaimableBytes),
        )}
      </p>
      <h3>{m.severalLayers(image.inefficientFiles.length)}</h3>
      {image.inefficientFiles.length === 0 ? (
        <p className="muted">{m.noneTwice}</p>
      ) : (
        <table data-testid="inefficient-files">
          <thead>
            <tr>
              <th>{m.path}</th>
              <th className="num">{m.copies}</th>
              <th className="num">{m.totalBytes}</th>
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
      <h3>{m.reclaimable(image.reclaimableFiles.length)}</h3>
      {image.reclaimableFiles.length === 0 ? (
        <p className="muted">{m.nothing}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{m.path}</th>
              <th>{m.why}</th>
              <th className="num">{m.inLayer}</th>
              <th className="num">{m.bytes}</th>
            </tr>
          </thead>
          <tbody>
            {image.reclaimableFiles.map((f) => (
              <tr key={`${f.path}|${f.layer}`}>
                <td className="mono">{f.path}</td>
                <td>{reasons[f.reason] ?? f.reason}</td>
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
