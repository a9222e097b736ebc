import { z } from 'zod';

/**
 * What the platform answered when the patient left the waiting room keeping their place
 * (server/calls/away-places.ts, the kiosk's `step-away`): the away-ticket screen says exactly
 * this and nothing more.
 * - ticket: the number the pharmacist calls out or reads on their portal;
 * - holdMinutes: how long the place is held once a doctor is about to be free;
 * - portalOpen: a portal of the pharmacy was open when the patient left — without one nobody is
 *   told to call them back, so the screen sends them to the counter instead;
 * - phoneGiven: the patient left a phone number (otherwise they cannot be phoned).
 */
export const SteppedAway = z.object({
  ticket: z.number().int().min(1),
  holdMinutes: z.number().int().min(1),
  portalOpen: z.boolean(),
  phoneGiven: z.boolean(),
});
export type SteppedAway = z.infer<typeof SteppedAway>;

/** The away-ticket screen's sentences (keys under `awayTicket.`), each backed by the answer above. */
export function awayTicketPromises(away: SteppedAway): string[] {
  if (!away.portalOpen) return ['noPortal', 'holdCounter'];
  return [away.phoneGiven ? 'phone' : 'noPhone', 'hold'];
}
