import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import type { ConsultationReport } from '../../common/signaling/messages';
import type { BillingEntries } from '../billing/billing-entries';
import type { BillingEntry } from '../billing/billing-entry';
import type { PgBillingEntries } from '../billing/pg-billing-entries';
import type { ConsultationReports } from './consultation-reports';
import type { PgConsultationReports } from './pg-consultation-reports';

/**
 * A report and its billing row in one transaction: both stored, or neither (the end is retried, and
 * a report without its billing row would be a consultation never billed). Rejects when the database
 * refuses either: the doctor's console shows it and keeps the notes (server/calls/call-center.ts).
 */
export type SaveEnded = (report: ConsultationReport, entry: BillingEntry) => Promise<void>;

export function sqliteSaveEnded(
  db: Database.Database,
  reports: ConsultationReports,
  billing: BillingEntries,
): SaveEnded {
  const both = db.transaction((report: ConsultationReport, entry: BillingEntry) => {
    reports.insert(report);
    billing.insert(entry);
  });
  return async (report, entry) => both(report, entry);
}

export function pgSaveEnded(pool: pg.Pool, reports: PgConsultationReports, billing: PgBillingEntries): SaveEnded {
  return async (report, entry) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await reports.insert(client, report);
      await billing.insert(client, entry);
      await client.query('COMMIT');
    } catch (error) {
      // A connection the server dropped cannot roll back; it is discarded rather than pooled again.
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  };
}
