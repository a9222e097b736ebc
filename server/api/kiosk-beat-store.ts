import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import { KioskHeartbeat } from '../../common/signaling/fleet';

/** A kiosk's last heartbeat as stored: what it reported and when a node received it. */
export interface StoredBeat {
  kioskId: string;
  beat: KioskHeartbeat;
  seenAt: number;
}

/**
 * The kiosks' last heartbeats where every node reads them (issue 15): one row a kiosk in the records
 * database (SQLite migration 0022) or PostgreSQL (migration 0017). Nodes write a kiosk's row at
 * most every BEAT_WRITE_MIN_MS (server/api/fleet-registry.ts) and read the rows that moved.
 */
export interface KioskBeatStore {
  /**
   * Each kiosk's row (one row each in `rows`), unless it holds a later heartbeat already; clears its
   * silence flag. One transaction (SQLite: one sync to disk) or one statement (PostgreSQL) for all.
   */
  save(rows: readonly StoredBeat[]): Promise<void>;
  /** Rows seen after `afterMs` (0: every row). */
  seenAfter(afterMs: number): Promise<StoredBeat[]>;
  /**
   * Claims the kiosks last seen before `cutoffMs` that nobody flagged since their last heartbeat:
   * one statement, so of N nodes sweeping at once each silent kiosk is returned to exactly one.
   */
  claimSilent(cutoffMs: number, nowMs: number): Promise<StoredBeat[]>;
}

const UPSERT = `ON CONFLICT (kiosk_id) DO UPDATE SET beat = excluded.beat, seen_at_ms = excluded.seen_at_ms,
      silent_flagged_at_ms = NULL
    WHERE kiosk_heartbeats.seen_at_ms <= excluded.seen_at_ms`;
const SQL = {
  save: `INSERT INTO kiosk_heartbeats (kiosk_id, beat, seen_at_ms, silent_flagged_at_ms) VALUES ($1, $2, $3, NULL)
    ${UPSERT}`,
  saveMany: `INSERT INTO kiosk_heartbeats (kiosk_id, beat, seen_at_ms, silent_flagged_at_ms)
    SELECT kiosk_id, beat, seen_at_ms, NULL FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t (kiosk_id, beat, seen_at_ms)
    ${UPSERT}`,
  seenAfter: 'SELECT kiosk_id, beat, seen_at_ms FROM kiosk_heartbeats WHERE seen_at_ms > $1 ORDER BY kiosk_id',
  claimSilent: `UPDATE kiosk_heartbeats SET silent_flagged_at_ms = $1
    WHERE seen_at_ms < $2 AND silent_flagged_at_ms IS NULL RETURNING kiosk_id, beat, seen_at_ms`,
} as const;
const sqlite = (sql: string) => sql.replace(/\$\d+/g, '?');

type Row = { kiosk_id: string; beat: string; seen_at_ms: number | string };
const stored = (r: Row): StoredBeat => ({
  kioskId: r.kiosk_id,
  beat: KioskHeartbeat.parse(JSON.parse(r.beat)),
  seenAt: Number(r.seen_at_ms),
});

/** In the records database (SQLite): the default engine. */
export class SqliteKioskBeatStore implements KioskBeatStore {
  constructor(private readonly db: Database.Database) {}

  async save(rows: readonly StoredBeat[]): Promise<void> {
    const save = this.db.prepare(sqlite(SQL.save));
    this.db.transaction(() => {
      for (const { kioskId, beat, seenAt } of rows) save.run(kioskId, JSON.stringify(beat), seenAt);
    })();
  }

  async seenAfter(afterMs: number): Promise<StoredBeat[]> {
    return this.db.prepare<[number], Row>(sqlite(SQL.seenAfter)).all(afterMs).map(stored);
  }

  async claimSilent(cutoffMs: number, nowMs: number): Promise<StoredBeat[]> {
    return this.db.prepare<[number, number], Row>(sqlite(SQL.claimSilent)).all(nowMs, cutoffMs).map(stored);
  }
}

/** On PostgreSQL: the UPDATE's row locks make the silence claim one node's (as appointment reminders). */
export class PgKioskBeatStore implements KioskBeatStore {
  constructor(private readonly pool: pg.Pool) {}

  async save(rows: readonly StoredBeat[]): Promise<void> {
    if (rows.length === 0) return;
    await this.pool.query(SQL.saveMany, [
      rows.map((r) => r.kioskId),
      rows.map((r) => JSON.stringify(r.beat)),
      rows.map((r) => r.seenAt),
    ]);
  }

  async seenAfter(afterMs: number): Promise<StoredBeat[]> {
    return (await this.pool.query<Row>(SQL.seenAfter, [afterMs])).rows.map(stored);
  }

  async claimSilent(cutoffMs: number, nowMs: number): Promise<StoredBeat[]> {
    return (await this.pool.query<Row>(SQL.claimSilent, [nowMs, cutoffMs])).rows.map(stored);
  }
}
