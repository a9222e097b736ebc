import type pg from 'pg';
import type { AuscultationClipInfo } from '../../common/auscultation/clip';
import type { AuscultationSite } from '../../common/auscultation/sites';
import type { CalibrationRecord } from '../../common/calibration/calibration-record';
import type { Measurement } from '../../common/devices/measurement';
import type { ExamStillInfo, StillContentType } from '../../common/exam-camera/still';
import type { PatientIdentity } from '../../common/identity/identity';
import type { ConsultationRecord } from '../../common/records/consultation';
import type { SessionOutcome } from '../../common/records/session-outcome';
import type { ConsentRecord as KioskConsentAnswer, RecordItem } from '../../common/records/wire';
import { type ColumnCipher } from './column-cipher';
import { applyPgItem } from './pg-record-items';
import { openPgPool, type PgDatabase } from './pg-database';
import { PgQueueStore } from './pg-queue-store';
import type { EpochQueueStore } from '../cluster/call-fence';
import {
  RecordsConflictError,
  type AuscultationClip,
  type ExamStill,
  type RecordsRepository,
} from './records-repository';

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/**
 * RecordsRepository on PostgreSQL (PLATFORM_DATABASE_URL): the same contract as the SQLite engine
 * (server/records/records-repository.contract.test.ts runs one suite on both), for platforms past
 * one machine. The health data is sealed column by column under the data key (column-cipher.ts).
 */
