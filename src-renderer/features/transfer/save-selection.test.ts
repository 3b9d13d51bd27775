import { describe, expect, it } from 'vitest';
import { imageSummary } from '../../../test/support/dto-stand-ins';
import {
  defaultArchiveName,
  repositoriesOf,
  repositoryOf,
  saveRequest,
  withArchiveExtension,
} from './save-selection';

const image = imageSummary;

describe('save selection', () => {
  it('finds the repository of a tag, registry port included', () => {
    expect(repositoryOf('strata-e2e/img:t1')).toBe('strata-e2e/img');
    expect(repositoryOf('127.0.0.1:5000/x/y:2')).toBe('127.0.0.1:5000/x/y');
    expect(repositoryOf('127.0.0.1:5000/x/y')).toBe('127.0.0.1:5000/x/y');
  });

  it('lists each repository once', () => {
    const imgs = [image('sha256:a', ['r/a:1', 'r/a:2', 'base:x']), image('sha256:b', ['r/a:3'])];
    expect(repositoriesOf(imgs)).toEqual(['base', 'r/a']);
  });

  it('drops tags a whole repository covers and saves untagged images by ID', () => {
    const imgs = [image('sha256:a', ['r/a:1', 'base:x']), image('sha256:n', [])];
    const req = saveRequest(imgs, new Set(['r/a:1', 'base:x']), new Set(['r/a']));
    expect(req).toEqual({ refs: ['base:x', 'sha256:n'], repositories: ['r/a'] });
    const onlyRepo = saveRequest(imgs.slice(0, 1), new Set(), new Set(['r/a']));
    expect(onlyRepo).toEqual({ refs: [], repositories: ['r/a'] });
  });

  it('names the archive after the first image and follows the gzip toggle', () => {
    expect(defaultArchiveName({ refs: ['strata-e2e/img:t2'], repositories: [] }, true)).toBe(
      'strata-e2e_img_t2.tar.gz',
    );
    expect(defaultArchiveName({ refs: ['base:x'], repositories: ['strata-e2e/img'] }, true)).toBe(
      'strata-e2e_img-and-1-more.tar.gz',
    );
    expect(defaultArchiveName({ refs: ['sha256:0123456789ab', 'sha256:b'], repositories: [] }, false)).toBe(
      '0123456789ab-and-1-more.tar',
    );
    expect(withArchiveExtension('/tmp/x.tar', true)).toBe('/tmp/x.tar.gz');
    expect(withArchiveExtension('/tmp/x.tar.gz', false)).toBe('/tmp/x.tar');
    expect(withArchiveExtension('/tmp/x.bin', true)).toBe('/tmp/x.bin');
  });
});
