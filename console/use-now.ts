import { useEffect, useState } from 'react';

/** The current time (ms since the epoch), refreshed every `intervalMs` (the queue's waiting times). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(tick);
  }, [intervalMs]);
  return now;
}
