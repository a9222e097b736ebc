import { z } from 'zod';

/**
 * A patient who left the cabin keeping their place in the queue, as the pharmacist's portal shows
 * it: the ticket the kiosk showed them, the cabin they left, the phone number they chose to give.
 *
 * - away: the place is kept; no doctor is about to be free for it yet;
 * - call-now: the patient would be next and a doctor is about to be free: call them back; the place
 *   is held until `heldUntil`, then released;
 * - resuming: the pharmacist brought them back: the next patient session at that cabin takes the
 *   place (consents asked again), until `heldUntil`;
 * - released: the hold ran out, the place is gone; cancelled: the pharmacist cancelled it. Both are
 *   shown for 30 minutes so every portal learns of them.
 */
export const CALLBACK_STATUSES = ['away', 'call-now', 'resuming', 'released', 'cancelled'] as const;
export const CallbackStatus = z.enum(CALLBACK_STATUSES);
export type CallbackStatus = z.infer<typeof CallbackStatus>;

export const PortalCallback = z.object({
  ticket: z.number().int().min(1),
  kioskId: z.string(),
  cabinLabel: z.string(),
  /** As the patient typed it, in pairs ("06 12 34 56 78"); null when they gave none. */
  phone: z.string().nullable(),
  status: CallbackStatus,
  /** ISO 8601: when the patient left the cabin. */
  awaySince: z.string(),
  /** ISO 8601: the end of the hold (call-now, resuming); null otherwise. */
  heldUntil: z.string().nullable(),
});
export type PortalCallback = z.infer<typeof PortalCallback>;
