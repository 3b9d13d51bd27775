/** The writable layer: what it changed (`docker diff`), drawn on top of the image's read-only layers. */
import { useEffect, useState } from 'react';
import type { ContainerChange } from '../../../src-shared/containers-dto';
import { call } from '../../ipc/client';
import { formatBytes } from '../images/visible-images';
import { ErrorNote, readableError, type ReadableError } from './errors';
import { imageRows, KERNEL_ROW, StackPicture } from './StackPicture';

const LETTER: Record<ContainerChange['kind'], string> = { added: 'A', changed: 'C', deleted: 'D' };

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
  const [changes, setChanges] = useState<ContainerChange[] | null>(null);
  const [sizeRw, setSizeRw] = useState<number | null>(null);
  const [layers, setLayers] = useState<string[] | null>(null);
  const [error, setError] = useState<ReadableError | null>(null);

  useEffect(() => {
    let live = true;
    call('inspectImage', { ref: imageId })
      .then((d) => live && setLayers(d.layers))
      .catch((err: unknown) => live && setError(readableError(err)));
    return () => {
      live = false;
    };
  }, [imageId]);

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
  const rwDetail = `${changes?.length ?? '…'} change${changes?.length === 1 ? '' : 's'}${sizeRw !== null ? ` · ${formatBytes(sizeRw)}` : ''}`;

  return (
    <section className="ct-panel ct-layers" aria-label="Writable layer">
      <header className="ct-panel-head">
        <h4>Layers</h4>
        <button type="button" onClick={onRefresh}>
          Refresh changes
        </button>
      </header>
      <div className="ct-stacks">
        <StackPicture
          title={`Container ${name}`}
          testId="stack-container"
          rows={[
            { kind: 'rw', label: 'writable layer (read-write, this container only)', detail: rwDetail },
            ...(layers ? imageRows(layers) : [{ kind: 'ro' as const, label: `image ${image}…` }]),
            KERNEL_ROW,
          ]}
        />
        {committed && layers && (
          <StackPicture
            title={`New image ${committed.reference ?? committed.imageId.slice(7, 19)}: ${committed.layers.length} layers (its base has ${layers.length})`}
            testId="stack-committed"
            rows={[...imageRows(committed.layers, committed.layers.length > layers.length), KERNEL_ROW]}
          />
        )}
      </div>
      <p className="ct-muted ct-small">
        Reads fall through to the image's read-only layers; every write lands in the writable layer
        (copy-on-write). Deleting a file from the image only hides it there. Removing the container throws
        this layer away; committing keeps it as a new image layer.
      </p>
      <h5>
        Changes in the writable layer{' '}
        <span className="ct-muted ct-small">
          ({counts.added} added, {counts.changed} changed, {counts.deleted} deleted)
        </span>
      </h5>
      <ErrorNote error={error} />
      {changes && changes.length === 0 && (
        <p className="ct-muted">Nothing changed yet: the container sees exactly the image.</p>
      )}
      <ul className="ct-changes mono" data-testid="changes">
        {changes?.map((c) => (
          <li key={c.path} className={`ct-change-${c.kind}`} data-kind={c.kind}>
            <span className="ct-change-letter" title={c.kind}>
              {LETTER[c.kind]}
            </span>
            {c.path}
          </li>
        ))}
      </ul>
    </section>
  );
}
