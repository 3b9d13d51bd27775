import { beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveAnalysis } from '../../src-shared/archive-analysis';
import { installFakeApi, type FakeApi } from './fake-api.test-support';
import { useStore } from './index';

/** Just what the slice reads of an analysis: images with layers. */
const analysis = (images: { id: string; layers: number }[]): ArchiveAnalysis =>
  ({
    images: images.map((i) => ({
      id: i.id,
      layers: Array.from({ length: i.layers }, (_, index) => ({ index })),
    })),
  }) as unknown as ArchiveAnalysis;

let fake: FakeApi;
beforeEach(() => {
  fake = installFakeApi();
  fake.on('closeArchive', () => ({ closed: true }));
  useStore.setState({ archive: { status: 'idle' }, archiveVerify: { status: 'idle' } });
});

describe('showLocalAnalysis (Images > Analyze)', () => {
  it('shows the image from the engine at its top layer, with no file behind it', () => {
    useStore.getState().showLocalAnalysis('strata-test/layers:1.0', {
      sessionId: 's-engine',
      analysis: analysis([{ id: 'sha256:top', layers: 4 }]),
    });
    const s = useStore.getState();
    expect(s.archive).toMatchObject({
      status: 'ready',
      sessionId: 's-engine',
      name: 'strata-test/layers:1.0',
      path: '',
      source: 'engine',
    });
    expect(s.selectedImageId).toBe('sha256:top');
    expect(s.selectedLayer).toBe(3);
  });

  it('frees the session it replaces, and stops the background check of the old archive', async () => {
    fake.on('cancelJob', () => ({ cancelled: true }));
    useStore.setState({ archiveVerify: { status: 'running', sessionId: 's-file', jobId: 'verify-1' } });
    useStore
      .getState()
      .showLocalAnalysis('a', { sessionId: 's-old', analysis: analysis([{ id: 'x', layers: 1 }]) });
    useStore
      .getState()
      .showLocalAnalysis('b', { sessionId: 's-new', analysis: analysis([{ id: 'y', layers: 2 }]) });
    await Promise.resolve();
    expect(fake.calls).toContainEqual({ name: 'closeArchive', args: { sessionId: 's-old' } });
    expect(fake.calls).toContainEqual({ name: 'cancelJob', args: { jobId: 'verify-1' } });
    expect(useStore.getState().archive).toMatchObject({ sessionId: 's-new', source: 'engine' });
  });
});
