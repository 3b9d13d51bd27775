/** What the parser made of a typed reference: its parts (a learner sees the implied registry and tag) or the problem. */
import { useMessages } from '../../i18n/messages';
import { transferMsg } from './messages';
import { referenceProblemText } from './reference-problem';
import type { ReferenceCheck } from './use-reference-check';

export function ReferenceFeedback({ check, id }: { check: ReferenceCheck; id: string }): React.JSX.Element {
  const m = useMessages(transferMsg);
  switch (check.status) {
    case 'empty':
      return (
        <p id={id} className="ref-feedback muted">
          {m.refForm} <code>busybox</code>, <code>ghcr.io/org/app:1.2</code>
        </p>
      );
    case 'checking':
      return (
        <p id={id} className="ref-feedback muted" aria-live="polite">
          {m.checking}
        </p>
      );
    case 'problem':
      return (
        <p id={id} className="ref-feedback error" role="alert" data-testid="ref-problem">
          {referenceProblemText(check.problem, m)}
        </p>
      );
    case 'ok': {
      const r = check.reference;
      // The parser fills in `latest`; say so when the user did not write a tag.
      const tagImplied = !r.digest && !/:[^/]*$/.test(r.original);
      return (
        <dl id={id} className="ref-feedback ref-parts" aria-live="polite" data-testid="ref-ok">
          <dt>{m.registry}</dt>
          <dd>
            {r.registry}
            {!r.original.startsWith(r.registry) && <span className="muted">{m.implied}</span>}
          </dd>
          <dt>{m.repository}</dt>
          <dd>{r.repository}</dd>
          <dt>{r.digest ? m.digest : m.tag}</dt>
          <dd>
            {r.digest ?? r.tag ?? 'latest'}
            {tagImplied && <span className="muted">{m.implied}</span>}
          </dd>
        </dl>
      );
    }
  }
}
