/** At start: once the engine's state is known, open Learn when no engine is connected. */
import { useEffect, useRef } from 'react';
import { useStore } from '../../store';

export function useLearnWhenNoEngine(openLearn: () => void): void {
  const status = useStore((s) => s.engine.status);
  const decided = useRef(false);
  useEffect(() => {
    if (decided.current || status === 'unknown') return;
    decided.current = true;
    if (status !== 'connected') openLearn();
  }, [status, openLearn]);
}
