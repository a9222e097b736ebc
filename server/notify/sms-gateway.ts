/** The environment variables of the platform's SMS gateway. */
export const SMS_ENV = { url: 'PLATFORM_SMS_URL', token: 'PLATFORM_SMS_TOKEN', from: 'PLATFORM_SMS_FROM' } as const;

/** Sends one text message; resolves once the gateway accepted it, throws otherwise (never with its words). */
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

/** A French mobile number in the form the kiosk takes it (06…, 07…, +33…), as E.164 (+336…). */
export function frenchMobileE164(phone: string): string | null {
  const digits = phone.replace(/[\s.-]/g, '');
  const national = digits.startsWith('+33') ? `0${digits.slice(3)}` : digits;
  return /^0[67]\d{8}$/.test(national) ? `+33${national.slice(1)}` : null;
}

/**
 * An SMS gateway over HTTP, in the manner of the common SMS APIs: POST a JSON message
 * `{ from, to, text }` to the gateway's URL with `Authorization: Bearer <token>`; any 2xx is
 * accepted. The sender name is at most 11 characters (the alphanumeric sender of French SMS).
 */
export class HttpSmsGateway implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly from: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async send(to: string, text: string): Promise<void> {
    const number = frenchMobileE164(to);
    if (!number) throw new Error('not a French mobile number');
    let response: Response;
    try {
      response = await this.fetchFn(this.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: this.from, to: number, text }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new Error(`the SMS gateway could not be reached (${(error as Error).name})`);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`the SMS gateway refused the message (HTTP ${response.status})`);
  }
}

/** The gateway from PLATFORM_SMS_URL and PLATFORM_SMS_TOKEN (PLATFORM_SMS_FROM optional), or null when unset. */
export function smsGatewayFromEnv(env: NodeJS.ProcessEnv): SmsSender | null {
  const url = env[SMS_ENV.url] || undefined;
  const token = env[SMS_ENV.token] || undefined;
  if (!url && !token) return null;
  if (!url || !token)
    throw new Error(`${SMS_ENV.url} / ${SMS_ENV.token}: set both (the gateway and its key), or neither`);
  if (!/^https?:\/\//.test(url)) throw new Error(`${SMS_ENV.url}: expected http://… or https://…`);
  const from = env[SMS_ENV.from] || 'Pharmacie';
  if (!/^[A-Za-z0-9 ]{1,11}$/.test(from)) throw new Error(`${SMS_ENV.from}: 1 to 11 letters, digits or spaces`);
  return new HttpSmsGateway(url, token, from);
}
