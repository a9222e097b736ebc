import { PLATFORM_API } from '../../common/signaling/fleet';
import { TechnicianAccountList, type TechnicianAccountWire } from '../../common/staff/technician';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';

const log = createLogger('kiosk:main:technician-accounts');

export interface TechnicianAccountsSyncOptions {
  platformUrl: string;
  credential: () => string;
  /** Told the `error` code of a 401 answer (PlatformCredential.refused). */
  onRefused?(code: unknown): void;
  /** Where the accounts are cached (KioskStore.technicians). */
  table: { replaceAll(accounts: readonly TechnicianAccountWire[]): void };
  fetch?: typeof fetch;
  clock?: Clock;
  /** Default 5 minutes: a revoked technician is dropped within that. */
  intervalMs?: number;
}

/**
 * Fetches the technicians' accounts over the kiosk's credential at start and every 5 minutes and
 * caches them in the store, so a technician signs in offline with what was last received. A failed
 * fetch keeps the cache as it is (logged once per outage); a malformed answer never replaces it.
 */
export function startTechnicianAccountsSync(options: TechnicianAccountsSyncOptions): {
  refresh(): Promise<boolean>;
  stop(): void;
} {
  const clock = options.clock ?? systemClock;
  const doFetch = options.fetch ?? fetch;
  const url = `${options.platformUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/$/, '')}${PLATFORM_API.technicians}`;
  let failing = false;
  let timer: unknown = null;
  let stopped = false;

  const refresh = async (): Promise<boolean> => {
    try {
      const res = await doFetch(url, {
        headers: { authorization: `Bearer ${options.credential()}` },
        signal: AbortSignal.timeout(10_000),
      });
      const answer: unknown = await res.json().catch(() => null);
      if (res.status === 401) options.onRefused?.((answer as { error?: unknown } | null)?.error);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const parsed = TechnicianAccountList.safeParse(answer);
      if (!parsed.success) throw new Error('the platform sent a list that is not technician accounts');
      options.table.replaceAll(parsed.data.technicians);
      if (failing) log.info('technician accounts fetched again');
      failing = false;
      return true;
    } catch (error) {
      if (!failing)
        log.warn(`technician accounts not fetched (the cached ones still sign in): ${(error as Error).message}`);
      failing = true;
      return false;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = clock.setTimeout(() => void refresh().finally(schedule), options.intervalMs ?? 5 * 60_000);
    (timer as { unref?: () => void } | null)?.unref?.();
  };
  void refresh().finally(schedule);
  return {
    refresh,
    stop: () => {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
    },
  };
}
