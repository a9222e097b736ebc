import { z } from 'zod';
import { DeviceKind } from '../devices/device-status';
import { AlertKind } from './alerts';
import { HygieneReport, PrintFailure, PrinterReport } from './cabin-report';
import { PortalCallback } from './callbacks';

/**
 * What the pharmacist's portal shows of each cabin of the pharmacy: its state and its alerts, never
 * who is in it nor why (no patient data, no medical data).
 *
 * - free: nobody at the screen;
 * - occupied: a patient is going through the screens (identification, consent, reason);
 * - waiting: in the doctors' queue;
 * - in-consultation: with a doctor;
 * - help-requested: an alert (help or emergency) nobody has acknowledged yet;
 * - out-of-service: the kiosk has not reported for 90 s (off, crashed, or cut from the network), or
 *   it reported that its screens failed for good (`screenFailed`).
 */
export const CABIN_STATES = [
  'free',
  'occupied',
  'waiting',
  'in-consultation',
  'help-requested',
  'out-of-service',
] as const;
export const CabinState = z.enum(CABIN_STATES);
export type CabinState = z.infer<typeof CabinState>;

export const Cabin = z.object({
  kioskId: z.string(),
  /** The pharmacy's name for the cabin ("Cabine 1"), or the kiosk id. */
  label: z.string(),
  state: CabinState,
  /** ISO 8601 time of the kiosk's last report; null when it never reported since the platform started. */
  lastSeen: z.string().nullable(),
  /**
   * The kiosk reported that its screens kept crashing and it stopped reloading them (maintenance
   * page): the cabin is out of service until the kiosk is restarted, though it still reports.
   */
  screenFailed: z.boolean(),
  /**
   * The cabin's devices taken out of service by their calibration (failed or past due), as its last
   * report had them: the pharmacist knows which measurement the cabin cannot take, and why.
   */
  devicesOutOfService: z.array(
    z.object({ deviceId: z.string(), kind: DeviceKind, calibration: z.enum(['failed', 'expired']) }),
  ),
  /** The cabin's printer as its last report had it (null: none, or not reported). */
  printer: PrinterReport.nullable(),
  /** What to act on at the printer now (printFailureOf), or null. */
  printFailure: PrintFailure.nullable(),
  /** The hygiene checklist between two patients, as its last report had it (null: not reported). */
  hygiene: HygieneReport.nullable(),
});
export type Cabin = z.infer<typeof Cabin>;

/** An alert as the portal shows it: which cabin, what kind, since when, who took it. */
export const PortalAlert = z.object({
  alertId: z.string(),
  kioskId: z.string(),
  cabinLabel: z.string(),
  kind: AlertKind,
  /** ISO 8601. */
  raisedAt: z.string(),
  /** open: nobody acknowledged it yet; acknowledged: a pharmacist is on the way. */
  status: z.enum(['open', 'acknowledged']),
  /** Open past the escalation delay: rung louder and repeated on every portal of the pharmacy. */
  escalated: z.boolean(),
  /** Name of the pharmacist who acknowledged it. */
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type PortalAlert = z.infer<typeof PortalAlert>;

/** The whole picture of one pharmacy, pushed to its portals on every change. */
export const PharmacyBoard = z.object({
  cabins: z.array(Cabin),
  /** Open alerts first (oldest first), then the acknowledged ones of the last 30 minutes. */
  alerts: z.array(PortalAlert),
  /** Patients who left keeping their place (common/pharmacy/callbacks.ts), oldest ticket first. */
  callbacks: z.array(PortalCallback),
});
export type PharmacyBoard = z.infer<typeof PharmacyBoard>;
