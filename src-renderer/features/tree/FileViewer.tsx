/** The content of the file picked in the tree: text, a hex dump of binary data, or a link target; and "Save…". */
import { useState } from 'react';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { saveArchiveFile, type FileContent } from '../../store/archive-slice';
import { call, errorMessage } from '../../ipc/client';
import { base64ToBytes, defaultSavePath, formatBytes, hexDump, modeString } from './file-format';
import { viewerMsg } from './messages';

const HEX_BYTES = 4096;

export function FileViewer(): React.JSX.Element | null {
  const file = useStore((s) => s.fileView);
  const closeFile = useStore((s) => s.closeFile);
  const m = useMessages(viewerMsg);
  if (file.status === 'none') return null;
  const e = file.entry;
  return (
    <section className="file-viewer" aria-label={m.file(e.path)} data-testid="file-viewer">
      <header>
        <strong className="mono">/{e.path}</strong>
        <span className="muted mono">
          {modeString(e.mode, e.type)} {e.uid}:{e.gid}
        </span>
        <span className="muted">{formatBytes(e.size)}</span>
        <button type="button" onClick={closeFile} aria-label={m.close} style={{ marginLeft: 'auto' }}>
          ✕
        </button>
      </header>
      {file.status === 'loading' && <p className="muted">{m.reading}</p>}
      {file.status === 'error' && (
        <p className="error" role="alert">
          {file.message}
        </p>
      )}
      {file.status === 'ready' && <Content content={file.content} />}
      {file.status === 'ready' && file.content.kind === 'file' && (
        <SaveFile entryKey={e.key} entryName={e.name} />
      )}
    </section>
  );
}

function Content({ content }: { content: FileContent }): React.JSX.Element {
  const m = useMessages(viewerMsg);
  if (content.kind === 'symlink') {
    return (
      <p data-testid="file-content">
        {m.symlinkTo}
        <code>{content.linkTarget}</code>
      </p>
    );
  }
  const note = content.truncated
    ? m.preview(formatBytes(content.content.length), formatBytes(content.size))
    : '';
  if (content.isText) {
    return (
      <>
        {note && (
          <p className="muted">
            {m.text}
            {note}
          </p>
        )}
        <pre data-testid="file-content">{content.content}</pre>
      </>
    );
  }
  const bytes = base64ToBytes(content.content);
  return (
    <>
      <p className="muted">
        {m.binary(formatBytes(Math.min(bytes.length, HEX_BYTES)), formatBytes(content.size))}
      </p>
      <pre data-testid="file-content" className="hex">
        {hexDump(bytes, HEX_BYTES)}
      </pre>
    </>
  );
}

/**
 * Saves the file out of the archive. The destination starts beside the archive; "Choose…" asks
 * main for the system's save dialog, and the path can be typed too (as in the Save images dialog).
 */
function SaveFile({ entryKey, entryName }: { entryKey: string; entryName: string }): React.JSX.Element {
  const archivePath = useStore((s) => (s.archive.status === 'ready' ? s.archive.path : ''));
  const [dest, setDest] = useState(() => defaultSavePath(archivePath, entryName));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const m = useMessages(viewerMsg);
  const choose = async (): Promise<void> => {
    setStatus(null);
    try {
      const { path } = await call('chooseSavePath', { title: m.saveFileAs(entryName), defaultName: dest });
      if (path) setDest(path);
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  };
  const save = async (): Promise<void> => {
    setStatus({ ok: true, text: m.saving });
    try {
      const bytes = await saveArchiveFile(useStore.getState(), entryKey, dest);
      setStatus({ ok: true, text: m.saved(formatBytes(bytes), dest) });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  };
  return (
    <div className="save-row">
      <label htmlFor="save-dest" className="muted">
        {m.saveTo}
      </label>
      <input id="save-dest" className="mono" value={dest} onChange={(e) => setDest(e.target.value)} />
      <button type="button" onClick={() => void choose()}>
        {m.choose}
      </button>
      <button type="button" onClick={() => void save()} disabled={dest.trim() === ''}>
        {m.save}
      </button>
      {status && (
        <span className={status.ok ? 'muted' : 'error'} role="status">
          {status.text}
        </span>
      )}
    </div>
  );
}
