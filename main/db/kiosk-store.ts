import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CalibrationRecord } from '../../common/calibration/calibration-record';
import { Measurement } from '../../common/devices/measurement';
import { PatientIdentity } from '../../common/identity/identity';
import { InsTraits } from '../../common/identity/ins';
import type { ConsultationRecord } from '../../common/records/consultation';
import { ConsentRecord, IntakeRecord, SessionClosed, SessionId, SessionOpened } from '../../common/records/wire';
import type { SessionOutcome } from '../../common/records/session-outcome';
import { systemClock, type Clock } from '../../common/util/clock';
import { createLogger } from '../../common/util/logger';
import type { SessionStore } from '../session/session-store';
import { AuditLog } from './audit-log';
import { DeviceRegister } from './device-register';
import { TechnicianAccountsTable } from './technician-accounts';
import { explainDiskFull } from './disk-full';
import { fullCheckReason, forgetCleanClose, recordCleanClose } from './integrity-schedule';
import { loadOrCreateStoreKey } from './key-file';
import { migrate } from './migrations/index';
import { openDatabase, type SqliteDatabase } from './open-database';
import { Outbox, type OutboxAccess } from './outbox';
import {
  integrityProblem,
  moveAside,
  salvageOutbox,
  type QuarantineReport,
  type SalvagedRow,
  type SalvagedSession,
} from './quarantine';
import { purgeExpired, type PurgeReport, type RetentionPolicy } from './retention';

const log = createLogger('kiosk:db:store');

/** The store's file name inside `config.storage.dataDir`. */
export const STORE_FILE_NAME = 'kiosk-store.sqlite';

export interface KioskStoreOptions {
  /** SQLite file, or ':memory:' for tests. */
  file: string;
  /** 32-byte SQLCipher key; null only for in-memory tests and benchmarks' baselines. */
  key: Buffer | null;
  clock?: Clock;
}

type SessionRow = {
  id: string;
  kiosk_id: string;
  started_at: string;
  ended_at: string | null;
  outcome: SessionOutcome | null;
};
type IdentityRow = {
  last_name: string;
  first_name: string;
  birth_date: string;
  nir: string | null;
  source: 'card' | 'manual';
  /** The typed INS traits of a patient without an NIR (migration 0009); null otherwise. */
  traits: string | null;
};

/**
 * The kiosk's encrypted local store: implements the flow's SessionStore and holds the outbox the
 * sync client drains, the device register and the audit log. All SQL of the kiosk lives in main/db.
 *
 * Every write validates its input against the wire schemas first: an item the platform would refuse
 * must never enter the outbox, where it would block delivery of everything after it.
 */
export class KioskStore implements SessionStore {
  /** Read and acknowledge only: rows are appended by this class's own transactions. */
  readonly outbox: OutboxAccess;
  readonly register: DeviceRegister;
  readonly audit: AuditLog;
  /** The technicians' accounts cached from the platform, and their lockouts. */
  readonly technicians: TechnicianAccountsTable;
  private readonly clock: Clock;
  private readonly outboxTable: Outbox;
  private readonly insertMeasurement;