export class PgRecordsRepository implements RecordsRepository {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly cipher: ColumnCipher,
  ) {}

  /** Connects, migrates and checks the key; rejects with what is wrong (unreachable, wrong key). */
  static async open(database: PgDatabase): Promise<PgRecordsRepository> {
    const { pool, cipher } = await openPgPool(database);
    return new PgRecordsRepository(pool, cipher);
  }

  async storeBatch(kioskId: string, items: readonly RecordItem[]): Promise<string[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const owned = new Set<string>();
      for (const item of items) {
        if (item.sessionId === null) {
          if (item.payload.kioskId !== kioskId)
            throw new RecordsConflictError(`${item.kind} ${item.id} is kiosk ${item.payload.kioskId}'s`);
        } else if (!owned.has(item.sessionId)) {
          await client.query(
            'INSERT INTO consultations (session_id, kiosk_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
            [item.sessionId, kioskId],
          );
          // Locked to the end of the batch: another node's batch for the same session waits.
          const { rows } = await client.query<{ kiosk_id: string }>(
            'SELECT kiosk_id FROM consultations WHERE session_id = $1 FOR UPDATE',
            [item.sessionId],
          );
          if (rows[0]?.kiosk_id !== kioskId)
            throw new RecordsConflictError(`session ${item.sessionId} belongs to another kiosk`);
          owned.add(item.sessionId);
        }
        // The ledger row first: a concurrent batch with the same id waits on it, then skips the item.
        const fresh = await client.query(
          'INSERT INTO received_items (id, session_id, kind, received_at_ms) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [item.id, item.sessionId, item.kind, Date.now()],
        );
        if (fresh.rowCount === 1) await applyPgItem(client, this.cipher, kioskId, item);
      }
      await client.query('COMMIT');
      return items.map((item) => item.id);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async consultation(sessionId: string): Promise<ConsultationRecord | null> {
    type Row = {
      session_id: string;
      kiosk_id: string;
      started_at: string | null;
      ended_at: string | null;
      outcome: SessionOutcome | null;
      identity: Buffer | null;
    };
    const { rows } = await this.pool.query<Row>(
      'SELECT session_id, kiosk_id, started_at, ended_at, outcome, identity FROM consultations WHERE session_id = $1',
      [sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    const readings = await this.pool.query<{ id: string; reading: Buffer }>(
      'SELECT id, reading FROM measurements WHERE session_id = $1 ORDER BY taken_at, seq',
      [sessionId],
    );
    return {
      sessionId: row.session_id,
      kioskId: row.kiosk_id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      outcome: row.outcome,
      identity: row.identity
        ? this.cipher.openJson<PatientIdentity>(row.identity, `consultations.identity:${sessionId}`)
        : null,
      measurements: readings.rows.map((r) =>
        this.cipher.openJson<Measurement>(r.reading, `measurements.reading:${r.id}`),
      ),
    };
  }

  async calibrations(kioskId?: string): Promise<CalibrationRecord[]> {
    const { rows } = await this.pool.query<{ record: string }>(
      'SELECT record FROM calibrations WHERE $1::text IS NULL OR kiosk_id = $1 ORDER BY performed_at, seq',
      [kioskId ?? null],
    );
    return rows.map((r) => JSON.parse(r.record) as CalibrationRecord);
  }

  async storeAuscultationClip(clip: AuscultationClip): Promise<void> {
    await this.pool.query(
      `INSERT INTO auscultation_clips (id, session_id, kiosk_id, consultation_id, site, recorded_at, duration_ms,
         sample_rate_hz, doctor_rpps, wav) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        clip.id,
        clip.sessionId,
        clip.kioskId,
        clip.consultationId,
        clip.site,
        clip.recordedAt,
        clip.durationMs,
        clip.sampleRateHz,
        clip.doctorRpps,
        this.cipher.seal(bytes(clip.wav), `auscultation_clips.wav:${clip.id}`),
      ],
    );
  }

  async auscultationClips(sessionId: string): Promise<AuscultationClipInfo[]> {
    type Row = { id: string; site: AuscultationSite; recorded_at: string; duration_ms: number; sample_rate_hz: number };
    const { rows } = await this.pool.query<Row>(
      `SELECT id, site, recorded_at, duration_ms, sample_rate_hz FROM auscultation_clips
       WHERE session_id = $1 ORDER BY recorded_at, seq`,
      [sessionId],
    );
    return rows.map((r) => ({
      id: r.id,
      site: r.site,
      recordedAt: r.recorded_at,
      durationMs: r.duration_ms,
      sampleRateHz: r.sample_rate_hz,
    }));
  }

  async auscultationClipAudio(sessionId: string, clipId: string): Promise<Uint8Array | null> {
    const { rows } = await this.pool.query<{ wav: Buffer }>(
      'SELECT wav FROM auscultation_clips WHERE session_id = $1 AND id = $2',
      [sessionId, clipId],
    );
    return rows[0] ? new Uint8Array(this.cipher.open(rows[0].wav, `auscultation_clips.wav:${clipId}`)) : null;
  }

  async storeExamStill(still: ExamStill): Promise<void> {
    await this.pool.query(
      `INSERT INTO exam_stills (id, session_id, kiosk_id, consultation_id, captured_at, width, height,
         content_type, doctor_rpps, image) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        still.id,
        still.sessionId,
        still.kioskId,
        still.consultationId,
        still.capturedAt,
        still.width,
        still.height,
        still.contentType,
        still.doctorRpps,
        this.cipher.seal(bytes(still.image), `exam_stills.image:${still.id}`),
      ],
    );
  }

  async examStills(sessionId: string): Promise<ExamStillInfo[]> {
    type Row = { id: string; captured_at: string; width: number; height: number; content_type: StillContentType };
    const { rows } = await this.pool.query<Row>(
      `SELECT id, captured_at, width, height, content_type FROM exam_stills
       WHERE session_id = $1 ORDER BY captured_at, seq`,
      [sessionId],
    );
    return rows.map((r) => ({
      id: r.id,
      capturedAt: r.captured_at,
      width: r.width,
      height: r.height,
      contentType: r.content_type,
    }));
  }

  async examStillImage(sessionId: string, stillId: string): Promise<{ contentType: string; image: Uint8Array } | null> {
    const { rows } = await this.pool.query<{ content_type: string; image: Buffer }>(
      'SELECT content_type, image FROM exam_stills WHERE session_id = $1 AND id = $2',
      [sessionId, stillId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      contentType: row.content_type,
      image: new Uint8Array(this.cipher.open(row.image, `exam_stills.image:${stillId}`)),
    };
  }

  async consentAnswers(sessionId: string): Promise<KioskConsentAnswer[]> {
    const { rows } = await this.pool.query<{ id: string; consent: Buffer }>(
      'SELECT id, consent FROM consents WHERE session_id = $1 ORDER BY seq',
      [sessionId],
    );
    return rows.map((r) => this.cipher.openJson<KioskConsentAnswer>(r.consent, `consents.consent:${r.id}`));
  }

  async measurementIds(sessionId?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM measurements WHERE $1::text IS NULL OR session_id = $1 ORDER BY seq',
      [sessionId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** The platform's queue on the same database and key (server/calls/queue-journal.ts). */
  /** The pool and the column cipher, for the platform's other stores on this database (platform-pg-stores.ts). */
  connection(): { pool: pg.Pool; cipher: ColumnCipher } {
    return { pool: this.pool, cipher: this.cipher };
  }

  queueStore(): EpochQueueStore {
    return new PgQueueStore(this.pool, this.cipher);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
