import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { KioskConfig } from '../../kiosk-config/schema';
import { KioskStore } from '../db/kiosk-store';
import { PlatformCredential } from '../platform-credential';
import { platformFetch } from '../platform-fetch';
import { HttpRecordsTransport } from './records-transport';
import { SyncClient } from './sync-client';

const log = createLogger('kiosk:records');

/** How often the retention rules run (ms). */
const PURGE_EVERY_MS = 60_000;

export interface KioskRecords {
  /** The encrypted store; the flow writes through it as a SessionStore. */
  readonly store: KioskStore;
  readonly sync: SyncClient;
  /** Stops the sync (after its batch in flight) and the purge timer, then closes the store. */
  close(): Promise<void>;
}

/**
 * The kiosk's durable records, as the composition root starts them: the store from
 * `config.storage` (key file created 0600 when missing), the sync client to `config.platform`, and
 * the retention rules of `config.retention` applied every minute and once at start-up. Sessions a
 * previous run left open are closed as "interrupted" first.
 */
export function startKioskRecords(
  config: Pick<KioskConfig, 'storage' | 'platform' | 'retention'>,
  clock: Clock = systemClock,
  credential = new PlatformCredential(config.platform.credentialFile),
  /** The main process's one way to the platform (main/platform-fetch.ts), shared with the call. */
  fetch: typeof globalThis.fetch = platformFetch(config.platform),
): KioskRecords {
  const store = KioskStore.openInDataDir(config.storage, clock);
  const interrupted = store.closeInterruptedSessions(new Date(clock.now()).toISOString());
  if (interrupted.length > 0)
    log.warn(`closed ${interrupted.length} session(s) left open by the previous run: ${interrupted.join(', ')}`);
  const sync = new SyncClient({
    outbox: store.outbox,
    transport: new HttpRecordsTransport({
      platformUrl: config.platform.url,
      credential,
      fetch,
    }),
    clock,
  });
  sync.start();
  let timer: unknown = null;
  let closed = false;
  const purge = () => {
    try {
      const report = store.purge(config.retention);
      if (report.sessions > 0 || report.registerLines > 0) {
        log.info(`purged ${report.sessions} sessions and ${report.registerLines} register lines`);
        store.audit.append({
          actor: 'system',
          action: 'retention-purge',
          subject: `${report.sessions} sessions, ${report.registerLines} register lines`,
        });
      }
    } catch (error) {
      log.error(`purge failed: ${(error as Error).message}`);
    }
    if (!closed) timer = clock.setTimeout(purge, PURGE_EVERY_MS);
  };
  purge();
  return {
    store,
    sync,
    close: async () => {
      closed = true;
      clock.clearTimeout(timer);
      await sync.stop();
      store.close();
    },
  };
}
