/**
 * The time now, read again every `everyMs`: a relative time in a list ("just now", "1s ago")
 * would otherwise stay as it was at the list's last refresh, which only engine events bring.
 */
import { useEffect, useState } from 'react';

export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
