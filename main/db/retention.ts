import type { SqliteDatabase } from './open-database';

/** The retention rules, from `config.retention`. */
export interface RetentionPolicy {
  /** Minutes after the platform's last acknowledgement of a finished session before its data is purged. */
  purgeAfterAckMinutes: number;
  /** The maintenance register, calibrations, device events and audit log are kept this many years. */
  maintenanceRegisterYears: number;
}

export interface PurgeReport {
  /** Sessions whose identity, intake, measurements and outbox rows were deleted. */
  sessions: number;
  /** Register, calibration, device-event and audit lines past their retention. */
  registerLines: number;
}

/**
 * Deletes what the kiosk no longer may or needs to hold, at time `nowMs`:
 * - a session's identity, intake answers, measurements and outbox rows, once the session is over,
 *   every one of its outbox rows is acknowledged, and `purgeAfterAckMinutes` have passed since the
 *   last acknowledgement. A session with anything unacknowledged is never touched. The session row
 *   (times, outcome) and its consents (text version and time: no identity) stay as the trace;
 * - register lines, calibrations, device events and audit lines older than `maintenanceRegisterYears`;
 *   the outbox copy of a register line (a calibration sent to the platform) once acknowledged, as
 *   a session's rows are.
 */
export function purgeExpired(db: SqliteDatabase, policy: RetentionPolicy, nowMs: number): PurgeReport {
  const ackCutoff = nowMs - policy.purgeAfterAckMinutes * 60_000;
  const registerCutoff = new Date(nowMs);
  registerCutoff.setUTCFullYear(registerCutoff.getUTCFullYear() - policy.maintenanceRegisterYears);
  const cutoffMs = registerCutoff.getTime();

  return db.transaction(() => {
    const due = db
      .prepare<[number], { id: string }>(
        `SELECT s.id FROM sessions s
         WHERE s.ended_at IS NOT NULL AND s.purged_at_ms IS NULL
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.session_id = s.id AND o.acked_at_ms IS NULL)
           AND coalesce((SELECT max(o.acked_at_ms) FROM outbox o WHERE o.session_id = s.id), s.closed_at_ms) <= ?`,
      )
      .all(ackCutoff);
    for (const { id } of due) {
      for (const table of ['identities', 'intakes', 'measurements', 'outbox']) {
        db.prepare(`DELETE FROM ${table} WHERE session_id = ?`).run(id);
      }
      db.prepare('UPDATE sessions SET purged_at_ms = ? WHERE id = ?').run(nowMs, id);
    }
    // A register line's outbox row is only its delivery copy: the register keeps the line itself.
    db.prepare('DELETE FROM outbox WHERE session_id IS NULL AND acked_at_ms IS NOT NULL AND acked_at_ms <= ?').run(
      ackCutoff,
    );
    const registerLines =
      db.prepare('DELETE FROM maintenance_register WHERE at_ms < ?').run(cutoffMs).changes +
      db.prepare('DELETE FROM calibrations WHERE performed_at_ms < ?').run(cutoffMs).changes +
      db.prepare('DELETE FROM device_events WHERE at_ms < ?').run(cutoffMs).changes +
      db.prepare('DELETE FROM audit_log WHERE at_ms < ?').run(cutoffMs).changes;
    return { sessions: due.length, registerLines };
  })();
}
