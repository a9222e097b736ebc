import type Database from 'better-sqlite3-multiple-ciphers';
import { ConsultationReport } from '../../common/signaling/messages';

/**
 * The doctors' consultation reports (notes, readings, prescription), in the records database and
 * encrypted with it. One per consultation: a retry after a failed write stores it once.
 */
export class ConsultationReports {
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

  /** Stores the report durably before returning; throws when the database refuses it. */
  save(report: ConsultationReport): void {
    this.statements.save.run(
      report.consultationId,
      report.sessionId,
      report.doctor.id,
      report.endedAt,
      JSON.stringify(report),
    );
  }

  get(consultationId: string): ConsultationReport | null {
    const row = this.statements.get.get(consultationId);
    return row ? ConsultationReport.parse(JSON.parse(row.report)) : null;
  }
}
