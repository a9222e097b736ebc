import type Database from 'better-sqlite3-multiple-ciphers';
import { Prescription } from '../../common/consultation/prescription';

/** An issued prescription with where it went: its consultation (null for imported old ones) and kiosk. */
export interface IssuedPrescription {
  prescription: Prescription;
  consultationId: string | null;
  kioskId: string | null;
}

/** Issued prescriptions on either engine: SQLite (below) or PostgreSQL (pg-prescription-store.ts). */
export interface PrescriptionRecords {
  /** Stores a new prescription durably; rejects when the database refuses it (or the number was used). */
  save(issued: IssuedPrescription): Promise<void>;
  get(number: string): Promise<IssuedPrescription | null>;
}

/**
 * Issued prescriptions (medicines, dosages: health data) in the records database, encrypted with it;
 * read by number for the PDF, the QR code's verification and the access check.
 */
export class PrescriptionStore implements PrescriptionRecords {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      save: db.prepare(
        'INSERT INTO prescriptions (number, consultation_id, kiosk_id, issued_at, prescription) VALUES (?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string], { consultation_id: string | null; kiosk_id: string | null; prescription: string }>(
        'SELECT consultation_id, kiosk_id, prescription FROM prescriptions WHERE number = ?',
      ),
    };
  }

  async save({ prescription, consultationId, kioskId }: IssuedPrescription): Promise<void> {
    this.statements.save.run(
      prescription.number,
      consultationId,
      kioskId,
      prescription.issuedAt,
      JSON.stringify(prescription),
    );
  }

  async get(number: string): Promise<IssuedPrescription | null> {
    const row = this.statements.get.get(number);
    if (!row) return null;
    return {
      prescription: Prescription.parse(JSON.parse(row.prescription)),
      consultationId: row.consultation_id,
      kioskId: row.kiosk_id,
    };
  }
}
