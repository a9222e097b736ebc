import type pg from 'pg';
import { PLATFORM_API } from '../common/signaling/fleet';
import { createLogger } from '../common/util/logger';
import { sendError, type HttpApp } from '../http/http-server';
import { PgRecordsRepository } from './records/pg-records-repository';
import type { RecordsRepository } from './records/records-repository';

const log = createLogger('platform:database');

/** What /healthz says of the shared database: reachable, or lost since when and why. */
export type DatabaseHealth =
  { state: 'embedded' } | { state: 'ok'; checkedAt: string } | { state: 'lost'; since: string; reason: string };

const PROBE_MS = 2_000;

/**
 * Watches the PostgreSQL database (none to watch for the embedded SQLite, which lives in the
 * process): a `SELECT 1` every 2 s. While it is lost the node takes no new call (a kiosk's call
 * ticket is refused with 503, saying why) but keeps the running ones, whose media and signalling do
 * not need the database; /healthz answers 503 with the reason, so a load balancer sends new clients
 * to a node that has it. Stops with the app.
 */
export function watchDatabase(app: HttpApp, repository: RecordsRepository, intervalMs = PROBE_MS) {
  let health: DatabaseHealth = { state: 'embedded' };
  if (repository instanceof PgRecordsRepository) {
    const { pool } = repository.connection();
    health = { state: 'ok', checkedAt: new Date().toISOString() };
    const probe = async () => (health = await probeOnce(pool, health));
    const timer = setInterval(() => void probe(), intervalMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  app.addHook('onRequest', async (request, reply) => {
    if (health.state !== 'lost' || request.method !== 'POST' || request.url !== PLATFORM_API.callTickets) return;
    return sendError(reply, 503, 'database-lost', `this node lost its database (${health.reason}): try again shortly`);
  });
  return { health: () => health, healthy: () => health.state !== 'lost' };
}

async function probeOnce(pool: pg.Pool, before: DatabaseHealth): Promise<DatabaseHealth> {
  try {
    await pool.query('SELECT 1');
    if (before.state === 'lost') log.info(`database back after a loss since ${before.since}`);
    return { state: 'ok', checkedAt: new Date().toISOString() };
  } catch (error) {
    if (before.state === 'lost') return before;
    const reason = (error as Error).message || 'no answer';
    log.error(`database lost: ${reason}; no new calls until it is back, running calls go on`);
    return { state: 'lost', since: new Date().toISOString(), reason };
  }
}
