/** One image: its names (each untaggable), sizes, containers, and what can be done with it. */
import { memo } from 'react';
import type { ImageSummary } from '../../../src-shared/dto';
import { useMessages } from '../../i18n/messages';
import { imagesMsg } from './messages';
import { age, formatBytes, shortId } from './visible-images';

export type RowAction = 'run' | 'tag' | 'save' | 'push' | 'analyze' | 'remove';

interface Props {
  img: ImageSummary;
  checked: boolean;
  highlighted: ReadonlySet<string>;
  canRun: boolean;
  /** The row Tab reaches (the first); arrows move from there. */
  focusable: boolean;
  /** The time the ages are counted to (ticks, so "just now" moves on). */
  now: number;
  onCheck: (id: string, shift: boolean) => void;
  onAction: (action: RowAction, img: ImageSummary) => void;
  onUntag: (img: ImageSummary, ref: string) => void;
}

type M = typeof imagesMsg.en;
/** The catalog's plain-text entries. */
type TextKey = { [K in keyof M]: M[K] extends string ? K : never }[keyof M];
const ACTIONS: { id: RowAction; label: TextKey; hint: TextKey }[] = [
  { id: 'run', label: 'run', hint: 'runHint' },
  { id: 'tag', label: 'tag', hint: 'tagHint' },
  { id: 'save', label: 'saveAction', hint: 'saveHint' },
  { id: 'push', label: 'push', hint: 'pushHint' },
  { id: 'analyze', label: 'analyze', hint: 'analyzeHint' },
  { id: 'remove', label: 'removeAction', hint: 'removeHint' },
];

const bytesOrDash = (n: number | null): string => (n === null ? '—' : formatBytes(n));

function UntaggedLabel({ img }: { img: ImageSummary }): React.JSX.Element {
  const m = useMessages(imagesMsg);
  return (
    <span className="none-label">
      <span className="tag tag-none">&lt;none&gt;</span>
      <span className="muted">{img.dangling ? m.noTagHere : m.noTagBase}</span>
    </span>
  );
}

export const ImageRow = memo(function ImageRow(p: Props): React.JSX.Element {
  const { img } = p;
  const m = useMessages(imagesMsg);
  const lit = img.repoTags.some((t) => p.highlighted.has(t)) || p.highlighted.has(img.id);
  const name = img.repoTags[0] ?? shortId(img.id);
  const classes = [img.dangling ? 'dangling' : '', lit ? 'highlight' : '', p.checked ? 'checked' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <tr
      data-testid="image-row"
      data-image-id={img.id}
      className={classes || undefined}
      aria-selected={p.checked}
      tabIndex={p.focusable ? 0 : -1}
    >
      <td className="check-cell">
        <input
          type="checkbox"
          checked={p.checked}
          aria-label={m.selectRow(name)}
          data-testid="image-check"
          onClick={(e) => {
            e.preventDefault();
            p.onCheck(img.id, e.shiftKey);
          }}
          onKeyDown={(e) => {
            if (e.key === ' ') {
              e.preventDefault();
              p.onCheck(img.id, e.shiftKey);
            }
          }}
          readOnly
        />
      </td>
      <td className="tags-cell">
        {img.repoTags.length === 0 ? (
          <UntaggedLabel img={img} />
        ) : (
          img.repoTags.map((t) => (
            <span key={t} className={p.highlighted.has(t) ? 'chip lit' : 'chip'}>
              <span className="tag" data-testid="image-tag">
                {t}
              </span>
              <button
                type="button"
                className="chip-x"
                aria-label={m.untag(t)}
                title={m.untagHint(t)}
                data-testid="untag"
                onClick={() => p.onUntag(img, t)}
              >
                ×
              </button>
            </span>
          ))
        )}
      </td>
      <td className="mono" title={img.id}>
        {shortId(img.id)}
      </td>
      <td className="created-cell" title={new Date(img.created).toLocaleString()}>
        {age(img.created, m, Math.max(p.now, img.created))}
      </td>
      <td className="num">{formatBytes(img.size)}</td>
      <td className="num" title={m.colSharedHelp}>
        {bytesOrDash(img.sharedSize)}
      </td>
      <td className="num" title={m.colUniqueHelp}>
        {bytesOrDash(img.uniqueSize)}
      </td>
      <td className="containers-cell" title={img.containerNames.join(', ')}>
        {img.containers === null ? (
          '—'
        ) : img.containers === 0 ? (
          <span className="muted">{m.none}</span>
        ) : (
          img.containerNames.join(', ') || img.containers
        )}
      </td>
      <td className="actions-cell">
        {ACTIONS.filter((a) => a.id !== 'run' || p.canRun).map((a) => (
          <button
            key={a.id}
            type="button"
            className={a.id === 'remove' ? 'row-action danger' : 'row-action'}
            title={m[a.hint]}
            aria-label={`${m[a.label]} ${name}`}
            data-testid={`action-${a.id}`}
            onClick={() => p.onAction(a.id, img)}
          >
            {m[a.label]}
          </button>
        ))}
      </td>
    </tr>
  );
});
