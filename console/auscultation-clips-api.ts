import { encodeWav } from '../common/audio/wav';
import { auscultationClipsPath, type AuscultationClipInfo } from '../common/auscultation/clip';
import type { AuscultationSite } from '../common/auscultation/sites';
import { err, ok, type Result } from '../common/util/result';
import { bearerHeader as authorization } from './platform-client';

/** Bytes as base64, in slices (a 240 kB spread into String.fromCharCode would overflow the stack). */
function base64(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
}

/** A clip recorded at the console, before the platform kept it. */
export interface PendingClip {
  site: AuscultationSite;
  recordedAt: string;
  samples: Float32Array;
  sampleRateHz: number;
}

/**
 * Posts a clip into the consultation's record (server/records/auscultation-clip-routes.ts). The
 * error says the HTTP status and the platform's message, for the doctor to see and retry.
 */
export async function saveClip(
  consultationId: string,
  clip: PendingClip,
  storage: Storage = window.sessionStorage,
): Promise<Result<AuscultationClipInfo, string>> {
  try {
    const res = await fetch(auscultationClipsPath(consultationId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization(storage) },
      body: JSON.stringify({
        site: clip.site,
        recordedAt: clip.recordedAt,
        wavBase64: base64(encodeWav(clip.samples, clip.sampleRateHz)),
      }),
    });
    if (res.ok) return ok((await res.json()) as AuscultationClipInfo);
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    return err(`${res.status} ${body.message ?? res.statusText}`);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

/** A kept clip's audio, to play it back. The error is the HTTP status. */
export async function fetchClipAudio(
  consultationId: string,
  clipId: string,
  storage: Storage = window.sessionStorage,
): Promise<Result<Blob, number>> {
  const res = await fetch(`${auscultationClipsPath(consultationId)}/${encodeURIComponent(clipId)}.wav`, {
    headers: authorization(storage),
  });
  return res.ok ? ok(await res.blob()) : err(res.status);
}
