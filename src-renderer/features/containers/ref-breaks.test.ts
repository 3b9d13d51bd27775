import { describe, expect, it } from 'vitest';
import { refParts } from './ref-breaks';

describe('refParts', () => {
  it('cuts after / : and @, and joins back to the reference', () => {
    expect(refParts('strata-test/busybox:base')).toEqual(['strata-test/', 'busybox:', 'base']);
    expect(refParts('127.0.0.1:5000/a/b@sha256:ab')).toEqual([
      '127.0.0.1:',
      '5000/',
      'a/',
      'b@',
      'sha256:',
      'ab',
    ]);
    expect(refParts('busybox')).toEqual(['busybox']);
    for (const r of ['strata-test/busybox:base', 'x@sha256:1']) expect(refParts(r).join('')).toBe(r);
  });
});