  private constructor(
    private readonly db: SqliteDatabase,
    clock: Clock,
    /** Set when the file was found damaged at open and replaced (see open). */
    readonly quarantine: QuarantineReport | null = null,
    /** The file, when it was last found sound, and why it was checked at this open (null: not checked). */
    private readonly integrity: { file: string; checkedAtMs: number; checkedBecause: string | null } | null = null,
  ) {
    this.clock = clock;
    this.outboxTable = new Outbox(db, clock);
    this.outbox = this.outboxTable;
    this.register = new DeviceRegister(db, clock);
    this.audit = new AuditLog(db, clock);
    this.technicians = new TechnicianAccountsTable(db, clock);
    // The hot path of a session (a reading every few seconds in a spot check): prepared once.
    this.insertMeasurement = db.prepare(
      `INSERT INTO measurements (id, session_id, kind, device_id, taken_at, reading, recorded_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
  }

  /**
   * Opens the file (creating and migrating it as needed). Throws when the key does not match (a
   * damaged first page reads the same as a wrong key under SQLCipher, and throws too).
   *
   * The whole file is checked when integrity-schedule.ts says so (after an unexpected stop, a file
   * changed while closed, or once a day). A file SQLite finds damaged (quick_check) is moved aside
   * as `<file>.corrupt-<ms>` and a new store started in its place holding the unacknowledged outbox
   * rows still readable, so the kiosk goes on and delivers what it can; `quarantine` then says what
   * happened.
   */
  static open(options: KioskStoreOptions): KioskStore {
    const clock = options.clock ?? systemClock;
    const inMemory = options.file === ':memory:';
    const schedule = inMemory ? null : fullCheckReason(options.file, clock.now());
    let db = openDatabase(options.file, options.key);
    let quarantine: QuarantineReport | null = null;
    try {
      if (schedule?.reason) log.info(`checking the whole store file: ${schedule.reason}`);
      const problem = schedule?.reason ? integrityProblem(db) : null;
      if (problem !== null) {
        const salvage = salvageOutbox(db);
        db.close();
        const movedTo = moveAside(options.file, clock.now());
        db = openDatabase(options.file, options.key);
        migrate(db);
        restore(db, salvage);
        quarantine = { movedTo, problem, salvagedOutboxRows: salvage.rows.length, outboxFullyRead: salvage.complete };
        log.error(
          `store damaged (${problem}): moved to ${movedTo}, ${salvage.rows.length} unsent records carried over` +
            (salvage.complete ? '' : ', some unreadable'),
        );
      } else migrate(db);
    } catch (error) {
      if (db.open) db.close();
      throw error;
    }
    if (!inMemory) forgetCleanClose(options.file);
    const integrity = schedule && {
      file: options.file,
      checkedAtMs: schedule.lastCheckedAtMs ?? clock.now(),
      checkedBecause: schedule.reason,
    };
    const store = new KioskStore(db, clock, quarantine, integrity);
    if (quarantine) store.audit.append({ actor: 'system', action: 'store-quarantined', subject: quarantine.movedTo });
    return store;
  }

  /** Opens `<dataDir>/kiosk-store.sqlite` with the key from `keyFile` (created 0600 if missing). */
  static openInDataDir(storage: { dataDir: string; keyFile: string }, clock?: Clock): KioskStore {
    mkdirSync(storage.dataDir, { recursive: true, mode: 0o700 });
    return KioskStore.open({
      file: join(storage.dataDir, STORE_FILE_NAME),
      key: loadOrCreateStoreKey(storage.keyFile),
      clock,
    });
  }

  openSession(session: { id: string; kioskId: string; startedAt: string }): void {
    const id = SessionId.parse(session.id);
    const payload = SessionOpened.parse({ kioskId: session.kioskId, startedAt: session.startedAt });
    this.write(() => {
      this.db
        .prepare('INSERT INTO sessions (id, kiosk_id, started_at) VALUES (?, ?, ?)')
        .run(id, payload.kioskId, payload.startedAt);
      this.outboxTable.append({ id: randomUUID(), sessionId: id, kind: 'session-opened', payload });
    });
  }

  /** A second identity for the same session (the patient corrected it) replaces the first. */
  saveIdentity(sessionId: string, identity: PatientIdentity): void {
    const p = PatientIdentity.parse(identity);
    this.write(() => {
      this.db
        .prepare(
          `INSERT INTO identities (session_id, last_name, first_name, birth_date, nir, source, saved_at_ms, traits)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (session_id) DO UPDATE SET last_name = excluded.last_name, first_name = excluded.first_name,
             birth_date = excluded.birth_date, nir = excluded.nir, source = excluded.source,
             saved_at_ms = excluded.saved_at_ms, traits = excluded.traits`,
        )
        .run(
          sessionId,
          p.lastName,
          p.firstName,
          p.birthDate,
          p.nir,
          p.source,
          this.clock.now(),
          p.traits ? JSON.stringify(p.traits) : null,
        );
      this.outboxTable.append({ id: randomUUID(), sessionId, kind: 'identity', payload: p });
    });
  }

  saveConsent(sessionId: string, consent: Parameters<SessionStore['saveConsent']>[1]): void {
    // The text's language and hash travel in the outbox record to the platform; the local table
    // gains their columns with kiosk migration 0010 (after 0008/0009 of this release are merged).
    const c = ConsentRecord.parse(consent);
    this.write(() => {
      this.db
        .prepare(
          'INSERT INTO consents (session_id, text_version, teleconsultation, secondary_use, answered_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(sessionId, c.textVersion, Number(c.teleconsultation), Number(c.secondaryUse), c.at);
      this.outboxTable.append({ id: randomUUID(), sessionId, kind: 'consent', payload: c });
    });
  }

  saveIntake(sessionId: string, intake: IntakeRecord): void {
    const answers = IntakeRecord.parse(intake);
    this.write(() => {
      this.db
        .prepare(
          `INSERT INTO intakes (session_id, answers, saved_at_ms) VALUES (?, ?, ?)
           ON CONFLICT (session_id) DO UPDATE SET answers = excluded.answers, saved_at_ms = excluded.saved_at_ms`,
        )
        .run(sessionId, JSON.stringify(answers), this.clock.now());
      this.outboxTable.append({ id: randomUUID(), sessionId, kind: 'intake', payload: answers });
    });
  }

  /**
   * Stores the measurement and its outbox row (same id) in one transaction. Recording the same
   * measurement id again changes nothing (a retried call must not produce a second reading).
   */
  recordMeasurement(sessionId: string, measurement: Measurement): void {
    const m = Measurement.parse(measurement);
    this.write(() => {
      const inserted = this.insertMeasurement.run(
        m.id,
        sessionId,
        m.kind,
        m.deviceId,
        m.takenAt,
        JSON.stringify(m),
        this.clock.now(),
      );
      if (inserted.changes === 1) this.outboxTable.append({ id: m.id, sessionId, kind: 'measurement', payload: m });
    });
  }

  /**
   * A technician's calibration check, whole: its register line, its outbox row (the platform keeps
   * the register too; same id, so it is stored there once) and the audit line, in one transaction.
   * A check that fails its schema or a write that fails leaves nothing behind.
   */
  recordCalibration(check: CalibrationRecord): void {
    const c = CalibrationRecord.parse(check);
    this.write(() => {
      this.register.recordCheck(c);
      this.outboxTable.append({ id: c.id, sessionId: null, kind: 'calibration', payload: c });
      this.audit.append({ actor: 'technician', action: `calibration-${c.result}`, subject: c.deviceId });
    });
  }

  closeSession(
    sessionId: string,
    end: { endedAt: string; outcome: SessionOutcome; prescriptionNumber: string | null; rating: number | null },
  ): void {
    const e = SessionClosed.parse(end);
    this.write(() => {
      const updated = this.db
        .prepare(
          'UPDATE sessions SET ended_at = ?, outcome = ?, prescription_number = ?, rating = ?, closed_at_ms = ? WHERE id = ? AND ended_at IS NULL',
        )
        .run(e.endedAt, e.outcome, e.prescriptionNumber, e.rating, this.clock.now(), sessionId);
      if (updated.changes === 0) throw new Error(`session ${sessionId} is unknown or already closed`);
      this.outboxTable.append({ id: randomUUID(), sessionId, kind: 'session-closed', payload: e });
    });
  }

  /**
   * Closes, as "interrupted", every session still open: called at start-up, before the flow runs,
   * since a session cannot outlive the process that held it. Without this a crash mid-session would
   * keep that patient's identity on the kiosk for ever (retention purges only finished sessions).
   * Returns the ids closed.
   */
  closeInterruptedSessions(endedAt: string): string[] {
    const open = this.db
      .prepare<[], { id: string }>('SELECT id FROM sessions WHERE ended_at IS NULL ORDER BY rowid')
      .all();
    for (const { id } of open)
      this.closeSession(id, { endedAt, outcome: 'interrupted', prescriptionNumber: null, rating: null });
    return open.map((s) => s.id);
  }

  /** The consultation as the FHIR export needs it; null for an unknown session. */
  consultation(sessionId: string): ConsultationRecord | null {
    const session = this.db
      .prepare<[string], SessionRow>('SELECT id, kiosk_id, started_at, ended_at, outcome FROM sessions WHERE id = ?')
      .get(sessionId);
    if (!session) return null;
    const identity = this.db
      .prepare<[string], IdentityRow>(
        'SELECT last_name, first_name, birth_date, nir, source, traits FROM identities WHERE session_id = ?',
      )
      .get(sessionId);
    const readings = this.db
      .prepare<[string], { reading: string }>(
        'SELECT reading FROM measurements WHERE session_id = ? ORDER BY taken_at, rowid',
      )
      .all(sessionId);
    return {
      sessionId: session.id,
      kioskId: session.kiosk_id,
      startedAt: session.started_at,
      endedAt: session.ended_at,
      outcome: session.outcome,
      identity: identity
        ? {
            lastName: identity.last_name,
            firstName: identity.first_name,
            birthDate: identity.birth_date,
            nir: identity.nir,
            source: identity.source,
            ...(identity.traits ? { traits: InsTraits.parse(JSON.parse(identity.traits)) } : {}),
          }
        : null,
      measurements: readings.map((r) => JSON.parse(r.reading) as Measurement),
    };
  }

  /** Applies the retention rules (retention.ts) at the store's clock time. */
  purge(policy: RetentionPolicy): PurgeReport {
    return purgeExpired(this.db, policy, this.clock.now());
  }

  /** Why the whole file was checked at this open, or null when it was not (see integrity-schedule.ts). */
  get fullCheckReason(): string | null {
    return this.integrity?.checkedBecause ?? null;
  }

  /**
   * Checkpoints the WAL and closes the file; the store is unusable afterwards. Records the clean
   * close, so the next open may skip the whole-file check.
   */
  close(): void {
    if (!this.db.open) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
    if (this.integrity) recordCleanClose(this.integrity.file, this.integrity.checkedAtMs);
  }

  /** Runs `body` in one transaction, then wakes the sync client once it has committed. */
  private write(body: () => void): void {
    try {
      this.db.transaction(body)();
    } catch (error) {
      throw explainDiskFull(error, this.db.name);
    }
    this.outboxTable.notifyCommitted();
  }
}

/**
 * Writes the rows salvaged from a damaged file into the new one, in their delivery order. An
 * unsent calibration also goes back into the register, from its outbox copy: the register must
 * keep it five years, and the device's state depends on it.
 */
function restore(db: SqliteDatabase, salvage: { rows: SalvagedRow[]; sessions: SalvagedSession[] }): void {
  const session = db.prepare('INSERT INTO sessions (id, kiosk_id, started_at) VALUES (?, ?, ?)');
  const row = db.prepare(
    'INSERT INTO outbox (id, session_id, kind, payload, created_at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const register = new DeviceRegister(db, systemClock);
  db.transaction(() => {
    for (const s of salvage.sessions) session.run(s.id, s.kiosk_id, s.started_at);
    for (const r of salvage.rows) {
      row.run(r.id, r.session_id, r.kind, r.payload, r.created_at_ms);
      if (r.kind !== 'calibration') continue;
      const check = CalibrationRecord.safeParse(JSON.parse(r.payload));
      if (check.success) register.recordCheck(check.data);
    }
  })();
}
