import { createLogger } from '../../common/util/logger';
import type { KioskRevocationStore } from './auth-stores';

const log = createLogger('platform:auth');

/** How old the node's copy of the whole revocation table may grow before a check reads it all again. */
const RELOAD_MS = 30_000;

/**
 * The kiosk revocations as every check reads them from the store (so a revocation counts at once on
 * every node), with the node's copy of the whole table (a few rows) for when the store does not
 * answer: a node that lost its database keeps the calls under way, whose kiosks reconnect and beat
 * with their credentials (issue 15, bad input). During such a loss a check answers from the copy, as
 * of its last read (at most RELOAD_MS older than the loss): a revocation written meanwhile counts once
 * the database is back. Before a first read of the table, a failed check rejects (nothing to go by).
 */
export function mirroredRevocations(store: KioskRevocationStore, now: () => number = Date.now): KioskRevocationStore {
  let mirror: Map<string, number> | null = null;
  let loadedAt = 0;
  let degraded = false;
  const reload = async () => {
    mirror = await store.all();
    loadedAt = now();
  };
  // Read at once, so a database lost before the first kiosk's check still leaves a copy.
  reload().catch(() => {});
  return {
    async revokedBefore(kioskId) {
      try {
        if (mirror === null || now() - loadedAt >= RELOAD_MS) await reload();
        const value = await store.revokedBefore(kioskId);
        if (value === null) mirror!.delete(kioskId);
        else mirror!.set(kioskId, value);
        if (degraded) log.info('kiosk revocations read from the database again');
        degraded = false;
        return value;
      } catch (error) {
        if (mirror === null) throw error;
        if (!degraded)
          log.warn(`kiosk revocations unreadable (${(error as Error).message}): checked against this node's copy`);
        degraded = true;
        return mirror.get(kioskId) ?? null;
      }
    },
    revoke: (kioskId, atMs) => store.revoke(kioskId, atMs),
    all: () => store.all(),
  };
}
