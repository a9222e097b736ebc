import type pg from 'pg';
import { ConsultationReport } from '../../common/signaling/messages';
import type { ColumnCipher } from './column-cipher';
import type { ReportStore } from './consultation-reports';

/** The sealed report is bound to its consultation: a value copied to another row does not open. */
const where = (consultationId: string) => `consultation_reports.report:${consultationId}`;

/** The doctors' reports on PostgreSQL (migration 0010), the report sealed under the data key. */
export class PgConsultationReports implements ReportStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  save(report: ConsultationReport): Promise<void> {
    return this.insert(this.pool, report);
  }

  /** The write on a given connection: the pool, or a caller's transaction (ended-consultation.ts). */
  async insert(client: pg.Pool | pg.ClientBase, report: ConsultationReport): Promise<void> {
    await client.query(
      `INSERT INTO consultation_reports (consultation_id, session_id, doctor_id, ended_at, report)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consultation_id) DO NOTHING`,
      [
        report.consultationId,
        report.sessionId,
        report.doctor.id,
        report.endedAt,
        this.cipher.sealJson(report, where(report.consultationId)),
      ],
    );
  }

  async get(consultationId: string): Promise<ConsultationReport | null> {
    const { rows } = await this.pool.query<{ report: Buffer }>(
      'SELECT report FROM consultation_reports WHERE consultation_id = $1',
      [consultationId],
    );
    const row = rows[0];
    return row ? ConsultationReport.parse(this.cipher.openJson(row.report, where(consultationId))) : null;
  }
}
