import { z } from 'zod';
import { DeviceStatus } from '../devices/device-status';
import { FlowStep } from '../flow/flow-view';
import { KIOSK_CREDENTIAL_REFUSALS } from '../signaling/kiosk-credential-refusal';

/**
 * The pharmacist's and technician's PIN-protected mode (PRODUCT.md "Pharmacist"): sign in, the
 * hygiene checklist between two patients, the help button, today's counters (no medical data).
 */
export const StaffRole = z.enum(['pharmacist', 'technician']);
export type StaffRole = z.infer<typeof StaffRole>;

/** Every item must be ticked before the next patient (translated as `staff.hygiene.<item>`). */
export const HYGIENE_CHECKLIST = [
  'devices-disinfected',
  'touchscreen-cleaned',
  'seat-and-desk-cleaned',
  'probe-covers-stocked',
] as const;
export const HygieneItem = z.enum(HYGIENE_CHECKLIST);
export type HygieneItem = z.infer<typeof HygieneItem>;

export const StaffSignInRequest = z.object({ role: StaffRole, pin: z.string().min(1).max(32) }).strict();
export const StaffSignInResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), role: StaffRole }),
  z.object({
    ok: z.literal(false),
    /**
     * wrong-pin: try again; locked: too many wrong PINs, wait `retryAfterSeconds`;
     * technician-account-required: a technician signs in with their own account, not a PIN.
     */
    error: z.enum(['wrong-pin', 'locked', 'technician-account-required']),
    retryAfterSeconds: z.number().int().min(0).nullable(),
    /** Wrong PINs left before the lockout (null when locked). */
    attemptsLeft: z.number().int().min(0).nullable(),
  }),
]);
export type StaffSignInResponse = z.infer<typeof StaffSignInResponse>;

export const ConfirmHygieneRequest = z.object({ items: z.array(HygieneItem).max(HYGIENE_CHECKLIST.length) }).strict();

/** Today's sessions by outcome (local kiosk counters since midnight UTC), without any patient data. */
export const SessionCounters = z.object({
  /** YYYY-MM-DD the counters are for. */
  date: z.string(),
  started: z.number().int().min(0),
  completed: z.number().int().min(0),
  cancelled: z.number().int().min(0),
  emergency: z.number().int().min(0),
  idleTimeout: z.number().int().min(0),
  consentRefused: z.number().int().min(0),
  leftQueue: z.number().int().min(0),
  /** Sessions in which a doctor took the call: the assisted-teleconsultation count used for billing. */
  assistedTeleconsultations: z.number().int().min(0),
});
export type SessionCounters = z.infer<typeof SessionCounters>;

/**
 * Each device's calibration as the maintenance register has it: whether the kiosk has a wizard for
 * it, and its newest check (with the certificate of a wizard's check).
 */
export const DeviceMaintenance = z.object({
  deviceId: z.string(),
  calibratable: z.boolean(),
  lastCheck: z
    .object({
      calibrationId: z.string(),
      performedAt: z.string(),
      result: z.enum(['passed', 'failed']),
      /** When the next check is due (ISO); null after a failed check. */
      validUntil: z.string().nullable(),
      /** Null for a line entered without the wizard (no certificate on the kiosk). */
      certificateNumber: z.string().nullable(),
    })
    .nullable(),
});
export type DeviceMaintenance = z.infer<typeof DeviceMaintenance>;

export const StaffOverview = z.object({
  signedIn: StaffRole.nullable(),
  /** The signed-in technician's account (identifier and name); null for the pharmacist. */
  technician: z.object({ id: z.string(), name: z.string() }).nullable().default(null),
  hygieneDue: z.boolean(),
  helpRequested: z.boolean(),
  /** The patient's current step (no patient data), so staff can see the cabin without entering. */
  step: FlowStep,
  devices: z.array(DeviceStatus),
  /** The devices' calibrations, beside their statuses. */
  maintenance: z.array(DeviceMaintenance),
  counters: SessionCounters,
  /**
   * Why the platform last refused this kiosk's credential (expired, revoked, not its own), or
   * 'missing' when none is installed; null while it is accepted. Calls cannot start until it is fixed.
   */
  platformCredential: z
    .enum([...(Object.keys(KIOSK_CREDENTIAL_REFUSALS) as (keyof typeof KIOSK_CREDENTIAL_REFUSALS)[]), 'missing'])
    .nullable(),
});
export type StaffOverview = z.infer<typeof StaffOverview>;
