import type Database from 'better-sqlite3-multiple-ciphers';
import type { ExamStillInfo, StillContentType } from '../../common/exam-camera/still';
import type { ExamStill } from './records-repository';

/** The exam_stills table (migration 0010), apart from the repository's other tables. */
export class ExamStillsTable {
  constructor(private readonly db: Database.Database) {}

  store(still: ExamStill): void {
    this.db
      .prepare(
        `INSERT INTO exam_stills (id, session_id, kiosk_id, consultation_id, captured_at, width, height,
           content_type, doctor_rpps, image) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        still.id,
        still.sessionId,
        still.kioskId,
        still.consultationId,
        still.capturedAt,
        still.width,
        still.height,
        still.contentType,
        still.doctorRpps,
        Buffer.from(still.image.buffer, still.image.byteOffset, still.image.byteLength),
      );
  }

  list(sessionId: string): ExamStillInfo[] {
    type Row = { id: string; captured_at: string; width: number; height: number; content_type: StillContentType };
    return this.db
      .prepare<[string], Row>(
        `SELECT id, captured_at, width, height, content_type FROM exam_stills
         WHERE session_id = ? ORDER BY captured_at, rowid`,
      )
      .all(sessionId)
      .map((r) => ({
        id: r.id,
        capturedAt: r.captured_at,
        width: r.width,
        height: r.height,
        contentType: r.content_type,
      }));
  }

  image(sessionId: string, stillId: string): { contentType: string; image: Uint8Array } | null {
    const row = this.db
      .prepare<[string, string], { content_type: string; image: Buffer }>(
        'SELECT content_type, image FROM exam_stills WHERE session_id = ? AND id = ?',
      )
      .get(sessionId, stillId);
    return row ? { contentType: row.content_type, image: new Uint8Array(row.image) } : null;
  }
}
