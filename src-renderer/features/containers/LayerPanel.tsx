/** The writable layer: what it changed (`docker diff`), drawn on top of the image's read-only layers. */
import { useEffect, useState } from 'react';
import type { ContainerChange } from '../../../src-shared/containers-dto';
import { call } from '../../ipc/client';
import { formatBytes } from '../images/visible-images';
import { ErrorNote, readableError, type ReadableError } from '../../components/ErrorNote';
import { useMessages } from '../../i18n/messages';
import { containersMsg } from './messages';
import { imageRows, kernelRow, StackPicture } from './StackPicture';

const LETTER: Record<ContainerChange['kind'], string> = { added: 'A', changed: 'C', deleted: 'D' };

const withSizes = (
  known: ReadonlyMap<string, number>,
  layers: readonly { diffId: string; size: number }[],
): ReadonlyMap<string, number> =>
  new Map([...known, ...layers.map((l): [string, number] => [l.diffId, l.size])]);

export interface Committed {
  imageId: string;
  reference: string | null;
  layers: string[];
}

export function LayerPanel({
  id,
  name,
  image,
  imageId,
  version,
  committed,
  onRefresh,
}: {
  id: string;
  name: string;
  image: string;
  imageId: string;
  /** Bumped when something may have written to the layer (an exec). */
  version: number;
  committed: Committed | null;
  onRefresh: () => void;
}): React.JSX.Element {
  const m = useMessages(containersMsg);
  const [changes, setChanges] = useState<ContainerChange[] | null>(null);
  const [sizeRw, setSizeRw] = useState<number | null>(null);
  const [layers, setLayers] = useState<string[] | null>(null);
  const [sizes, setSizes] = useState<ReadonlyMap<string, number>>(new Map());
  const [error, setError] = useState<ReadableError | null>(null);

  // The image's layers with their sizes, and the committed image's (its new top layer's size).
  useEffect(() => {
    let live = true;
    call('imageLayers', { ref: imageId })
      .then((d) => {
        if (!live) return;
        setLayers(d.layers.map((l) => l.diffId));
        setSizes((s) => withSizes(s, d.layers));
      })
      .catch((err: unknown) => live && setError(readableError(err)));
    return () => {
      live = false;
    };
  }, [imageId]);
  const committedId = committed?.imageId;
  useEffect(() => {
    if (!committedId) return;
    let live = true;
    call('imageLayers', { ref: committedId })
      .then((d) => live && setSizes((s) => withSizes(s, d.layers)))
      .catch(() => undefined); // the sizes are extra: the picture stands without them
    return () => {
      live = false;
    };
  }, [committedId]);

  useEffect(() => {
    let live = true;
    Promise.all([call('containerChanges', { id }), call('inspectContainer', { id, size: true })])
      .then(([c, d]) => {
        if (!live) return;
        setChanges([...c].sort((a, b) => a.path.localeCompare(b.path)));
        setSizeRw(d.sizeRw);
        setError(null);
      })
      .catch((err: unknown) => live && setError(readableError(err)));
    return () => {
      live = false;
    };
  }, [id, version]);

  const counts = { added: 0, changed: 0, deleted: 0 };
  for (const c of changes ?? []) counts[c.kind]++;
  const rwDetail = `${m.changes(changes?.length ?? null)}${sizeRw !== null ? ` · ${formatBytes(sizeRw)}` : ''}`;

  return (
    <section className="ct-panel ct-layers" aria-label={m.writableLayer}>
      <header className="ct-panel-head">
        <h4>{m.layers}</h4>
        <button type="button" onClick={onRefresh}>
          {m.refreshChanges}
        </button>
      </header>
      <div className="ct-stacks">
        <StackPicture
          title={m.container(name)}
          testId="stack-container"
          rows={[
            { kind: 'rw', label: m.rwLabel, detail: rwDetail },
            ...(layers
              ? imageRows(layers, false, m, sizes)
              : [{ kind: 'ro' as const, label: m.imageLoading(image) }]),
            kernelRow(m),
          ]}
        />
        {committed && layers && (
          <StackPicture
            title={m.newImage(
              committed.reference ?? committed.imageId.slice(7, 19),
              committed.layers.length,
              layers.length,
            )}
            testId="stack-committed"
            rows={[
              ...imageRows(committed.layers, committed.layers.length > layers.length, m, sizes),
              kernelRow(m),
            ]}
          />
        )}
      </div>
      <p className="ct-muted ct-small">{m.cowNote}</p>
      <h5>
        {m.changesTitle}{' '}
        <span className="ct-muted ct-small">
          {m.changeCounts(counts.added, counts.changed, counts.deleted)}
        </span>
      </h5>
      <ErrorNote error={error} />
      {changes && changes.length === 0 && <p className="ct-muted">{m.nothingChanged}</p>}
      <ul className="ct-changes mono" data-testid="changes">
        {changes?.map((c) => (
          <li key={c.path} className={`ct-change-${c.kind}`} data-kind={c.kind}>
            <span className="ct-change-letter" title={m[c.kind]}>
              {LETTER[c.kind]}
            </span>
            {c.path}
          </li>
        ))}
      </ul>
    </section>
  );
}
