import type Database from 'better-sqlite3-multiple-ciphers';
import { ConsultationReport } from '../../common/signaling/messages';

/**
 * The doctors' consultation reports on either engine: SQLite (below) or PostgreSQL
 * (pg-consultation-reports.ts). One per consultation: a retry after a failed write stores it once.
 */
export interface ReportStore {
  /** Stores the report durably before resolving; rejects when the database refuses it. */
  save(report: ConsultationReport): Promise<void>;
  get(consultationId: string): Promise<ConsultationReport | null>;
}

/** The reports (notes, readings, prescription) in the records database, encrypted with it. */
export class ConsultationReports implements ReportStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      save: db.prepare(
        `INSERT INTO consultation_reports (consultation_id, session_id, doctor_id, ended_at, report)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (consultation_id) DO NOTHING`,
      ),
      get: db.prepare<[string], { report: string }>(
        'SELECT report FROM consultation_reports WHERE consultation_id = ?',
      ),
    };
  }

  async save(report: ConsultationReport): Promise<void> {
    this.insert(report);
  }

  /** The write itself, synchronous: for a caller's SQLite transaction (ended-consultation.ts). */
  insert(report: ConsultationReport): void {
    this.statements.save.run(
      report.consultationId,
      report.sessionId,
      report.doctor.id,
      report.endedAt,
      JSON.stringify(report),
    );
  }

  async get(consultationId: string): Promise<ConsultationReport | null> {
    const row = this.statements.get.get(consultationId);
    return row ? ConsultationReport.parse(JSON.parse(row.report)) : null;
  }
}
