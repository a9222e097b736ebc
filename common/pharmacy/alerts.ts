import { z } from 'zod';
import { assertUnreachable } from '../util/assert-unreachable';

/**
 * A cabin's call to the pharmacist (PRODUCT.md "Every promise a screen makes happens"): the help
 * button, or the emergency screen. The kiosk's main raises it on the platform, which puts it on the
 * pharmacy's portals; the kiosk's screens say only what the platform confirmed.
 */
export const AlertKind = z.enum(['help', 'emergency']);
export type AlertKind = z.infer<typeof AlertKind>;

/**
 * Where an alert stands on the platform:
 * - undelivered: no open portal of the pharmacy has confirmed receiving it (none open, or none
 *   answered in time; it stays on the platform and is delivered to the next portal that opens);
 * - delivered: at least one open portal confirmed receiving it (it is on a pharmacist's screen);
 * - acknowledged: a pharmacist pressed "I'm coming";
 * - resolved: the pharmacist answered at the cabin itself (staff panel); nothing more to show.
 */
export const AlertStatus = z.enum(['undelivered', 'delivered', 'acknowledged', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatus>;

/** `POST PLATFORM_API.alerts` (kiosk credential): the kiosk picks the id, so a retry raises nothing twice. */
export const RaiseAlertRequest = z.object({ alertId: z.uuid(), kind: AlertKind }).strict();
export type RaiseAlertRequest = z.infer<typeof RaiseAlertRequest>;

/** The platform's answer about one alert (to the raise, and to each long poll). */
export const AlertAnswer = z.object({
  alertId: z.uuid(),
  kind: AlertKind,
  status: AlertStatus,
  /** Not acknowledged within the escalation delay (60 s): every portal rings louder, and the kiosk says so. */
  escalated: z.boolean(),
  /** Grows on every change; the long poll answers once it passes the kiosk's `after`. */
  version: z.number().int().min(0),
});
export type AlertAnswer = z.infer<typeof AlertAnswer>;

/** `GET PLATFORM_API.alerts/<id>?after=<version>`: answers when the version passes `after`, or after the poll time. */
export const AlertWatchQuery = z.object({ after: z.coerce.number().int().min(-1).default(-1) }).strict();
export const AlertIdParams = z.object({ alertId: z.uuid() }).strict();

/**
 * What the kiosk's screens say about the alert (translated as `alert.<kind>.<state>`):
 * - sending: the kiosk is telling the platform;
 * - delivered: a portal has it ("the pharmacist has been alerted");
 * - unanswered: delivered, but nobody acknowledged it in time (go to the counter / call 15);
 * - acknowledged: a pharmacist is coming;
 * - undelivered: no portal is open to receive it (go to the counter / call 15);
 * - unreachable: the platform could not be reached (go to the counter / call 15); retried meanwhile.
 */
export const KioskAlertState = z.enum([
  'sending',
  'delivered',
  'unanswered',
  'acknowledged',
  'undelivered',
  'unreachable',
]);
export type KioskAlertState = z.infer<typeof KioskAlertState>;

export const KioskAlertView = z.object({ kind: AlertKind, state: KioskAlertState });
export type KioskAlertView = z.infer<typeof KioskAlertView>;

/** The kiosk's screen state for a platform answer; null once resolved (nothing left to say). */
export function kioskAlertState(answer: Pick<AlertAnswer, 'status' | 'escalated'>): KioskAlertState | null {
  switch (answer.status) {
    case 'resolved':
      return null;
    case 'acknowledged':
      return 'acknowledged';
    case 'delivered':
      return answer.escalated ? 'unanswered' : 'delivered';
    case 'undelivered':
      return 'undelivered';
    default:
      return assertUnreachable(answer.status, 'alert status');
  }
}
