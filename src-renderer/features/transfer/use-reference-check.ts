/** Live validation of an image reference the user types, by main's parser (`parseReference`). */
import { useEffect, useState } from 'react';
import type { ParsedReference } from '../../../src-shared/transfer-dto';
import { call, errorMessage } from '../../ipc/client';
import { NOT_A_REFERENCE } from './reference-problem';

export type ReferenceCheck =
  | { status: 'empty' }
  | { status: 'checking' }
  | { status: 'ok'; reference: ParsedReference }
  | { status: 'problem'; problem: string };

type Answer = { for: string; check: ReferenceCheck };

/** Checks `text` 150 ms after the user stops typing; an answer for older text is never shown. */
export function useReferenceCheck(text: string): ReferenceCheck {
  const ref = text.trim();
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (ref === '') return;
    let live = true;
    const timer = setTimeout(() => {
      call('parseReference', { ref })
        .then((r) => {
          if (!live) return;
          setAnswer({
            for: ref,
            check: r.reference
              ? { status: 'ok', reference: r.reference }
              : { status: 'problem', problem: r.problem ?? NOT_A_REFERENCE },
          });
        })
        .catch((err: unknown) => {
          if (live) setAnswer({ for: ref, check: { status: 'problem', problem: errorMessage(err) } });
        });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ref]);
  if (ref === '') return { status: 'empty' };
  return answer?.for === ref ? answer.check : { status: 'checking' };
}

/**
 * Whether a submit may go ahead: something typed and no problem known yet. A submit while the
 * check is still running (Enter right after typing or pasting) is not refused: `referenceNow`
 * asks the parser itself.
 */
export const maySubmit = (check: ReferenceCheck): boolean =>
  check.status === 'ok' || check.status === 'checking';

/**
 * The reference `text` names, now: the check's answer when it has one, else main's parser asked
 * directly. Null when it is not one, or the parser could not answer (the check shows why).
 */
export async function referenceNow(check: ReferenceCheck, text: string): Promise<ParsedReference | null> {
  if (check.status === 'ok') return check.reference;
  const ref = text.trim();
  if (check.status !== 'checking' || ref === '') return null;
  try {
    return (await call('parseReference', { ref })).reference;
  } catch {
    return null;
  }
}

/** `repo` and `tag` for tagImage: the familiar name without its tag, and the tag (`latest` when none). */
export function repoAndTag(r: ParsedReference): { repo: string; tag: string } | null {
  if (r.digest) return null;
  const tag = r.tag ?? 'latest';
  const familiar = r.familiar.endsWith(`:${tag}`) ? r.familiar.slice(0, -tag.length - 1) : r.familiar;
  return { repo: familiar, tag };
}
