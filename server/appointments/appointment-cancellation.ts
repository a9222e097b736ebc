import type { CancelReason, SlotOffer } from '../../common/routing/appointments';
import { slotTime } from '../../common/routing/slot-time';
import { createLogger } from '../../common/util/logger';
import type { SmsSender } from '../notify/sms-gateway';
import type { PlaceOf, TextMailer } from './appointment-reminder';
import type { CancellationHooks } from './appointment-service';
import type { Appointment } from './appointment-store';

const log = createLogger('platform:appointments');

const REASON: Record<CancelReason, string> = {
  unavailable: 'le médecin n’est plus disponible à cette heure',
  emergency: 'le médecin a dû répondre à une urgence',
};

const at = (place: ReturnType<PlaceOf>) => (place ? ` à la pharmacie ${place.pharmacy}` : '');

/**
 * The patient's notice of a cancellation (issue 17, "a doctor who cancels"): when, where, why, and
 * the next best choice — the live queue at the pharmacy, or the next free slot. No name, no doctor,
 * no reason for the visit (as the reminder).
 */
export function cancellationText(a: Appointment, place: ReturnType<PlaceOf>, next: SlotOffer | null): string {
  return [
    'Bonjour,',
    '',
    `Votre rendez-vous de téléconsultation du ${slotTime(a.startsAt, 'fr-FR')}${at(place)} est annulé : ${REASON[a.cancelReason ?? 'unavailable']}.`,
    '',
    'Vous pouvez consulter sans rendez-vous à la borne de la pharmacie : elle vous dit l’attente réelle avant de commencer.',
    next
      ? `Ou réservez un autre créneau à la borne ou au comptoir ; le prochain libre : ${slotTime(Date.parse(next.startsAt), 'fr-FR')}.`
      : 'Ou réservez un autre créneau à la borne ou au comptoir.',
    '',
    'Ce message ne contient aucune donnée de santé.',
  ].join('\n');
}

export function cancellationSms(a: Appointment, place: ReturnType<PlaceOf>, next: SlotOffer | null): string {
  const other = next
    ? ` ou autre créneau (prochain : ${slotTime(Date.parse(next.startsAt), 'fr-FR')})`
    : ' ou autre créneau';
  return `Téléconsultation du ${slotTime(a.startsAt, 'fr-FR')}${at(place)} ANNULÉE : ${REASON[a.cancelReason ?? 'unavailable']}. Consultez sans RDV à la borne${other}.`;
}

export interface CancellationDeps {
  /** The booked doctor's room on the platform (server/calls/booked-release.ts). */
  rooms: {
    isWaiting(slot: { kioskId: string; doctorId: string; startsAt: number }): boolean;
    cancelled(slot: { kioskId: string; doctorId: string; startsAt: number }, reason: CancelReason): boolean;
  };
  mailer: TextMailer | null;
  sms: SmsSender | null;
  place: PlaceOf;
  /** The next free slot for the same specialty at the same cabin (the next best choice), or null. */
  nextSlot(a: Appointment): Promise<SlotOffer | null>;
  /** The consoles and the portal look again (their lists show the cancellation at once). */
  changed(): void;
}

/**
 * Who is told of a cancellation, and how: a patient waiting in the cabin is moved to the live queue
 * and told on the screen; one not there yet is told by the channel they gave for the reminder (only
 * then: they asked to be contacted about this booking), else at check-in (the ticket says so) — and
 * a counter booking shows cancelled, with the reason, in the pharmacy's day on the portal.
 */
export function cancellationHooks(deps: CancellationDeps): CancellationHooks {
  return {
    isWaiting: (a) => deps.rooms.isWaiting(a),
    cancelled: (a, wasCheckedIn) => {
      deps.changed();
      if (wasCheckedIn && deps.rooms.cancelled(a, a.cancelReason ?? 'unavailable')) return;
      void notify(deps, a).catch((error: unknown) =>
        log.warn(`appointment ${a.id}: cancellation notice failed (${(error as Error).message})`),
      );
    },
  };
}

async function notify(deps: CancellationDeps, a: Appointment): Promise<void> {
  const patient = a.patient as { reminder?: unknown; contact?: { email?: string | null; phone?: string | null } };
  if (patient?.reminder === undefined || !patient.contact) return;
  const { email, phone } = patient.contact;
  const place = deps.place(a.kioskId);
  const next = await deps.nextSlot(a);
  const tries: Promise<void>[] = [];
  if (email && deps.mailer)
    tries.push(deps.mailer.sendText(email, 'Rendez-vous de téléconsultation annulé', cancellationText(a, place, next)));
  if (phone && deps.sms) tries.push(deps.sms.send(phone, cancellationSms(a, place, next)));
  const results = await Promise.allSettled(tries);
  const sent = results.filter((r) => r.status === 'fulfilled').length;
  log.info(`appointment ${a.id}: cancellation notice sent on ${sent} of ${tries.length} channel(s)`);
}
