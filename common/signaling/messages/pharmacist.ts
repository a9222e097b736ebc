import { z } from 'zod';
import { PharmacyBoard, PortalAlert } from '../../pharmacy/cabins';
import { SignalError, type ResponseFrame } from './frames';
import { method, Nothing, requestUnion, type MethodTable, type RequestFrame } from './method-table';
import { E, platformFrames } from './room-events';

/** A pharmacist account: who, and the one pharmacy whose cabins it sees. */
export const PharmacistInfo = z.object({
  id: z.string(),
  name: z.string().min(1).max(120),
  pharmacy: z.object({ id: z.string(), name: z.string() }),
});
export type PharmacistInfo = z.infer<typeof PharmacistInfo>;

/** A signed-in pharmacist's session: the token to resume it with, and when it expires (ISO 8601). */
export const PharmacistSession = z.object({ token: z.string(), expiresAt: z.string(), pharmacist: PharmacistInfo });
export type PharmacistSession = z.infer<typeof PharmacistSession>;

/** Requests the pharmacist's portal may send. The first must be `pharmacist-sign-in` or `pharmacist-resume`. */
export const PharmacistMethods = {
  'pharmacist-sign-in': method({ email: z.email().max(200), password: z.string().min(1).max(200) }, PharmacistSession),
  /** Re-attaches a socket to a session (after a reload or a reconnect) with its token. */
  'pharmacist-resume': method({ token: z.string().min(16).max(200) }, PharmacistSession),
  'pharmacist-sign-out': method({}, Nothing),
  /** Starts `board` events for the pharmacist's pharmacy; returns the board now. */
  'subscribe-board': method({}, PharmacyBoard),
  /**
   * The portal has these alerts on screen: the platform then tells the kiosk the pharmacist was
   * alerted. Send it for every open alert as soon as it is shown (ids the pharmacy does not have are ignored).
   */
  'alerts-received': method({ alertIds: z.array(z.string().min(1).max(64)).max(50) }, Nothing),
  /** "I'm coming": the kiosk's screen says so; every portal of the pharmacy sees who took it. */
  'acknowledge-alert': method({ alertId: z.string().min(1).max(64) }, z.object({ alert: PortalAlert })),
  /**
   * The pharmacist brought the patient of this ticket back to their cabin: the next session there
   * takes the kept place (the patient goes through the screens again, consents included).
   */
  'callback-resume': method({ ticket: z.number().int().min(1).max(999) }, Nothing),
  /** The patient of this ticket will not come back: their place is released. */
  'callback-cancel': method({ ticket: z.number().int().min(1).max(999) }, Nothing),
} satisfies MethodTable;

export type PharmacistMethods = typeof PharmacistMethods;
export type PharmacistMethodName = keyof PharmacistMethods;

/** Every frame the portal may send. */
export const PharmacistToPlatform = requestUnion(PharmacistMethods);
export type PharmacistToPlatform = RequestFrame<PharmacistMethods>;

/** Every frame the platform sends the portal. */
export const PlatformToPharmacist = platformFrames([
  /** The pharmacy's cabins and alerts, after subscribe-board and on every change. */
  E('board', { board: PharmacyBoard }),
  /** The session expired or was signed out; sign in again. */
  E('session-ended', { reason: z.enum(['expired', 'signed-out']) }),
  /** Something went wrong outside a request. */
  E('error', { error: SignalError }),
]);
export type PlatformToPharmacist = z.infer<typeof PlatformToPharmacist>;

/** Event frames only (no responses). */
export type PharmacistEvent = Exclude<PlatformToPharmacist, ResponseFrame>;
