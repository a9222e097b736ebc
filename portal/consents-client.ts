/** A consent per use as the pharmacist sees it (no text, no patient identity). */
export interface ConsentLine {
  use: 'teleconsultation' | 'research' | 'gp-report' | 'reminders' | 'quality-improvement';
  granted: boolean;
  withdrawnAt: string | null;
}

/** The platform's answer: the consents, or its plain reason for refusing. */
export type ConsentAnswer<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The pharmacist's consent requests (server/compliance/pharmacy-consent-routes.ts), with the
 * session's token: a consultation's consents by the ordonnance number, and a withdrawal.
 */
export class ConsentsClient {
  constructor(
    private readonly token: () => string | null,
    private readonly base = '',
  ) {}

  async list(prescription: string): Promise<ConsentAnswer<ConsentLine[]>> {
    const r = await this.send(`/api/pharmacy/consents?prescription=${encodeURIComponent(prescription)}`);
    return r.ok ? { ok: true, value: r.value.consents as ConsentLine[] } : r;
  }

  async withdraw(prescription: string, use: string): Promise<ConsentAnswer<unknown>> {
    return this.send('/api/pharmacy/consents/withdraw', { prescription, use });
  }

  private async send(path: string, body?: unknown): Promise<ConsentAnswer<Record<string, unknown>>> {
    const token = this.token();
    if (!token) return { ok: false, reason: 'not signed in' };
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch {
      return { ok: false, reason: 'no answer from the platform' };
    }
    const parsed = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return { ok: true, value: parsed };
    return { ok: false, reason: typeof parsed.message === 'string' ? parsed.message : `HTTP ${res.status}` };
  }
}
