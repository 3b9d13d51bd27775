import { describe, expect, it } from 'vitest';
import { countLoaded } from './loaded-refs';
import { transferMsg } from './messages';

const ID = `sha256:${'ab'.repeat(32)}`;

describe('what a load brought', () => {
  it('counts two names of one image as two names, not two images', () => {
    const c = countLoaded(['myimg/httpd:latest', 'strata-test/httpd:v1']);
    expect(c).toEqual({ names: 2, untagged: 0 });
    expect(transferMsg.en.loaded(c.names, c.untagged, false)).toBe('Loaded 2 names:');
    expect(transferMsg.zh.loaded(c.names, c.untagged, false)).toBe('已加载 2 个名称：');
  });
  it('counts images saved without a name (their IDs) apart', () => {
    const c = countLoaded(['busybox:latest', ID]);
    expect(c).toEqual({ names: 1, untagged: 1 });
    expect(transferMsg.en.loaded(1, 1, true)).toBe(
      'Loaded 1 name and 1 untagged image (an OCI archive, converted to the Docker layout first):',
    );
    expect(transferMsg.en.loaded(0, 2, false)).toBe('Loaded 2 untagged images:');
    expect(transferMsg.zh.loaded(1, 1, false)).toBe('已加载 1 个名称和 1 个无标签镜像：');
  });
});
