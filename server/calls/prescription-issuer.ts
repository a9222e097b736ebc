import { issuedLine, type Prescription, type PrescriptionPatient } from '../../common/consultation/prescription';
import type { DoctorInfo, PrescriptionDraft } from '../../common/signaling/messages';
import { systemClock, type Clock } from '../../common/util/clock';
import { ePrescriptionQrContent } from '../prescriptions/eprescription/eprescription-format';
import type { PrescriptionSeal } from '../prescriptions/prescription-seal';
import type { IssuedPrescription, PrescriptionRecords } from '../prescriptions/prescription-store';
import type { PrescriptionSequence } from '../records/prescription-sequence';

/** The number a preview prints where the issued prescription's number will be. */
export const PREVIEW_NUMBER = 'APERÇU';

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

export interface PrescriptionIssuerOptions {
  /** The one counter every issuer of the platform shares (server/records/prescription-sequence.ts). */
  sequence: PrescriptionSequence;
  /** Where issued prescriptions are kept (the records database, encrypted). */
  store: PrescriptionRecords;
  /** Base URL printed in the QR code, e.g. "https://platform.example/verify" (read at issue time). */
  verifyBaseUrl: string | (() => string);
  /** Signs each prescription's content into its QR code's verification link. */
  seal: PrescriptionSeal;
  /**
   * The prescriber's practice address as their account holds it now (admin add-doctor
   * --practice-address), printed under the name; null or absent: none printed.
   */
  practiceAddressOf?: (doctorId: string) => Promise<string | null> | string | null;
  /** Told of each prescription once stored (the e-prescription service's outbox queues it). */
  onIssued?: (issued: IssuedPrescription) => void | Promise<void>;
  clock?: Clock;
}

/** Where a prescription goes: its consultation (the doctors who may read it) and its kiosk (which may print it). */
export interface PrescriptionDestination {
  consultationId: string | null;
  kioskId: string | null;
  /** Who it is for, as the ordonnance prints it (from the consultation's identity); absent: not printed. */
  patient?: PrescriptionPatient;
  /** The specialty the doctor consulted in, printed under the name. */
  specialty?: string;
}

/**
 * Numbers prescriptions `RX-<year>-<6-digit sequence>-<Luhn digit>` from the shared sequence and
 * keeps the issued ones in the store, for the PDF route, the QR code's verification and the access
 * check.
 */
export class PrescriptionIssuer {
  private readonly clock: Clock;

  constructor(private readonly options: PrescriptionIssuerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Numbers and stores a prescription. Rejects when the store refuses it: the number taken is then
   * never used, and nothing was handed out.
   */
  async issue(draft: PrescriptionDraft, doctor: DoctorInfo, to: PrescriptionDestination): Promise<Prescription> {
    const sequence = await this.options.sequence.next();
    const now = new Date(this.clock.now());
    const year = String(now.getUTCFullYear());
    const seq = String(sequence % 1_000_000).padStart(6, '0');
    const number = `RX-${year}-${seq}-${luhnDigit(year + seq)}`;
    const content = this.content(number, now, draft, doctor);
    const link = `${this.verifyBase()}/${number}?t=${this.options.seal.token(content)}`;
    const prescription: Prescription = {
      ...(await this.printed(content, doctor, to)),
      accessCode: this.options.seal.accessCode(number),
      qrPayload: ePrescriptionQrContent(number, link),
    };
    const issued = { prescription, consultationId: to.consultationId, kioskId: to.kioskId };
    await this.options.store.save(issued);
    await this.options.onIssued?.(issued);
    return prescription;
  }

  /**
   * The prescription this draft would be if issued now, for the doctor to read before signing: the
   * same content and print, with `PREVIEW_NUMBER` for the number and no QR link or access code (those
   * are taken only when it is issued). Nothing is numbered or stored.
   */
  async preview(draft: PrescriptionDraft, doctor: DoctorInfo, to: PrescriptionDestination): Promise<Prescription> {
    const content = this.content(PREVIEW_NUMBER, new Date(this.clock.now()), draft, doctor);
    return { ...(await this.printed(content, doctor, to)), qrPayload: PREVIEW_NUMBER };
  }

  /** What the seal covers. */
  private content(number: string, now: Date, draft: PrescriptionDraft, doctor: DoctorInfo) {
    return {
      number,
      issuedAt: now.toISOString(),
      doctor: { name: doctor.name, rpps: doctor.rpps },
      lines: draft.lines.map(issuedLine),
    };
  }

  /**
   * The seal covers what the verify page shows (no patient identity there): the patient, the
   * specialty and the practice address are printed on the paper only.
   */
  private async printed(
    content: ReturnType<PrescriptionIssuer['content']>,
    doctor: DoctorInfo,
    to: PrescriptionDestination,
  ) {
    const practiceAddress = (await this.options.practiceAddressOf?.(doctor.id)) ?? null;
    return {
      ...content,
      doctor: {
        ...content.doctor,
        ...(to.specialty !== undefined && { specialty: to.specialty }),
        ...(practiceAddress !== null && { practiceAddress }),
      },
      ...(to.patient && { patient: to.patient }),
    };
  }

  private verifyBase(): string {
    const base = this.options.verifyBaseUrl;
    return typeof base === 'string' ? base : base();
  }

  async get(number: string): Promise<Prescription | null> {
    return (await this.options.store.get(number))?.prescription ?? null;
  }

  /** The prescription with its consultation and kiosk, or null. */
  issued(number: string): Promise<IssuedPrescription | null> {
    return this.options.store.get(number);
  }

  /** The prescription of a QR code's number and token, or null when either is wrong. */
  async verified(number: string, token: string): Promise<Prescription | null> {
    const prescription = await this.get(number);
    return prescription && this.options.seal.check(prescription, token) ? prescription : null;
  }
}
