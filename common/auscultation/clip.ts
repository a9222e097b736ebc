import { z } from 'zod';
import { AuscultationSite } from './sites';

/** How long a clip the doctor records lasts. */
export const CLIP_SECONDS = 15;

/**
 * Clips are kept as 16-bit mono WAV at 8 kHz: heart sounds lie below 600 Hz and breath sounds below
 * about 2 kHz (crackles included), so 8 kHz keeps everything a stethoscope gives, uncompressed and
 * readable by any player, in 240 kB per clip.
 */
export const CLIP_SAMPLE_RATE_HZ = 8000;

/** A recorded clip as the console lists it and the platform keeps it (the audio is fetched apart). */
export const AuscultationClipInfo = z.object({
  id: z.uuid(),
  site: AuscultationSite,
  /** ISO 8601, when the recording started. */
  recordedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().int().positive(),
  sampleRateHz: z.number().int().positive(),
});
export type AuscultationClipInfo = z.infer<typeof AuscultationClipInfo>;

/** What the console posts: the site, when it started, and the WAV file in base64. */
export const AuscultationClipUpload = z.object({
  site: AuscultationSite,
  recordedAt: z.iso.datetime({ offset: true }),
  // 15 s at 8 kHz is 240 kB of WAV, 320 kB in base64: the bound leaves room and no more.
  wavBase64: z.string().min(1).max(400_000),
});
export type AuscultationClipUpload = z.infer<typeof AuscultationClipUpload>;

/** Where the console posts a clip and lists the consultation's clips. */
export const auscultationClipsPath = (consultationId: string) =>
  `/api/consultations/${encodeURIComponent(consultationId)}/auscultation-clips`;
