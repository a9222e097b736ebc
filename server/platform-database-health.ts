import pg from 'pg';
import { PLATFORM_API } from '../common/signaling/fleet';
import { createLogger } from '../common/util/logger';
import { sendError, type HttpApp } from '../http/http-server';
import { describeDatabaseUrl } from './records/pg-database';

const log = createLogger('platform:database');

/** What /healthz says of the shared database: reachable, or lost since when and why. */
export type DatabaseHealth =
  { state: 'embedded' } | { state: 'ok'; checkedAt: string } | { state: 'lost'; since: string; reason: string };

/** The node's one watch on its shared database (ClusterNode asks it whether to take new calls). */
export interface DatabaseWatch {
  health(): DatabaseHealth;
  /** Null while the database answers (or there is none to watch), else why this node takes no new calls. */
  refusal(): string | null;
  stop(): Promise<void>;
}

const PROBE_MS = 2_000;
/** A probe's longest wait: a server that stops answering (a partition, no reset) counts as lost. */
const PROBE_TIMEOUT_MS = 1_500;

/**
 * Watches the PostgreSQL database at `url` (none to watch for the embedded SQLite, which lives in
 * the process): a `SELECT 1` every 2 s on a connection of its own, bounded to 1.5 s, so that a pool
 * busy with the platform's queries neither hides a loss nor delays its news. While it is lost the
 * node takes no new call (a kiosk's call ticket is refused with 503, saying why; a new kiosk socket
 * is refused by the signalling) but keeps the running ones, whose media and signalling do not need
 * the database; /healthz answers 503 with the reason, so a load balancer sends new clients to a
 * node that has it.
 */
export function watchDatabase(url: string | null | undefined, intervalMs = PROBE_MS): DatabaseWatch {
  if (!url) return { health: () => ({ state: 'embedded' }), refusal: () => null, stop: async () => {} };
  const where = describeDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  // A dropped idle connection is the next probe's failure, never a crash.
  pool.on('error', () => {});
  let health: DatabaseHealth = { state: 'ok', checkedAt: new Date().toISOString() };
  const timer = setInterval(() => void probeOnce(pool, health).then((next) => (health = next)), intervalMs);
  timer.unref();
  return {
    health: () => health,
    refusal: () => (health.state === 'lost' ? `PostgreSQL at ${where} unreachable` : null),
    stop: async () => {
      clearInterval(timer);
      await pool.end().catch(() => {});
    },
  };
}

/** A kiosk's call ticket refused with 503, saying why, while the database is lost. */
export function refuseTicketsWhileLost(app: HttpApp, watch: DatabaseWatch): void {
  app.addHook('onRequest', async (request, reply) => {
    const health = watch.health();
    if (health.state !== 'lost' || request.method !== 'POST' || request.url !== PLATFORM_API.callTickets) return;
    return sendError(reply, 503, 'database-lost', `this node lost its database (${health.reason}): try again shortly`);
  });
}

async function probeOnce(pool: pg.Pool, before: DatabaseHealth): Promise<DatabaseHealth> {
  try {
    await pool.query('SELECT 1');
    if (before.state === 'lost') log.info(`database back after a loss since ${before.since}: taking new calls again`);
    return { state: 'ok', checkedAt: new Date().toISOString() };
  } catch (error) {
    if (before.state === 'lost') return before;
    const reason = (error as Error).message || 'no answer';
    log.error(`database lost: ${reason}; no new calls until it is back, running calls go on`);
    return { state: 'lost', since: new Date().toISOString(), reason };
  }
}
