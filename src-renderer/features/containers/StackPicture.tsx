/** A container's layer stack drawn as boxes: writable layer on top, read-only image layers, the host kernel under. */

export interface StackRow {
  kind: 'rw' | 'new' | 'ro' | 'kernel';
  label: string;
  detail?: string;
}

/** The image's layers (diffIDs, bottom first) as read-only rows, top first; long stacks folded in the middle. */
export function imageRows(layers: readonly string[], newTop = false): StackRow[] {
  const rows: StackRow[] = layers
    .map((diffId, i): StackRow => ({
      kind: newTop && i === layers.length - 1 ? 'new' : 'ro',
      label:
        newTop && i === layers.length - 1
          ? `layer ${i + 1}: the committed writable layer`
          : `layer ${i + 1}${i === 0 ? ' (base)' : ''}, read-only`,
      detail: `${newTop && i === layers.length - 1 ? 'now read-only · ' : ''}${diffId.replace(/^sha256:/, '').slice(0, 12)}`,
    }))
    .reverse();
  if (rows.length <= 8) return rows;
  const hidden = rows.length - 5;
  return [...rows.slice(0, 3), { kind: 'ro', label: `… ${hidden} more read-only layers` }, ...rows.slice(-2)];
}

export const KERNEL_ROW: StackRow = {
  kind: 'kernel',
  label: 'bootfs: the host kernel',
  detail: 'not in the image; every container shares it',
};

export function StackPicture({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: StackRow[];
  testId?: string;
}): React.JSX.Element {
  return (
    <figure className="ct-stack" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ol aria-label={title}>
        {rows.map((r, i) => (
          <li key={i} className={`ct-layer ct-layer-${r.kind}`} data-kind={r.kind}>
            <span>{r.label}</span>
            {r.detail && <span className="ct-layer-detail mono">{r.detail}</span>}
          </li>
        ))}
      </ol>
    </figure>
  );
}
