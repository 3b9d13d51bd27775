/**
 * The engine bar's storage driver, opened into what `docker info` says about it (Backing
 * Filesystem, Supports d_type, Native Overlay Diff, ...), the root directory and counts, and why
 * it matters. A disclosure, so a keyboard reaches it (it was a hover tooltip); Escape closes it.
 */
import { useRef, useState } from 'react';
import type { EngineInfo } from '../../../src-shared/dto';
import { useMessages } from '../../i18n/messages';
import { engineMsg } from './messages';

export function EngineDetails({ info }: { info: EngineInfo }): React.JSX.Element {
  const m = useMessages(engineMsg);
  const ref = useRef<HTMLDetailsElement>(null);
  // The panel is drawn only while open: closed, its words are not in the page at all.
  const [open, setOpen] = useState(false);
  return (
    <details
      ref={ref}
      className="engine-details"
      data-testid="engine-details"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !ref.current?.open) return;
        e.stopPropagation();
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }}
    >
      <summary title={m.detailsHint}>
        {m.storageDriver} <strong data-testid="storage-driver">{info.storageDriver}</strong>
      </summary>
      {open && (
        <div className="engine-details-panel">
          <dl>
            {info.driverStatus.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd className="mono">{v}</dd>
              </div>
            ))}
            <div>
              <dt>{m.rootDir}</dt>
              <dd className="mono">{info.dockerRootDir}</dd>
            </div>
            <div>
              <dt>{m.kernel}</dt>
              <dd className="mono">{info.kernelVersion}</dd>
            </div>
            <div>
              <dt>{m.counts}</dt>
              <dd>{m.countsText(info.images, info.containers)}</dd>
            </div>
          </dl>
          <p className="muted">{m.driverNote}</p>
        </div>
      )}
    </details>
  );
}
