/** The Archive view: open a file (drop or button), follow and cancel the analysis, then see the image. */
import { useRef } from 'react';
import { errorText } from '../../components/error-text';
import { useLang } from '../../i18n/lang';
import { useMessages } from '../../i18n/messages';
import { ARCHIVE_ACCEPT, pickArchiveFile } from '../../ipc/files';
import { useStore } from '../../store';
import type { ArchiveState } from '../../store/archive-slice';
import { formatBytes } from '../tree/file-format';
import { archiveSourceLine } from './archive-source';
import { ImageDetail } from './ImageDetail';
import { LoadIntoEngine } from './LoadIntoEngine';
import { archiveMsg } from './messages';
import { openArchiveFile } from './useArchiveDrop';
import './archive.css';

export function ArchiveView(): React.JSX.Element {
  const m = useMessages(archiveMsg);
  const archive = useStore((s) => s.archive);
  const closeArchive = useStore((s) => s.closeArchive);
  const input = useRef<HTMLInputElement>(null);
  const busy = archive.status === 'opening' || archive.status === 'cancelling';
  return (
    <section className="archive-view" aria-label={m.archive}>
      <div className="toolbar">
        <h2>{m.archive}</h2>
        <button type="button" onClick={() => input.current?.click()} disabled={busy}>
          {m.openArchive}
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept={ARCHIVE_ACCEPT}
          data-testid="archive-input"
          onChange={(e) => {
            const file = pickArchiveFile(e.target.files);
            e.target.value = '';
            if (file) openArchiveFile(file);
          }}
        />
        {archive.status !== 'idle' && (
          <span className="archive-file mono" title={archive.path || archive.name} data-testid="archive-name">
            {archive.name}
          </span>
        )}
        {archive.status === 'ready' && (
          <>
            <span className="muted" data-testid="archive-source">
              {archive.source === 'engine' ? m.fromEngine : archiveSourceLine(archive.analysis, m)}
            </span>
            <span className="toolbar-end">
              {archive.source === 'file' && <LoadIntoEngine path={archive.path} />}
              <button type="button" onClick={() => void closeArchive()}>
                {m.close}
              </button>
            </span>
          </>
        )}
      </div>
      <ArchiveBody archive={archive} />
    </section>
  );
}

function ArchiveBody({ archive }: { archive: ArchiveState }): React.JSX.Element {
  const m = useMessages(archiveMsg);
  switch (archive.status) {
    case 'idle':
      return (
        <div className="drop-hint">
          <p>
            <strong>{m.dropTitle}</strong>
            {m.dropOr}
          </p>
          <p className="muted">
            {m.dropFrom} <code>docker save</code>, <code>podman save</code>, <code>skopeo copy</code>{' '}
            {m.dropFormats} <code>.tar</code>, <code>.tar.gz</code>, <code>.tgz</code>, <code>.tar.xz</code>,{' '}
            <code>.tar.bz2</code>, <code>.tar.zst</code>. {m.dropNoEngine}
          </p>
        </div>
      );
    case 'opening':
    case 'cancelling':
      return <OpenProgress archive={archive} />;
    case 'cancelled':
      return (
        <p className="notice" role="status" data-testid="archive-cancelled">
          {m.cancelledOpen(archive.name)}
        </p>
      );
    case 'error':
      return <ArchiveError archive={archive} />;
    case 'ready':
      return <ImageDetail />;
  }
}

function OpenProgress({
  archive,
}: {
  archive: Extract<ArchiveState, { status: 'opening' | 'cancelling' }>;
}): React.JSX.Element {
  const m = useMessages(archiveMsg);
  const cancel = useStore((s) => s.cancelOpenArchive);
  const p = archive.progress;
  const pct = p && p.bytesTotal > 0 ? Math.min(100, (p.bytesDone / p.bytesTotal) * 100) : null;
  return (
    <div className="open-progress" data-testid="archive-progress">
      <p>
        {archive.status === 'cancelling' ? m.cancelling : m.reading} <strong>{archive.name}</strong>
        {p && (
          <span className="muted">
            {' '}
            — {p.phase}
            {p.current ? ` · ${p.current}` : ''} · {formatBytes(p.bytesDone)} {m.of}{' '}
            {formatBytes(p.bytesTotal)}
          </span>
        )}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label={m.progressLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct === null ? undefined : Math.round(pct)}
      >
        <div
          className={`progress-fill${pct === null ? ' indeterminate' : ''}`}
          style={{ width: `${pct ?? 30}%` }}
        />
      </div>
      <button type="button" onClick={() => void cancel()} disabled={archive.status === 'cancelling'}>
        {m.cancel}
      </button>
    </div>
  );
}

function ArchiveError({
  archive,
}: {
  archive: Extract<ArchiveState, { status: 'error' }>;
}): React.JSX.Element {
  const m = useMessages(archiveMsg);
  const lang = useLang();
  const details = archive.details as { reason?: string; kind?: string } | undefined;
  // The analyzer's reason as it is (the hint below words it); other failures get the code's headline.
  const reason = details?.reason ?? errorText(archive, lang);
  return (
    <div className="archive-error" role="alert" data-testid="archive-error">
      <p>
        <strong>{m.couldNotOpen(archive.name)}</strong>
      </p>
      <p data-testid="archive-error-reason">{reason.charAt(0).toUpperCase() + reason.slice(1)}.</p>
      {details?.kind === 'NOT_AN_IMAGE' && <p className="muted">{m.notAnImage}</p>}
      <details>
        <summary>{m.details}</summary>
        <pre className="mono">
          {JSON.stringify(
            { code: archive.code, message: archive.message, path: archive.path, details: archive.details },
            null,
            2,
          )}
        </pre>
      </details>
    </div>
  );
}
