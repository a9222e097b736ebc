import { z } from 'zod';

/** One line of an ordonnance, as the doctor writes it in the console. */
export const PrescriptionLine = z.object({
  /** Medicine (DCI preferred) or act, e.g. "Paracétamol 1 g". */
  item: z.string().min(1).max(200),
  /** How to take it, e.g. "1 comprimé 3 fois par jour". */
  dosage: z.string().max(300),
  /** e.g. "5 jours". */
  duration: z.string().max(100),
  notes: z.string().max(500).default(''),
});
export type PrescriptionLine = z.infer<typeof PrescriptionLine>;

/**
 * The prescription the doctor sends back at the end of the call: shown on the kiosk, printed, sent
 * by e-mail, and verifiable through its unique number (printed as text and in the QR code).
 */
export const Prescription = z.object({
  /** Unique number, e.g. "RX-2026-000123-7" (platform-issued, with a check digit). */
  number: z.string().min(1).max(40),
  issuedAt: z.iso.datetime({ offset: true }),
  doctor: z.object({ name: z.string().min(1), rpps: z.string().regex(/^\d{11}$/) }),
  lines: z.array(PrescriptionLine).min(1).max(30),
  /** Text encoded in the QR code (the number and a verification URL on the platform). */
  qrPayload: z.string().min(1).max(500),
});
export type Prescription = z.infer<typeof Prescription>;
