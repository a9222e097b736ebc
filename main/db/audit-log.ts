import type { Clock } from '../../common/util/clock';
import type { SqliteDatabase } from './open-database';

/** One audit line. Roles and ids only: never a name, NIR or reading. */
export interface AuditEntry {
  /** "pharmacist", "technician", "system", "kioskctl"… */
  actor: string;
  /** Stable code, e.g. "pin-mode-entered", "fhir-export", "purge". */
  action: string;
  /** The id acted on (session id, device id), if any. */
  subject: string | null;
}

/** Append-only audit log of who did what on the kiosk. */
export class AuditLog {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {}

  append(entry: AuditEntry): void {
    const now = this.clock.now();
    this.db
      .prepare('INSERT INTO audit_log (at, at_ms, actor, action, subject) VALUES (?, ?, ?, ?, ?)')
      .run(new Date(now).toISOString(), now, entry.actor, entry.action, entry.subject);
  }

  /** Oldest first, from `sinceMs` (ms since the epoch) on. */
  list(sinceMs = 0): (AuditEntry & { at: string })[] {
    return this.db
      .prepare<[number], AuditEntry & { at: string }>(
        'SELECT at, actor, action, subject FROM audit_log WHERE at_ms >= ? ORDER BY at_ms, id',
      )
      .all(sinceMs);
  }
}
