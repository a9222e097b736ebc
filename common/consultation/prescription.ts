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
  /**
   * The pharmaceutical form, e.g. "comprimé", "sirop". Optional, like the two below: absent from
   * prescriptions issued before the composer had them (their seal covers only what they carry).
   */
  form: z.string().max(100).optional(),
  /** How much to dispense, e.g. "1 boîte de 8", "QSP 5 jours". */
  quantity: z.string().max(100).optional(),
  /** "Non substituable": the pharmacist may not dispense a generic instead (printed as such). */
  nonSubstitutable: z.boolean().optional(),
});
export type PrescriptionLine = z.infer<typeof PrescriptionLine>;

/**
 * A line as it is issued: text trimmed, form and quantity only when written, "non substituable"
 * only when ticked; so a line the doctor wrote without them is the line every older one was.
 */
export function issuedLine(line: z.input<typeof PrescriptionLine>): PrescriptionLine {
  const form = line.form?.trim() ?? '';
  const quantity = line.quantity?.trim() ?? '';
  return {
    item: line.item.trim(),
    dosage: line.dosage.trim(),
    duration: line.duration.trim(),
    notes: (line.notes ?? '').trim(),
    ...(form && { form }),
    ...(quantity && { quantity }),
    ...(line.nonSubstitutable === true && { nonSubstitutable: true }),
  };
}

/**
 * The patient as the ordonnance names them (from the identity the doctor saw in the call). Health
 * data: never logged. Absent on prescriptions issued before it was recorded.
 */
export const PrescriptionPatient = z.object({
  /** Nom (nom d'usage when it differs from the birth name), upper case as the card prints it. */
  lastName: z.string().min(1).max(80),
  /** Nom de naissance, when known to differ from `lastName` (the Carte Vitale gives one name). */
  birthName: z.string().min(1).max(80).optional(),
  /** Prénom(s). */
  firstNames: z.string().min(1).max(80),
  /** From the NIR's first digit (1/7 male, 2/8 female); null when it cannot be told. */
  sex: z.enum(['F', 'M']).nullable(),
  /** YYYY-MM-DD (a lunar date from the card keeps its 00). */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Weight in kg, only when measured at the kiosk during the session. */
  weightKg: z.number().positive().max(400).optional(),
});
export type PrescriptionPatient = z.infer<typeof PrescriptionPatient>;

/**
 * The prescription the doctor sends back at the end of the call: shown on the kiosk, printed, sent
 * by e-mail, and verifiable through its unique number (printed as text and in the QR code).
 */
export const Prescription = z.object({
  /** Unique number, e.g. "RX-2026-000123-7" (platform-issued, with a check digit). */
  number: z.string().min(1).max(40),
  issuedAt: z.iso.datetime({ offset: true }),
  doctor: z.object({
    name: z.string().min(1),
    rpps: z.string().regex(/^\d{11}$/),
    /** The specialty the doctor consulted in (common/flow/care-pathway.ts Specialty). */
    specialty: z.string().max(40).optional(),
    /** Practice address printed under the name (the platform's doctor account), when recorded. */
    practiceAddress: z.string().max(200).optional(),
  }),
  patient: PrescriptionPatient.optional(),
  lines: z.array(PrescriptionLine).min(1).max(30),
  /**
   * The code that opens the document from the e-mailed link (server/prescriptions/prescription-seal.ts),
   * shown on the kiosk and printed; absent on prescriptions issued before it existed.
   */
  accessCode: z
    .string()
    .regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    .optional(),
  /** Text encoded in the QR code (the number and a verification URL on the platform). */
  qrPayload: z.string().min(1).max(500),
});
export type Prescription = z.infer<typeof Prescription>;

/**
 * Where the console posts a draft for the PDF the platform would issue, before the doctor signs
 * (server/api/prescription-preview-route.ts).
 */
export const prescriptionPreviewPath = (consultationId: string) =>
  `/api/consultations/${encodeURIComponent(consultationId)}/prescription-preview`;
