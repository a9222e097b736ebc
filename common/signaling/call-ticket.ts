import { z } from 'zod';
import { Specialty } from '../flow/care-pathway';
import { Territory } from '../routing/territory';

/**
 * What the kiosk's screens need to join the platform for one consultation, handed out by main
 * (which holds the kiosk's platform credential): where to connect, a short-lived token bound to this
 * session, and what the doctor's queue shows about the patient.
 */
export const CallTicket = z.object({
  /** ws:// or wss:// URL of the platform's signalling endpoint. */
  signalingUrl: z.url({ protocol: /^wss?$/ }),
  /** Short-lived token for this session only (not the kiosk's long-term credential). */
  token: z.string().min(16),
  /** The kiosk's local session id; the platform's consultation is keyed by it. */
  sessionId: z.uuid(),
  kioskId: z.string(),
  queueEntry: z.object({
    /** Age in whole years (the queue shows age, not the birth date). */
    ageYears: z.number().int().min(0).max(130),
    specialty: Specialty,
    /** The pharmacy's territory (its kiosk config's `site.territory`): the live queue is per specialty and territory. */
    territory: Territory,
    reason: z.string().max(1000),
    /**
     * The appointment the patient checked in for (issue 17): the platform, not the kiosk, looks up
     * its doctor, and puts the patient in that doctor's waiting room.
     */
    appointmentId: z.string().max(64).optional(),
  }),
});
export type CallTicket = z.infer<typeof CallTicket>;
