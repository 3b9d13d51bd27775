/** The image's headline numbers, and what the background diffID check found. */
import type { ImageAnalysis } from '../../../src-shared/archive-analysis';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { formatPercent } from '../layers/layer-stack';
import { formatBytes } from '../tree/file-format';
import { detailMsg } from './messages';
import { verifySummary } from './verify-summary';

export const shortImageId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

export function imageLabel(img: ImageAnalysis, untagged: string): string {
  return img.repoTags[0] ?? `${untagged} ${shortImageId(img.id)}`;
}

export function SummaryStrip({ image }: { image: ImageAnalysis }): React.JSX.Element {
  const m = useMessages(detailMsg);
  const items: { label: string; value: string; testId: string; help: string }[] = [
    { label: m.layers, value: String(image.layers.length), testId: 'layer-count', help: m.layersHelp },
    { label: m.imageSize, value: formatBytes(image.sizeBytes), testId: 'image-size', help: m.imageSizeHelp },
    { label: m.userSize, value: formatBytes(image.userSizeBytes), testId: 'user-size', help: m.userSizeHelp },
    {
      label: m.efficiency,
      value: formatPercent(image.efficiency),
      testId: 'efficiency',
      help: m.efficiencyHelp,
    },
    { label: m.wasted, value: formatBytes(image.wastedBytes), testId: 'wasted-bytes', help: m.wastedHelp },
    {
      label: m.reclaimable,
      value: formatBytes(image.reclaimableBytes),
      testId: 'reclaimable-bytes',
      help: m.reclaimableHelp,
    },
    { label: m.fileCount, value: image.files.toLocaleString(), testId: 'file-count', help: m.fileCountHelp },
  ];
  return (
    <div className="summary-strip">
      <div className="summary-title">
        <strong>{imageLabel(image, m.untagged)}</strong>
        <span className="muted mono" title={image.id}>
          {shortImageId(image.id)}
        </span>
        {image.platform && <span className="muted">{image.platform}</span>}
        <VerifyStatus image={image} />
      </div>
      <dl className="summary-numbers">
        {items.map((i) => (
          <div key={i.testId} title={i.help}>
            <dt>{i.label}</dt>
            <dd data-testid={i.testId}>{i.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Running, or its verdict for this image (from the background check, else from the analysis). */
function VerifyStatus({ image }: { image: ImageAnalysis }): React.JSX.Element | null {
  const m = useMessages(detailMsg);
  const archive = useStore((s) => s.archive);
  const verify = useStore((s) => s.archiveVerify);
  const start = useStore((s) => s.verifyArchive);
  const cancel = useStore((s) => s.cancelVerify);
  if (archive.status !== 'ready') return null;
  const mine = verify.status !== 'idle' && verify.sessionId === archive.sessionId ? verify : null;
  const summary = verifySummary(image.id, image.layers, mine?.status === 'done' ? mine.results : null);
  const common = { 'data-testid': 'verify-status', title: m.verifyHelp };
  if (mine?.status === 'running')
    return (
      <span className="verify-status muted" role="status" {...common} data-state="running">
        {m.verifying}
        <button type="button" onClick={() => void cancel()}>
          {m.verifyCancel}
        </button>
      </span>
    );
  if (summary && summary.mismatched.length > 0)
    return (
      <span className="verify-status verify-bad" role="alert" {...common} data-state="mismatch">
        {m.verifyBad(summary.mismatched.map((i) => `#${i}`).join(', '))}
      </span>
    );
  if (summary)
    return (
      <span className="verify-status verify-ok" {...common} data-state="ok">
        {summary.checked === summary.total
          ? m.verifyOk(summary.total)
          : m.verifyPartial(summary.checked, summary.total)}
      </span>
    );
  if (mine?.status === 'error' || mine?.status === 'cancelled')
    return (
      <span className="verify-status muted" {...common} data-state={mine.status}>
        {mine.status === 'error' ? m.verifyError(mine.message) : m.verifyStopped}
        {archive.source === 'file' && (
          <button type="button" onClick={() => void start(archive.sessionId)}>
            {m.verifyAgain}
          </button>
        )}
      </span>
    );
  return null;
}
