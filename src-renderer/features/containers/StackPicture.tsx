/** A container's layer stack drawn as boxes: writable layer on top, read-only image layers, the host kernel under. */
import { messagesFor } from '../../i18n/messages';
import { formatBytes } from '../images/visible-images';
import { containersMsg } from './messages';

/** The words of the rows (English unless a catalog is given). */
export type StackWords = Pick<
  typeof containersMsg.en,
  'layerCommitted' | 'layerRo' | 'nowReadOnly' | 'moreLayers' | 'kernel' | 'kernelDetail'
>;
const ENGLISH: StackWords = messagesFor(containersMsg, 'en');

export interface StackRow {
  kind: 'rw' | 'new' | 'ro' | 'kernel';
  label: string;
  detail?: string;
}

/**
 * The image's layers (diffIDs, bottom first) as read-only rows, top first, each with its size when
 * `sizes` (diffID -> bytes) has it; long stacks folded in the middle.
 */
export function imageRows(
  layers: readonly string[],
  newTop = false,
  w: StackWords = ENGLISH,
  sizes: ReadonlyMap<string, number> = new Map(),
): StackRow[] {
  const sizeOf = (diffId: string): string => {
    const n = sizes.get(diffId);
    return n === undefined ? '' : ` · ${formatBytes(n)}`;
  };
  const rows: StackRow[] = layers
    .map((diffId, i): StackRow => ({
      kind: newTop && i === layers.length - 1 ? 'new' : 'ro',
      label: newTop && i === layers.length - 1 ? w.layerCommitted(i + 1) : w.layerRo(i + 1, i === 0),
      detail: `${newTop && i === layers.length - 1 ? w.nowReadOnly : ''}${diffId.replace(/^sha256:/, '').slice(0, 12)}${sizeOf(diffId)}`,
    }))
    .reverse();
  if (rows.length <= 8) return rows;
  const hidden = rows.length - 5;
  return [...rows.slice(0, 3), { kind: 'ro', label: w.moreLayers(hidden) }, ...rows.slice(-2)];
}

export const kernelRow = (w: StackWords = ENGLISH): StackRow => ({
  kind: 'kernel',
  label: w.kernel,
  detail: w.kernelDetail,
});

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
