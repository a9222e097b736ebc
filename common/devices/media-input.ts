import { z } from 'zod';

/**
 * A configured device the screens capture themselves (getUserMedia), and how to pick its input
 * among the browser's: any of `labels` found in the input's label, without case. The kiosk's main
 * derives it from the config and the device catalogue; the screens never list models.
 */
export const MediaInput = z.object({
  deviceId: z.string(),
  /** stethoscope: an audio input; exam-camera: a video input (an otoscope or dermatoscope). */
  kind: z.enum(['stethoscope', 'exam-camera']),
  labels: z.array(z.string().min(1)).min(1),
});
export type MediaInput = z.infer<typeof MediaInput>;

/** The first input whose label holds one of the device's label parts, or undefined. */
export function matchMediaInput<D extends { label: string }>(
  input: Pick<MediaInput, 'labels'>,
  candidates: readonly D[],
): D | undefined {
  const wanted = input.labels.map((label) => label.toLocaleLowerCase());
  return candidates.find((c) => wanted.some((part) => c.label.toLocaleLowerCase().includes(part)));
}
