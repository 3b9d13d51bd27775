import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../src-shared/dto';
import { imageSummary } from '../../../test/support/dto-stand-ins';
import { selectForSave } from './save-names';

const img = (id: string, repoTags: string[], size: number): ImageSummary => ({
  ...imageSummary(`sha256:${id.padEnd(64, '0')}`, repoTags),
  size,
});

const images = [
  img('aa', ['app/web:1', 'app/web:2', 'busybox:latest'], 100),
  img('bb', ['app/web:3', 'app/webx:1'], 50),
  img('cc', ['127.0.0.1:5000/app/web:1'], 10),
  img('dd', [], 7),
];

describe('selectForSave', () => {
  it('expands a repository to all its tags, not those of look-alike repositories, and estimates distinct images once', () => {
    const s = selectForSave(images, [], ['app/web']);
    expect(s.names).toEqual(['app/web:1', 'app/web:2', 'app/web:3']);
    expect(s.estimatedBytes).toBe(150);
  });

  it('matches Docker Hub spellings and keeps refs and IDs as given, without duplicates', () => {
    const s = selectForSave(images, ['dd00', 'app/web:1'], ['docker.io/library/busybox', 'app/web']);
    expect(s.names).toEqual(['dd00', 'app/web:1', 'busybox:latest', 'app/web:2', 'app/web:3']);
    expect(s.estimatedBytes).toBe(157);
  });

  it('refuses an empty selection and a repository with no local tag', () => {
    expect(() => selectForSave(images, [], [])).toThrow(/Nothing to save/);
    expect(() => selectForSave(images, [], ['nope/nothing'])).toThrow(/No local image/);
  });
});
