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
