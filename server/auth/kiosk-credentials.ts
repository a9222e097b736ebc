import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who a verified kiosk credential belongs to. */
export interface KioskPrincipal {
  readonly kioskId: string;
}

const KIOSK_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;

/**
 * Per-kiosk long-term credentials: `kc1.<kioskId>.<nonce>.<mac>`, the MAC an HMAC-SHA256 under the
 * platform secret. Stateless to verify; the kiosk keeps it in its credential file (never in the
 * config) and sends it as `Authorization: Bearer <credential>`.
 */
export class KioskCredentials {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = createHmac('sha256', secret).update('kiosk-credential/1').digest();
  }

  /** A new credential for a kiosk. Throws on a kiosk id that is not lower-case letters, digits, dashes. */
  issue(kioskId: string): string {
    if (!KIOSK_ID.test(kioskId))
      throw new Error(`kioskId: expected lower-case letters, digits and dashes (3–64), got ${JSON.stringify(kioskId)}`);
    const body = `kc1.${kioskId}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The kiosk a credential belongs to, or null for anything not issued under this secret. */
  verify(credential: string): KioskPrincipal | null {
    if (typeof credential !== 'string' || credential.length > 200) return null;
    const parts = credential.split('.');
    if (parts.length !== 4 || parts[0] !== 'kc1' || !KIOSK_ID.test(parts[1]!)) return null;
    const body = parts.slice(0, 3).join('.');
    const expected = Buffer.from(this.mac(body));
    const actual = Buffer.from(parts[3]!);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    return { kioskId: parts[1]! };
  }

  /** The kiosk of an `Authorization: Bearer <credential>` header, or null. */
  fromAuthorization(header: string | undefined): KioskPrincipal | null {
    const match = /^Bearer (\S{1,200})$/.exec(header ?? '');
    return match ? this.verify(match[1]!) : null;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

let configured: KioskCredentials | null = null;

/** Called once by the platform's composition (server/platform.ts) with its secret. */
export function configureKioskCredentials(credentials: KioskCredentials): void {
  configured = credentials;
}

/**
 * Verifies a kiosk credential (the bare token, without "Bearer ") against the running platform's
 * secret; for routes mounted outside the signalling (records). Null when invalid or before start-up.
 */
export function verifyKioskCredential(token: string): KioskPrincipal | null {
  return configured?.verify(token) ?? null;
}
