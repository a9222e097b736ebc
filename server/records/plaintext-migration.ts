import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { Prescription } from '../../common/consultation/prescription';
import { ConsultationReport } from '../../common/signaling/messages';
import { ConsultationAccess } from '../access/consultation-access';
import { ConsultationReports } from './consultation-reports';
import { applyKey, openRecordsDatabase, RECORDS_FILE_NAME, recordsFileState } from './records-database';

/** Health data earlier platforms appended in clear beside the database, one JSON line each. */
export const LEGACY_REPORTS_FILE = 'consultation-reports.jsonl';
export const LEGACY_PRESCRIPTIONS_FILE = 'prescription-sequence.jsonl';

const LegacyPrescriptionLine = z.object({ prescription: Prescription, kioskId: z.string().nullable() });

/** The files of this data folder that hold health data in clear (an earlier platform's): none once migrated. */
export function plaintextStores(dataDir: string): string[] {
  const database = join(dataDir, RECORDS_FILE_NAME);
  return [
    ...(recordsFileState(database) === 'plain' ? [database] : []),
    ...[LEGACY_REPORTS_FILE, LEGACY_PRESCRIPTIONS_FILE].map((name) => join(dataDir, name)).filter(existsSync),
  ];
}

/**
 * Encrypts a plain-text records database under `key` without ever leaving the folder without a
 * whole database: a copy is encrypted (SQLCipher's rekey, out of WAL mode), checked to open with the
 * key, then renamed over the original. The old file's disk blocks are freed, not wiped.
 */
function encryptDatabaseFile(file: string, key: Buffer): void {
  const plain = new Database(file);
  // Everything into the main file, so the copy holds every committed row.
  plain.pragma('wal_checkpoint(TRUNCATE)');
  plain.close();
  const copy = `${file}.encrypting`;
  rmSync(copy, { force: true });
  copyFileSync(file, copy);
  const db = new Database(copy);
  try {
    db.pragma('journal_mode = DELETE');
    applyKey(db, key, 'rekey');
  } finally {
    db.close();
  }
  openRecordsDatabase({ file: copy, key }).close();
  rmSync(`${copy}-wal`, { force: true });
  rmSync(`${copy}-shm`, { force: true });
  renameSync(copy, file);
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
}

/** Non-empty lines parsed by `parse`, and those that do not parse (a torn last line after a crash). */
function jsonLines<T>(file: string, parse: (value: unknown) => T): { items: T[]; unreadable: string[] } {
  const items: T[] = [];
  const unreadable: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      items.push(parse(JSON.parse(line)));
    } catch {
      unreadable.push(line);
    }
  }
  return { items, unreadable };
}

/**
 * Removes an imported file. Lines that could not be imported are not thrown away: they stay in
 * `<file>.unreadable` (owner only) for the operator to look at and delete.
 */
function retire(file: string, lines: { items: unknown[]; unreadable: string[] }, what: string): string {
  const kept = lines.unreadable.length > 0 ? `${file}.unreadable` : null;
  if (kept) writeFileSync(kept, `${lines.unreadable.join('\n')}\n`, { mode: 0o600 });
  rmSync(file);
  const rest = kept ? `; ${lines.unreadable.length} unreadable line(s) kept in ${kept}: look, then delete it` : '';
  return `${file}: ${lines.items.length} ${what} imported, file removed${rest}`;
}

/**
 * Brings an earlier platform's data folder to encryption at rest, once: the records database
 * encrypted in place, the reports and prescriptions of the JSON-lines files imported into it (each
 * report also recording its doctor as having taken part, so they keep reading their records) and
 * those files removed. Run with the platform stopped. Returns one line per step, for the operator.
 */
export function encryptPlaintextStores(dataDir: string, key: Buffer): string[] {
  const done: string[] = [];
  const file = join(dataDir, RECORDS_FILE_NAME);
  if (recordsFileState(file) === 'plain') {
    encryptDatabaseFile(file, key);
    done.push(`${file}: encrypted`);
  }
  const reportsFile = join(dataDir, LEGACY_REPORTS_FILE);
  const prescriptionsFile = join(dataDir, LEGACY_PRESCRIPTIONS_FILE);
  if (!existsSync(reportsFile) && !existsSync(prescriptionsFile)) return done;
  const db = openRecordsDatabase({ file, key });
  try {
    const reports = existsSync(reportsFile) ? jsonLines(reportsFile, (v) => ConsultationReport.parse(v)) : null;
    const prescriptions = existsSync(prescriptionsFile)
      ? jsonLines(prescriptionsFile, (v) => LegacyPrescriptionLine.parse(v))
      : null;
    const store = new ConsultationReports(db);
    const access = new ConsultationAccess(db);
    const insertPrescription = db.prepare(
      `INSERT INTO prescriptions (number, consultation_id, kiosk_id, issued_at, prescription)
       VALUES (?, NULL, ?, ?, ?) ON CONFLICT (number) DO NOTHING`,
    );
    db.transaction(() => {
      for (const report of reports?.items ?? []) {
        store.insert(report);
        const { consultationId, sessionId, kioskId } = report;
        const at = Date.parse(report.acceptedAt) || 0;
        access.recordParticipation({ consultationId, sessionId, kioskId, doctorId: report.doctor.id, at });
      }
      for (const { prescription, kioskId } of prescriptions?.items ?? [])
        insertPrescription.run(prescription.number, kioskId, prescription.issuedAt, JSON.stringify(prescription));
    })();
    // Only once the rows are committed in the encrypted database.
    if (reports) done.push(retire(reportsFile, reports, 'report(s)'));
    if (prescriptions) done.push(retire(prescriptionsFile, prescriptions, 'prescription(s)'));
  } finally {
    db.close();
  }
  return done;
}
