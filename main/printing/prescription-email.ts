import type { EmailStatus } from '../../common/printing/print-state';

export interface PrescriptionEmailOptions {
  /** Base URL of the platform (config `platform.url`; ws(s) is mapped to http(s)). */
  platformUrl: string;
  credential(): string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The platform's refusal codes (server/api/prescription-mail-routes.ts) as the screen says them. */
const BY_CODE: Record<string, EmailStatus> = {
  'invalid-address': 'invalid-address',
  refused: 'refused',
  unreachable: 'failed',
  'mail-unavailable': 'unavailable',
};

/**
 * Asks the platform to e-mail the document's link (POST /api/prescriptions/<number>/email with the
 * kiosk credential): `sent` only on its 202, which it gives once its SMTP server accepted the
 * message. The address is not kept or logged here.
 */
export function prescriptionEmail(options: PrescriptionEmailOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = options.platformUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/$/, '');
  return async (number: string, address: string): Promise<EmailStatus> => {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/prescriptions/${encodeURIComponent(number)}/email`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.credential()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ address }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch {
      return 'failed';
    }
    if (response.status === 202) return 'sent';
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    return BY_CODE[body?.error ?? ''] ?? 'failed';
  };
}
