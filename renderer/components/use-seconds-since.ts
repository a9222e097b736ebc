import { useEffect, useState } from 'react';

/**
 * Whole seconds since `since` (ISO 8601), counted up once a second; null without a start. The
 * start comes from the flow (kept across a rejoin), so the count does not restart with the screen.
 */
export function useSecondsSince(since: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? null : Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
}
