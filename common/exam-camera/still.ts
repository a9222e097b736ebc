import { z } from 'zod';

/** The image formats a still is kept in: PNG (lossless) or JPEG (what a browser encodes smaller). */
export const StillContentType = z.enum(['image/png', 'image/jpeg']);
export type StillContentType = z.infer<typeof StillContentType>;

/** A still as the console lists it and the platform keeps it (the image is fetched apart). */
export const ExamStillInfo = z.object({
  id: z.uuid(),
  /** ISO 8601, when the doctor captured it. */
  capturedAt: z.iso.datetime({ offset: true }),
  /** Pixel size read from the image itself by the platform, not the console's word. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  contentType: StillContentType,
});
export type ExamStillInfo = z.infer<typeof ExamStillInfo>;

/**
 * What the console posts: when it was captured and the image in base64. A 4K PNG of a textured
 * frame is ~12 MB; the bound (16 MB of base64) keeps 4K and no more.
 */
export const ExamStillUpload = z.object({
  capturedAt: z.iso.datetime({ offset: true }),
  contentType: StillContentType,
  imageBase64: z.string().min(1).max(16_000_000),
});
export type ExamStillUpload = z.infer<typeof ExamStillUpload>;

/** Where the console posts a still and lists the consultation's stills. */
export const examStillsPath = (consultationId: string) =>
  `/api/consultations/${encodeURIComponent(consultationId)}/exam-stills`;
