/** An image archive drawn inside out: each top-level part, its size, what it is for, and its members. */
import type { ArchiveStructure as Structure } from '../../../src-shared/contract/learn';
import { useMessages } from '../../i18n/messages';
import { formatBytes } from '../tree/file-format';
import { archiveParts } from './archive-parts';
import { msg, partMsg } from './messages';

/** Content-addressed names are 64 hex digits: 12 say which one it is, as `docker image ls` does. */
const shortName = (name: string): string => name.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…');

export function ArchiveStructure({
  structure,
  name,
}: {
  structure: Structure;
  name: string;
}): React.JSX.Element {
  const m = useMessages(msg);
  const pm = useMessages(partMsg);
  const parts = archiveParts(structure.members);
  return (
    <figure className="learn-archive" data-testid="archive-structure">
      <figcaption>
        {m.structure(name)} · {formatBytes(structure.fileBytes)} ·{' '}
        <span data-testid="archive-compression">{m.compression(structure.compression)}</span>
      </figcaption>
      <ul>
        {parts.map((p) => (
          <li
            key={p.name}
            className={`learn-part part-${p.kind}`}
            data-testid="archive-part"
            data-kind={p.kind}
          >
            <div className="learn-part-head">
              <code title={p.name}>{shortName(p.name)}</code>
              <span className="muted">{formatBytes(p.bytes)}</span>
            </div>
            <p className="learn-part-why">{pm[p.kind]}</p>
            {p.children.length > 0 && (
              <ul className="learn-part-members mono">
                {p.children.map((c) => (
                  <li key={c.path} title={c.path}>
                    {shortName(c.path)}
                    {c.kind === 'symlink'
                      ? ` → ${shortName(c.linkTarget)}`
                      : c.kind === 'file'
                        ? `  ${formatBytes(c.size)}`
                        : ''}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </figure>
  );
}
