import { z } from 'zod';

/**
 * What a waiting patient is told about the wait (computed by server/queue/wait-estimate.ts). Each
 * kind is a different promise, so the screen cannot show minutes where there is no estimate:
 * - `no-doctor`: no doctor on duty can take this patient (specialty and territory) right now:
 *   no number of minutes;
 * - `estimate`: whole minutes, at least 1, from the doctors on duty for this queue and the
 *   consultations under way; `doctorsOnDuty` counts the doctors on duty who can take the patient;
 * - `doctor-coming`: a doctor is accepting this patient at this moment (the call opens next).
 */
export const QueueWait = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no-doctor') }),
  z.object({
    kind: z.literal('estimate'),
    minutes: z.number().int().min(1),
    doctorsOnDuty: z.number().int().min(1),
  }),
  z.object({ kind: z.literal('doctor-coming') }),
]);
export type QueueWait = z.infer<typeof QueueWait>;
