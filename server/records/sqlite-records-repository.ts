import type Database from 'better-sqlite3-multiple-ciphers';
import type { CalibrationRecord } from '../../common/calibration/calibration-record';
import type { Measurement } from '../../common/devices/measurement';
import type { PatientIdentity } from '../../common/identity/identity';
import type { ConsultationRecord } from '../../common/records/consultation';
import type { SessionOutcome } from '../../common/records/session-outcome';
import type { ConsentRecord as KioskConsentAnswer, RecordItem } from '../../common/records/wire';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import { openRecordsDatabase, type RecordsDatabaseFile } from './records-database';
import type { AuscultationClipInfo } from '../../common/auscultation/clip';
import type { AuscultationSite } from '../../common/auscultation/sites';
import type { ExamStillInfo } from '../../common/exam-camera/still';
import { ExamStillsTable } from './exam-stills-table';
import {
  RecordsConflictError,
  type AuscultationClip,
  type ExamStill,
  type RecordsRepository,
} from './records-repository';

/**
 * RecordsRepository on one SQLite file (WAL, synchronous=FULL: an acknowledgement must survive a
 * power cut of the platform). Serves one site's few hundred kiosks; see DESIGN.md "Scale".
 */
export class SqliteRecordsRepository implements RecordsRepository {
  private readonly db: Database.Database;
  private readonly stills: ExamStillsTable;
  private readonly statements;

