import { z } from 'zod';

/**
 * What a kiosk reports of its cabin beside its devices (in its heartbeat, common/signaling/fleet.ts)
 * for the pharmacist's portal: the printer's state and consumables as IPP gives them, the outcome
 * of its last prescription print, and the hygiene checklist between two patients. No patient data:
 * no prescription number, no name, only outcomes and times.
 */

const isoTime = z.iso.datetime({ offset: true });

/** One consumable the printer reports (IPP `printer-supply` or CUPS `marker-*`), e.g. "Black Toner". */
export const PrinterSupply = z.object({
  name: z.string().max(80),
  /** 0–100; null when the printer gives no level (unknown, or "some remaining"). */
  levelPercent: z.number().int().min(0).max(100).nullable(),
});
export type PrinterSupply = z.infer<typeof PrinterSupply>;

/** One paper tray (IPP `printer-input-tray`), with how full it is when the printer says. */
export const PaperTray = z.object({
  name: z.string().max(40),
  levelPercent: z.number().int().min(0).max(100).nullable(),
});
export type PaperTray = z.infer<typeof PaperTray>;

/** The outcomes of a print job the kiosk followed to its end (common/printing/print-state.ts). */
export const PrintOutcome = z.enum(['printed', 'no-paper', 'failed']);
export type PrintOutcome = z.infer<typeof PrintOutcome>;

export const PrinterReport = z.object({
  /** The printer answered IPP just now; false: missing (off, unplugged, wrong address). */
  reachable: z.boolean(),
  /** printer-state-reasons keywords ("media-empty-error"), "none" left out. */
  reasons: z.array(z.string().max(60)).max(20),
  paper: z.array(PaperTray).max(8),
  supplies: z.array(PrinterSupply).max(8),
  /** The last prescription print's outcome and when; null before any since the kiosk started. */
  lastPrint: z.object({ outcome: PrintOutcome, at: isoTime }).nullable(),
});
export type PrinterReport = z.infer<typeof PrinterReport>;

export const HygieneReport = z.object({
  /** The checklist waits to be done: the next patient cannot start before it. */
  due: z.boolean(),
  /** When the pharmacist last confirmed it; null: not since the kiosk started. */
  confirmedAt: isoTime.nullable(),
  /** When the last patient session ended; null: none since the kiosk started. */
  lastSessionEndedAt: isoTime.nullable(),
});
export type HygieneReport = z.infer<typeof HygieneReport>;

/**
 * What the portal must tell the pharmacist to act on, or null: the last print ran out of paper or
 * failed (until a print completes), or the printer does not answer. The most actionable first.
 */
export const PrintFailure = z.enum(['no-paper', 'failed', 'missing']);
export type PrintFailure = z.infer<typeof PrintFailure>;

export function printFailureOf(report: PrinterReport): PrintFailure | null {
  if (report.lastPrint?.outcome === 'no-paper') return 'no-paper';
  if (!report.reachable) return 'missing';
  if (report.lastPrint?.outcome === 'failed') return 'failed';
  return null;
}
