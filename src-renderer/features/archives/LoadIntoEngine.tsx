/**
 * "Load into engine" for an archive opened from a file: `docker load` of that same file through
 * the transfer Load dialog (a cancellable job with progress, then the names it brought, which the
 * Images list highlights). Disabled, with the reason, while no engine is connected.
 */
import { useId, useState } from 'react';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { LoadDialog } from '../transfer/LoadDialog';
import { archiveMsg } from './messages';

export function LoadIntoEngine({ path }: { path: string }): React.JSX.Element {
  const m = useMessages(archiveMsg);
  const connected = useStore((s) => s.engine.status === 'connected');
  const highlightRefs = useStore((s) => s.highlightRefs);
  const refreshImages = useStore((s) => s.refreshImages);
  const [open, setOpen] = useState(false);
  const reasonId = useId();
  return (
    <>
      {!connected && (
        <span className="muted load-reason" id={reasonId} data-testid="load-into-engine-reason">
          {m.loadNoEngine}
        </span>
      )}
      <button
        type="button"
        disabled={!connected}
        title={connected ? m.loadHint : m.loadNoEngine}
        aria-describedby={connected ? undefined : reasonId}
        onClick={() => setOpen(true)}
        data-testid="load-into-engine"
      >
        {m.loadIntoEngine}
      </button>
      {open && (
        <LoadDialog
          path={path}
          onClose={() => setOpen(false)}
          onLoaded={(refs) => {
            highlightRefs(refs);
            void refreshImages();
          }}
        />
      )}
    </>
  );
}
