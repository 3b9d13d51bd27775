import { describe, expect, it } from 'vitest';
import { archiveSourceLine } from './archive-source';
import { archiveMsg } from './messages';

describe("an opened archive's source line", () => {
  const plain = {
    format: 'docker-archive',
    variant: 'docker save (legacy layout)',
    compression: 'none',
    fileBytes: 2048,
  } as const;
  it('says the compression in words, not a bare "none"', () => {
    expect(archiveSourceLine(plain, archiveMsg.en)).toBe(
      'docker-archive · docker save (legacy layout) · not compressed · 2.0 KiB',
    );
    expect(archiveSourceLine({ ...plain, compression: 'gzip' }, archiveMsg.en)).toContain(
      ' · gzip-compressed · ',
    );
    expect(archiveSourceLine(plain, archiveMsg.zh)).toContain(' · 未压缩 · ');
    expect(archiveSourceLine({ ...plain, compression: 'xz' }, archiveMsg.zh)).toContain(' · xz 压缩 · ');
  });
});
