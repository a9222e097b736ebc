import { z } from 'zod';
import { AuscultationSite } from './sites';

/**
 * Why the kiosk could not send the stethoscope's sound (translated as `auscultation.failure.<code>`
 * at the kiosk and in the console):
 * - `stethoscope-not-found`: no audio input whose label matches the configured stethoscope;
 * - `stethoscope-refused`: the input is there but would not open (busy, permission);
 * - `send-failed`: it opened but the media server refused the stream.
 */
export const AuscultationFailure = z.enum(['stethoscope-not-found', 'stethoscope-refused', 'send-failed']);
export type AuscultationFailure = z.infer<typeof AuscultationFailure>;

/**
 * The auscultation as the kiosk reports it to the doctor: `listening` once the stethoscope's sound
 * is produced, `failed` with the reason, `ended` once it stopped sending.
 */
export const AuscultationReport = z.discriminatedUnion('state', [
  z.object({ state: z.literal('listening'), site: AuscultationSite }),
  z.object({ state: z.literal('failed'), site: AuscultationSite, failure: AuscultationFailure }),
  z.object({ state: z.literal('ended'), site: AuscultationSite }),
]);
export type AuscultationReport = z.infer<typeof AuscultationReport>;
