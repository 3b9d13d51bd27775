/** What the parser made of a typed reference: its parts (a learner sees the implied registry and tag) or the problem. */
import type { ReferenceCheck } from './use-reference-check';

export function ReferenceFeedback({ check, id }: { check: ReferenceCheck; id: string }): React.JSX.Element {
  switch (check.status) {
    case 'empty':
      return (
        <p id={id} className="ref-feedback muted">
          Form: [registry/]repository[:tag] — e.g. <code>busybox</code>, <code>ghcr.io/org/app:1.2</code>
        </p>
      );
    case 'checking':
      return (
        <p id={id} className="ref-feedback muted" aria-live="polite">
          Checking…
        </p>
      );
    case 'problem':
      return (
        <p id={id} className="ref-feedback error" role="alert" data-testid="ref-problem">
          {check.problem}
        </p>
      );
    case 'ok': {
      const r = check.reference;
      // The parser fills in `latest`; say so when the user did not write a tag.
      const tagImplied = !r.digest && !/:[^/]*$/.test(r.original);
      return (
        <dl id={id} className="ref-feedback ref-parts" aria-live="polite" data-testid="ref-ok">
          <dt>registry</dt>
          <dd>
            {r.registry}
            {!r.original.startsWith(r.registry) && <span className="muted"> (implied)</span>}
          </dd>
          <dt>repository</dt>
          <dd>{r.repository}</dd>
          <dt>{r.digest ? 'digest' : 'tag'}</dt>
          <dd>
            {r.digest ?? r.tag ?? 'latest'}
            {tagImplied && <span className="muted"> (implied)</span>}
          </dd>
        </dl>
      );
    }
  }
}
