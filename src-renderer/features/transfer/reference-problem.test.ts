import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../src-shared/image-reference';
import { transferMsg } from './messages';
import { referenceProblemText } from './reference-problem';

const problemOf = (ref: string): string => {
  try {
    parseImageReference(ref);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${ref} parsed`);
};

describe('reference problems in the UI language', () => {
  const { en, zh } = transferMsg;
  const cases: [string, string][] = [
    ['Busybox', zh.refBadRepository('Busybox')],
    ['busybox:bad tag', zh.refBadTag('busybox:bad tag', 'bad tag')],
    ['busybox@sha256:xyz', zh.refBadDigest('busybox@sha256:xyz', 'sha256:xyz')],
    ['bad_host.io/app', zh.refBadHost('bad_host.io/app', 'bad_host.io')],
    ['x'.repeat(513), zh.refWrongLength('x'.repeat(513))],
  ];

  it.each(cases)('words the parser problem for %s by its kind', (ref, chinese) => {
    const problem = problemOf(ref);
    expect(referenceProblemText(problem, en)).toBe(problem);
    expect(referenceProblemText(problem, zh)).toBe(chinese);
  });

  it('shows a problem of another shape as it comes', () => {
    expect(referenceProblemText('connection lost', zh)).toBe('connection lost');
    expect(referenceProblemText('not an image reference', zh)).toBe(zh.refNotReference);
  });
});
