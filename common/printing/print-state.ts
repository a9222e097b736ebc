import { z } from 'zod';

/**
 * Where the current prescription's printing stands, as the end screen (and the pharmacist's portal)
 * say it. "printed" only once the printer reported the job completed; never before.
 * - `unavailable`: no printer is configured at this kiosk (the screen says where to get the document);
 * - `idle`: a printer is configured, nothing was sent yet;
 * - `printing`: the job was accepted and is being tracked;
 * - `printed`: the printer reported the job completed;
 * - `no-paper`: the printer reported it is out of paper (printer-state-reasons `media-empty`);
 * - `failed`: the job was aborted or cancelled, the printer did not answer, or the document could
 *   not be fetched; `problem` names which (for logs and the pharmacist, never shown to the patient).
 */
/** The prescription's page: A4, or one long page of an 80 mm receipt roll (kiosk-config `printer.paper`). */
export const PAPER_FORMATS = ['a4', 'receipt-80mm'] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];

export const PrintStatus = z.enum(['unavailable', 'idle', 'printing', 'printed', 'no-paper', 'failed']);
export type PrintStatus = z.infer<typeof PrintStatus>;

export const PrintState = z.object({
  status: PrintStatus,
  /** The prescription number this state is about, or null before any. */
  number: z.string().max(40).nullable(),
  problem: z.string().max(300).nullable(),
});
export type PrintState = z.infer<typeof PrintState>;

/**
 * What came of e-mailing the document's link (the platform sends it): `sent` only once its SMTP
 * server accepted the message; `invalid-address`, `refused` (the server would not take it),
 * `unavailable` (no e-mail at this platform, or no prescription), `failed` (the platform or its
 * SMTP server could not be reached).
 */
export const EmailStatus = z.enum(['sent', 'invalid-address', 'refused', 'unavailable', 'failed']);
export type EmailStatus = z.infer<typeof EmailStatus>;
export const EmailRequest = z.object({ address: z.string().trim().min(1).max(254) }).strict();
