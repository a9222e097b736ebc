import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KioskCredentialRefusal } from '../../common/signaling/kiosk-credential-refusal';
import { memoryRevocations, type KioskRevocations } from './kiosk-revocations';

/** Who a verified kiosk credential belongs to, and its life. */
export interface KioskPrincipal {
  readonly kioskId: string;
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
}

export type KioskCredentialCheck =
  { ok: true; principal: KioskPrincipal } | { ok: false; refusal: KioskCredentialRefusal };

const KIOSK_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const DAY_MS = 24 * 3600_000;
/** A credential lives 90 days; the kiosk is given a new one over its channel in its last 30. */
export const KIOSK_CREDENTIAL_DAYS = 90;
export const KIOSK_CREDENTIAL_ROTATE_DAYS = 30;

export interface KioskCredentialOptions {
  revocations?: KioskRevocations;
  now?: () => number;
}

/**
 * Per-kiosk long-term credentials: `kc2.<kioskId>.<issued ms>.<expires ms>.<nonce>.<mac>`, the MAC
 * an HMAC-SHA256 under the platform secret. The kiosk keeps it in its credential file (never in the
 * config) and sends it as `Authorization: Bearer <credential>`. Each check looks at its expiry and
 * at the kiosk's revocation (an admin command); the older `kc1` credentials, which never expired,
 * are refused as expired.
 */
export class KioskCredentials {
  private readonly key: Buffer;
  private readonly revocations: KioskRevocations;
  private readonly now: () => number;

  constructor(secret: Buffer, options: KioskCredentialOptions = {}) {
    this.key = createHmac('sha256', secret).update('kiosk-credential/1').digest();
    this.revocations = options.revocations ?? memoryRevocations();
    this.now = options.now ?? Date.now;
  }

  /** A new credential for a kiosk. Throws on a kiosk id that is not lower-case letters, digits, dashes. */
  issue(kioskId: string, days = KIOSK_CREDENTIAL_DAYS): string {
    if (!KIOSK_ID.test(kioskId))
      throw new Error(`kioskId: expected lower-case letters, digits and dashes (3–64), got ${JSON.stringify(kioskId)}`);
    if (!Number.isInteger(days) || days < 1 || days > 365)
      throw new Error(`--days: expected a whole number of days from 1 to 365, got ${days}`);
    const issued = this.now();
    const body = `kc2.${kioskId}.${issued}.${issued + days * DAY_MS}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  /** Revokes every credential of a kiosk issued until now (issue it a new one afterwards). */
  async revoke(kioskId: string): Promise<void> {
    await this.revocations.revoke(kioskId, this.now());
  }

  /** Whether a credential is good now, and if not why (its kiosk's revocation read from the store). */
  async check(credential: string): Promise<KioskCredentialCheck> {
    const parts = typeof credential === 'string' && credential.length <= 200 ? credential.split('.') : [];
    if (parts[0] === 'kc1' && parts.length === 4 && this.signed(parts)) return refused('credential-expired');
    if (parts.length !== 6 || parts[0] !== 'kc2' || !KIOSK_ID.test(parts[1]!) || !this.signed(parts))
      return refused('credential-invalid');
    const principal = { kioskId: parts[1]!, issuedAtMs: Number(parts[2]), expiresAtMs: Number(parts[3]) };
    if (this.now() >= principal.expiresAtMs) return refused('credential-expired');
    const revokedBefore = await this.revocations.revokedBefore(principal.kioskId);
    if (revokedBefore !== null && principal.issuedAtMs <= revokedBefore) return refused('credential-revoked');
    return { ok: true, principal };
  }

  /** The kiosk a good credential belongs to, or null. */
  async verify(credential: string): Promise<KioskPrincipal | null> {
    const result = await this.check(credential);
    return result.ok ? result.principal : null;
  }

  /** The check of an `Authorization: Bearer <credential>` header. */
  async checkAuthorization(header: string | undefined): Promise<KioskCredentialCheck> {
    const match = /^Bearer (\S{1,200})$/.exec(header ?? '');
    return match ? this.check(match[1]!) : refused('credential-invalid');
  }

  /** The kiosk of an `Authorization: Bearer <credential>` header, or null. */
  async fromAuthorization(header: string | undefined): Promise<KioskPrincipal | null> {
    const result = await this.checkAuthorization(header);
    return result.ok ? result.principal : null;
  }

  /** A new credential when this one is in its last days (handed to the kiosk on its channel), else null. */
  rotation(principal: KioskPrincipal): string | null {
    return principal.expiresAtMs - this.now() <= KIOSK_CREDENTIAL_ROTATE_DAYS * DAY_MS
      ? this.issue(principal.kioskId)
      : null;
  }

  private signed(parts: string[]): boolean {
    const expected = Buffer.from(this.mac(parts.slice(0, -1).join('.')));
    const actual = Buffer.from(parts.at(-1)!);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

const refused = (refusal: KioskCredentialRefusal): KioskCredentialCheck => ({ ok: false, refusal });