  constructor(database: RecordsDatabaseFile) {
    this.db = openRecordsDatabase(database);
    this.stills = new ExamStillsTable(this.db);
    const prepare = (sql: string) => this.db.prepare(sql);
    this.statements = {
      seen: this.db.prepare<[string], { id: string }>('SELECT id FROM received_items WHERE id = ?'),
      owner: this.db.prepare<[string], { kiosk_id: string }>('SELECT kiosk_id FROM consultations WHERE session_id = ?'),
      ensure: prepare('INSERT INTO consultations (session_id, kiosk_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      remember: prepare('INSERT INTO received_items (id, session_id, kind, received_at_ms) VALUES (?, ?, ?, ?)'),
      started: prepare('UPDATE consultations SET started_at = ? WHERE session_id = ?'),
      identity: prepare('UPDATE consultations SET identity = ? WHERE session_id = ?'),
      consent: prepare('INSERT INTO consents (id, session_id, consent) VALUES (?, ?, ?)'),
      intake: prepare('UPDATE consultations SET intake = ? WHERE session_id = ?'),
      measurement: prepare(
        'INSERT INTO measurements (id, session_id, kind, taken_at, reading) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      closed: prepare(
        'UPDATE consultations SET ended_at = ?, outcome = ?, prescription_number = ?, rating = ? WHERE session_id = ?',
      ),
      calibration: prepare(
        'INSERT INTO calibrations (id, kiosk_id, device_id, performed_at, result, valid_until, record) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
    };
  }

  storeBatch(kioskId: string, items: readonly RecordItem[]): Promise<string[]> {
    const { seen, owner, ensure, remember } = this.statements;
    const store = this.db.transaction(() => {
      // A batch carries a few sessions' items: each session's owner is checked and its row ensured once.
      const owned = new Set<string>();
      for (const item of items) {
        if (item.sessionId === null) {
          // A register line: it must be the sending kiosk's own.
          if (item.payload.kioskId !== kioskId)
            throw new RecordsConflictError(`${item.kind} ${item.id} is kiosk ${item.payload.kioskId}'s`);
        } else if (!owned.has(item.sessionId)) {
          const holder = owner.get(item.sessionId)?.kiosk_id;
          if (holder !== undefined && holder !== kioskId)
            throw new RecordsConflictError(`session ${item.sessionId} belongs to another kiosk`);
          ensure.run(item.sessionId, kioskId);
          owned.add(item.sessionId);
        }
        if (seen.get(item.id)) continue;
        this.apply(kioskId, item);
        remember.run(item.id, item.sessionId, item.kind, Date.now());
      }
      return items.map((item) => item.id);
    });
    return Promise.resolve().then(() => store());
  }

  private apply(kioskId: string, item: RecordItem): void {
    const s = this.statements;
    switch (item.kind) {
      case 'session-opened':
        s.started.run(item.payload.startedAt, item.sessionId);
        return;
      case 'identity':
        s.identity.run(JSON.stringify(item.payload), item.sessionId);
        return;
      case 'consent':
        s.consent.run(item.id, item.sessionId, JSON.stringify(item.payload));
        return;
      case 'intake':
        s.intake.run(JSON.stringify(item.payload), item.sessionId);
        return;
      case 'measurement':
        // Keyed by the measurement's own id (the same as the item's): one row per reading, ever.
        s.measurement.run(
          item.payload.id,
          item.sessionId,
          item.payload.kind,
          item.payload.takenAt,
          JSON.stringify(item.payload),
        );
        return;
      case 'session-closed': {
        const e = item.payload;
        s.closed.run(e.endedAt, e.outcome, e.prescriptionNumber, e.rating, item.sessionId);
        return;
      }
      case 'calibration': {
        const c = item.payload;
        s.calibration.run(c.id, kioskId, c.deviceId, c.performedAt, c.result, c.validUntil, JSON.stringify(c));
        return;
      }
      default:
        assertUnreachable(item, 'record item');
    }
  }

  consultation(sessionId: string): Promise<ConsultationRecord | null> {
    type Row = {
      session_id: string;
      kiosk_id: string;
      started_at: string | null;
      ended_at: string | null;
      outcome: SessionOutcome | null;
      identity: string | null;
    };
    const row = this.db.prepare<[string], Row>('SELECT * FROM consultations WHERE session_id = ?').get(sessionId);
    if (!row) return Promise.resolve(null);
    const readings = this.db
      .prepare<[string], { reading: string }>(
        'SELECT reading FROM measurements WHERE session_id = ? ORDER BY taken_at, rowid',
      )
      .all(sessionId);
    return Promise.resolve({
      sessionId: row.session_id,
      kioskId: row.kiosk_id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      outcome: row.outcome,
      identity: row.identity ? (JSON.parse(row.identity) as PatientIdentity) : null,
      measurements: readings.map((r) => JSON.parse(r.reading) as Measurement),
    });
  }

  calibrations(kioskId?: string): Promise<CalibrationRecord[]> {
    const rows = this.db
      .prepare<[{ kiosk: string | null }], { record: string }>(
        'SELECT record FROM calibrations WHERE @kiosk IS NULL OR kiosk_id = @kiosk ORDER BY performed_at, rowid',
      )
      .all({ kiosk: kioskId ?? null });
    return Promise.resolve(rows.map((r) => JSON.parse(r.record) as CalibrationRecord));
  }

  // async: a refused insert (the same id twice) is a rejection, as on PostgreSQL, not a throw.
  async storeAuscultationClip(clip: AuscultationClip): Promise<void> {
    await Promise.resolve();
    this.db
      .prepare(
        `INSERT INTO auscultation_clips (id, session_id, kiosk_id, consultation_id, site, recorded_at, duration_ms,
           sample_rate_hz, doctor_rpps, wav) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        clip.id,
        clip.sessionId,
        clip.kioskId,
        clip.consultationId,
        clip.site,
        clip.recordedAt,
        clip.durationMs,
        clip.sampleRateHz,
        clip.doctorRpps,
        Buffer.from(clip.wav.buffer, clip.wav.byteOffset, clip.wav.byteLength),
      );
  }

  auscultationClips(sessionId: string): Promise<AuscultationClipInfo[]> {
    type Row = { id: string; site: AuscultationSite; recorded_at: string; duration_ms: number; sample_rate_hz: number };
    const rows = this.db
      .prepare<[string], Row>(
        `SELECT id, site, recorded_at, duration_ms, sample_rate_hz FROM auscultation_clips
         WHERE session_id = ? ORDER BY recorded_at, rowid`,
      )
      .all(sessionId);
    return Promise.resolve(
      rows.map((r) => ({
        id: r.id,
        site: r.site,
        recordedAt: r.recorded_at,
        durationMs: r.duration_ms,
        sampleRateHz: r.sample_rate_hz,
      })),
    );
  }

  auscultationClipAudio(sessionId: string, clipId: string): Promise<Uint8Array | null> {
    const row = this.db
      .prepare<[string, string], { wav: Buffer }>('SELECT wav FROM auscultation_clips WHERE session_id = ? AND id = ?')
      .get(sessionId, clipId);
    return Promise.resolve(row ? new Uint8Array(row.wav) : null);
  }

  async storeExamStill(still: ExamStill): Promise<void> {
    await Promise.resolve();
    this.stills.store(still);
  }

  examStills(sessionId: string): Promise<ExamStillInfo[]> {
    return Promise.resolve(this.stills.list(sessionId));
  }

  examStillImage(sessionId: string, stillId: string): Promise<{ contentType: string; image: Uint8Array } | null> {
    return Promise.resolve(this.stills.image(sessionId, stillId));
  }

  consentAnswers(sessionId: string): Promise<KioskConsentAnswer[]> {
    const rows = this.db
      .prepare<[string], { consent: string }>('SELECT consent FROM consents WHERE session_id = ? ORDER BY rowid')
      .all(sessionId);
    return Promise.resolve(rows.map((r) => JSON.parse(r.consent) as KioskConsentAnswer));
  }

  measurementIds(sessionId?: string): Promise<string[]> {
    const rows = this.db
      .prepare<[{ session: string | null }], { id: string }>(
        'SELECT id FROM measurements WHERE @session IS NULL OR session_id = @session ORDER BY rowid',
      )
      .all({ session: sessionId ?? null });
    return Promise.resolve(rows.map((r) => r.id));
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
