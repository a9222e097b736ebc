import { prescriptionPreviewPath } from '../common/consultation/prescription';
import type { PrescriptionDraft } from '../common/signaling/messages';
import { err, ok, type Result } from '../common/util/result';
import { bearerHeader } from './platform-client';

/**
 * Fetches a prescription's PDF with the doctor's session token. The error is the HTTP status
 * (401 when the session is gone, 404 for an unknown number).
 */
export async function fetchPrescriptionPdf(storage: Storage, number: string): Promise<Result<Blob, number>> {
  const res = await fetch(`/api/prescriptions/${encodeURIComponent(number)}.pdf`, { headers: bearerHeader(storage) });
  return res.ok ? ok(await res.blob()) : err(res.status);
}

/**
 * The PDF the platform would issue for this draft now, marked as a preview (nothing numbered or
 * stored), for the doctor to read before signing. The error says the HTTP status and the
 * platform's message, or the network's, for the doctor to see and retry.
 */
export async function fetchPrescriptionPreview(
  storage: Storage,
  consultationId: string,
  draft: PrescriptionDraft,
): Promise<Result<Blob, string>> {
  try {
    const res = await fetch(prescriptionPreviewPath(consultationId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearerHeader(storage) },
      body: JSON.stringify(draft),
    });
    if (res.ok) return ok(await res.blob());
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    return err(`${res.status} ${body.message ?? res.statusText}`);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}
