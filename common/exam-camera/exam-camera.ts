import { z } from 'zod';

/**
 * Why the kiosk could not send the examination camera (translated as `examCamera.failure.<code>`
 * at the kiosk and in the console):
 * - `camera-not-found`: no video input whose label matches the configured camera;
 * - `camera-refused`: the input is there but would not open (busy, permission);
 * - `send-failed`: it opened but the media server refused the stream.
 */
export const ExamCameraFailure = z.enum(['camera-not-found', 'camera-refused', 'send-failed']);
export type ExamCameraFailure = z.infer<typeof ExamCameraFailure>;

/**
 * The examination camera as the kiosk reports it to the doctor: `streaming` once its video is
 * produced, at the size the camera gives (its native one), `failed` with the reason, `ended` once
 * it stopped sending.
 */
export const ExamCameraReport = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('streaming'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  z.object({ state: z.literal('failed'), failure: ExamCameraFailure }),
  z.object({ state: z.literal('ended') }),
]);
export type ExamCameraReport = z.infer<typeof ExamCameraReport>;
