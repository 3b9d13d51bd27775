/** Live validation of an image reference the user types, by main's parser (`parseReference`). */
import { useEffect, useState } from 'react';
import type { ParsedReference } from '../../../src-shared/transfer-dto';
import { call, errorMessage } from '../../ipc/client';

export type ReferenceCheck =
  | { status: 'empty' }
  | { status: 'checking' }
  | { status: 'ok'; reference: ParsedReference }
  | { status: 'problem'; problem: string };

/** Checks `text` 150 ms after the user stops typing; the answer for older text is dropped. */
export function useReferenceCheck(text: string): ReferenceCheck {
  const [check, setCheck] = useState<ReferenceCheck>({ status: 'empty' });
  useEffect(() => {
    const ref = text.trim();
    if (ref === '') {
      setCheck({ status: 'empty' });
      return;
    }
    setCheck({ status: 'checking' });
    let live = true;
    const timer = setTimeout(() => {
      call('parseReference', { ref })
        .then((r) => {
          if (!live) return;
          setCheck(
            r.reference
              ? { status: 'ok', reference: r.reference }
              : { status: 'problem', problem: r.problem ?? 'not an image reference' },
          );
        })
        .catch((err: unknown) => {
          if (live) setCheck({ status: 'problem', problem: errorMessage(err) });
        });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return check;
}

/** `repo` and `tag` for tagImage: the familiar name without its tag, and the tag (`latest` when none). */
export function repoAndTag(r: ParsedReference): { repo: string; tag: string } | null {
  if (r.digest) return null;
  const tag = r.tag ?? 'latest';
  const familiar = r.familiar.endsWith(`:${tag}`) ? r.familiar.slice(0, -tag.length - 1) : r.familiar;
  return { repo: familiar, tag };
}
