/** An analysis opened for a picture (a local image or an archive file), its session closed when the picture goes. */
import { useEffect } from 'react';
import type { ArchiveAnalysis } from '../../../src-shared/archive-analysis';
import { call } from '../../ipc/client';
import { useAsync, type AsyncState } from './use-async';

export function useSessionAnalysis(
  open: () => Promise<{ sessionId: string; analysis: ArchiveAnalysis }>,
  deps: readonly (string | number)[],
): AsyncState<ArchiveAnalysis> {
  const state = useAsync(open, deps);
  const sessionId = state.status === 'ready' ? state.value.sessionId : null;
  useEffect(
    () => () => {
      if (sessionId) void call('closeArchive', { sessionId }).catch(() => undefined);
    },
    [sessionId],
  );
  return state.status === 'ready' ? { status: 'ready', value: state.value.analysis } : state;
}
