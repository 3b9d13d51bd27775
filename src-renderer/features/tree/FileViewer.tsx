/** The content of the file picked in the tree: text, a hex dump of binary data, or a link target; and "Save…". */
import { useState } from 'react';
import { useStore } from '../../store';
import { saveArchiveFile, type FileContent } from '../../store/archive-slice';
import { errorMessage } from '../../ipc/client';
import { base64ToBytes, defaultSavePath, formatBytes, hexDump, modeString } from './file-format';

const HEX_BYTES = 4096;

export function FileViewer(): React.JSX.Element | null {
  const file = useStore((s) => s.fileView);
  const closeFile = useStore((s) => s.closeFile);
  if (file.status === 'none') return null;
  const e = file.entry;
  return (
    <section className="file-viewer" aria-label={`File /${e.path}`} data-testid="file-viewer">
      <header>
        <strong className="mono">/{e.path}</strong>
        <span className="muted mono">
          {modeString(e.mode, e.type)} {e.uid}:{e.gid}
        </span>
        <span className="muted">{formatBytes(e.size)}</span>
        <button type="button" onClick={closeFile} aria-label="Close the file" style={{ marginLeft: 'auto' }}>
          ✕
        </button>
      </header>
      {file.status === 'loading' && <p className="muted">Reading…</p>}
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
  if (content.kind === 'symlink') {
    return (
      <p data-testid="file-content">
        Symbolic link to <code>{content.linkTarget}</code>
      </p>
    );
  }
  const note = content.truncated
    ? ` (preview of the first ${formatBytes(content.content.length)} of ${formatBytes(content.size)})`
    : '';
  if (content.isText) {
    return (
      <>
        {note && <p className="muted">Text{note}</p>}
        <pre data-testid="file-content">{content.content}</pre>
      </>
    );
  }
  const bytes = base64ToBytes(content.content);
  return (
    <>
      <p className="muted">
        Binary data: the first {formatBytes(Math.min(bytes.length, HEX_BYTES))} of {formatBytes(content.size)}{' '}
        as hex
      </p>
      <pre data-testid="file-content" className="hex">
        {hexDump(bytes, HEX_BYTES)}
      </pre>
    </>
  );
}

/**
 * Saves the file to a path typed by the user. A native save dialog needs a main-process channel
 * that does not exist yet; until then the destination is a text field prefilled beside the archive.
 */
function SaveFile({ entryKey, entryName }: { entryKey: string; entryName: string }): React.JSX.Element {
  const archivePath = useStore((s) => (s.archive.status === 'ready' ? s.archive.path : ''));
  const [dest, setDest] = useState(() => defaultSavePath(archivePath, entryName));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (): Promise<void> => {
    setStatus({ ok: true, text: 'Saving…' });
    try {
      const bytes = await saveArchiveFile(useStore.getState(), entryKey, dest);
      setStatus({ ok: true, text: `Saved ${formatBytes(bytes)} to ${dest}` });
    } catch (err) {
      setStatus({ ok: false, text: errorMessage(err) });
    }
  };
  return (
    <div className="save-row">
      <label htmlFor="save-dest" className="muted">
        Save to (absolute path; a native dialog comes later)
      </label>
      <input id="save-dest" className="mono" value={dest} onChange={(e) => setDest(e.target.value)} />
      <button type="button" onClick={() => void save()} disabled={dest.trim() === ''}>
        Save…
      </button>
      {status && (
        <span className={status.ok ? 'muted' : 'error'} role="status">
          {status.text}
        </span>
      )}
    </div>
  );
}
