/** The Archive view: open a file (drop or button), follow and cancel the analysis, then see the image. */
import { useRef } from 'react';
import { ARCHIVE_ACCEPT, pickArchiveFile } from '../../ipc/files';
import { useStore } from '../../store';
import type { ArchiveState } from '../../store/archive-slice';
import { formatBytes } from '../tree/file-format';
import { ImageDetail } from './ImageDetail';
import { openArchiveFile } from './useArchiveDrop';
import './archive.css';

export function ArchiveView(): React.JSX.Element {
  const archive = useStore((s) => s.archive);
  const closeArchive = useStore((s) => s.closeArchive);
  const input = useRef<HTMLInputElement>(null);
  const busy = archive.status === 'opening' || archive.status === 'cancelling';
  return (
    <section className="archive-view" aria-label="Archive">
      <div className="toolbar">
        <h2>Archive</h2>
        <button type="button" onClick={() => input.current?.click()} disabled={busy}>
          Open archive…
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
          <span className="archive-file mono" title={archive.path} data-testid="archive-name">
            {archive.name}
          </span>
        )}
        {archive.status === 'ready' && (
          <>
            <span className="muted">
              {archive.analysis.format} · {archive.analysis.variant} · {archive.analysis.compression} ·{' '}
              {formatBytes(archive.analysis.fileBytes)}
            </span>
            <button type="button" onClick={() => void closeArchive()} style={{ marginLeft: 'auto' }}>
              Close
            </button>
          </>
        )}
      </div>
      <ArchiveBody archive={archive} />
    </section>
  );
}

function ArchiveBody({ archive }: { archive: ArchiveState }): React.JSX.Element {
  const cancel = useStore((s) => s.cancelOpenArchive);
  switch (archive.status) {
    case 'idle':
      return (
        <div className="drop-hint">
          <p>
            <strong>Drop an image archive anywhere on this window</strong>, or use “Open archive…”.
          </p>
          <p className="muted">
            Files from <code>docker save</code>, <code>podman save</code> or <code>skopeo copy</code>{' '}
            (docker-archive or oci-archive): <code>.tar</code>, <code>.tar.gz</code>, <code>.tgz</code>,{' '}
            <code>.tar.xz</code>, <code>.tar.bz2</code>, <code>.tar.zst</code>. No engine needed: the file is
            read here, never loaded.
          </p>
        </div>
      );
    case 'opening':
    case 'cancelling': {
      const p = archive.progress;
      const pct = p && p.bytesTotal > 0 ? Math.min(100, (p.bytesDone / p.bytesTotal) * 100) : null;
      return (
        <div className="open-progress" data-testid="archive-progress">
          <p>
            {archive.status === 'cancelling' ? 'Cancelling…' : 'Reading'} <strong>{archive.name}</strong>
            {p && (
              <span className="muted">
                {' '}
                — {p.phase}
                {p.current ? ` · ${p.current}` : ''} · {formatBytes(p.bytesDone)} of{' '}
                {formatBytes(p.bytesTotal)}
              </span>
            )}
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-label="Archive analysis progress"
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
            Cancel
          </button>
        </div>
      );
    }
    case 'cancelled':
      return (
        <p className="notice" role="status" data-testid="archive-cancelled">
          Opening <strong>{archive.name}</strong> was cancelled. Drop it again or open another archive.
        </p>
      );
    case 'error':
      return <ArchiveError archive={archive} />;
    case 'ready':
      return <ImageDetail />;
  }
}

function ArchiveError({
  archive,
}: {
  archive: Extract<ArchiveState, { status: 'error' }>;
}): React.JSX.Element {
  const details = archive.details as { reason?: string; kind?: string } | undefined;
  const reason = details?.reason ?? archive.message;
  return (
    <div className="archive-error" role="alert" data-testid="archive-error">
      <p>
        <strong>Could not open {archive.name}</strong>
      </p>
      <p data-testid="archive-error-reason">{reason.charAt(0).toUpperCase() + reason.slice(1)}.</p>
      {details?.kind === 'NOT_AN_IMAGE' && (
        <p className="muted">
          An image archive has a <code>manifest.json</code> (docker save) or an <code>index.json</code> (OCI)
          beside its layers. A plain filesystem tar such as <code>docker export</code> writes has neither: it
          is one flattened filesystem, with no layers or history.
        </p>
      )}
      <details>
        <summary>Details</summary>
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
