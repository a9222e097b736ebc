import { err, ok, type Result } from '../common/util/result';
import { bearerHeader } from './platform-client';

/**
 * Shares the consultation the doctor took part in with a colleague's account (by e-mail), with the
 * doctor's session token: the colleague may then read its records, report and prescription. The
 * error is the platform's plain sentence (not a participant, no such colleague, …).
 */
export async function shareConsultation(
  storage: Storage,
  consultationId: string,
  email: string,
): Promise<Result<{ doctorName: string }, string>> {
  let res: Response;
  try {
    res = await fetch(`/api/consultations/${encodeURIComponent(consultationId)}/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearerHeader(storage) },
      body: JSON.stringify({ email }),
    });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  const body = (await res.json().catch(() => ({}))) as { doctor?: { name?: string }; message?: string };
  if (res.ok) return ok({ doctorName: body.doctor?.name ?? email });
  return err(body.message ?? `HTTP ${res.status}`);
}
