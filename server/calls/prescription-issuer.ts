import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { Prescription } from '../../common/consultation/prescription';
import type { DoctorInfo, PrescriptionDraft } from '../../common/signaling/messages';
import { systemClock, type Clock } from '../../common/util/clock';
import type { PrescriptionSeal } from '../prescriptions/prescription-seal';
import type { PrescriptionSequence } from '../records/prescription-sequence';

/** Luhn check digit of a digit string (catches one wrong digit and most swaps when typed in). */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when a number like "RX-2026-000123-7" is well-formed and its check digit matches. */
export function isValidPrescriptionNumber(number: string): boolean {
  const match = /^RX-(\d{4})-(\d{6})-(\d)$/.exec(number);
  return !!match && luhnDigit(match[1]! + match[2]!) === Number(match[3]);
}

const IssuedLine = z.object({ prescription: Prescription, kioskId: z.string().nullable() });

export interface PrescriptionIssuerOptions {
  /** The one counter every issuer of the platform shares (server/records/prescription-sequence.ts). */
  sequence: PrescriptionSequence;
  /** Issued prescriptions, one JSON line each, reloaded at start (null: in memory). */
  logFile: string | null;
  /** Base URL printed in the QR code, e.g. "https://platform.example/verify" (read at issue time). */
  verifyBaseUrl: string | (() => string);
  /** Signs each prescription's content into its QR code's verification link. */
  seal: PrescriptionSeal;
  clock?: Clock;
}

/**
 * Numbers prescriptions `RX-<year>-<6-digit sequence>-<Luhn digit>` from the shared sequence and
 * keeps the issued ones (appended to `logFile`), for the PDF route and the QR code's verification.
 */
export class PrescriptionIssuer {
  private readonly issued = new Map<string, { prescription: Prescription; kioskId: string | null }>();
  private readonly clock: Clock;

  constructor(private readonly options: PrescriptionIssuerOptions) {
    this.clock = options.clock ?? systemClock;
    const { logFile } = options;
    if (logFile && existsSync(logFile)) {
      for (const line of readFileSync(logFile, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const entry = IssuedLine.parse(JSON.parse(line));
          this.issued.set(entry.prescription.number, entry);
        } catch {
          // A torn last line after a crash: that prescription's PDF is lost, its number stays used.
        }
      }
    }
  }

  /** Numbers and records a prescription; `kioskId` is the kiosk it goes to (it may fetch the PDF). */
  issue(draft: PrescriptionDraft, doctor: DoctorInfo, kioskId: string | null = null): Prescription {
    const sequence = this.options.sequence.next();
    const now = new Date(this.clock.now());
    const year = String(now.getUTCFullYear());
    const seq = String(sequence % 1_000_000).padStart(6, '0');
    const number = `RX-${year}-${seq}-${luhnDigit(year + seq)}`;
    const content = {
      number,
      issuedAt: now.toISOString(),
      doctor: { name: doctor.name, rpps: doctor.rpps },
      lines: draft.lines.map((line) => ({ ...line, notes: line.notes ?? '' })),
    };
    const link = `${this.verifyBase()}/${number}?t=${this.options.seal.token(content)}`;
    const prescription: Prescription = { ...content, qrPayload: `${number} ${link}` };
    this.issued.set(number, { prescription, kioskId });
    if (this.options.logFile)
      appendFileSync(this.options.logFile, `${JSON.stringify({ prescription, kioskId })}\n`, { mode: 0o600 });
    return prescription;
  }

  private verifyBase(): string {
    const base = this.options.verifyBaseUrl;
    return typeof base === 'string' ? base : base();
  }

  get(number: string): Prescription | null {
    return this.issued.get(number)?.prescription ?? null;
  }

  /** The prescription of a QR code's number and token, or null when either is wrong. */
  verified(number: string, token: string): Prescription | null {
    const prescription = this.get(number);
    return prescription && this.options.seal.check(prescription, token) ? prescription : null;
  }

  /** The kiosk a prescription was issued to, or null. */
  kioskOf(number: string): string | null {
    return this.issued.get(number)?.kioskId ?? null;
  }
}
