import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from '../../common/util/clock';
import { memoryRevocations, type KioskRevocations } from './kiosk-revocations';

const Claims = z.object({ k: z.string(), s: z.string(), e: z.number() });

/** What a call token grants: joining the queue for one kiosk session until `expiresAt`. */
export interface CallGrant {
  readonly kioskId: string;
  readonly sessionId: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
}

/**
 * Short-lived tokens in CallTickets (`ct1.<claims>.<mac>`): the kiosk's main process exchanges its
 * long-term credential for one per patient session, so the screens never hold the credential.
 * Default lifetime 2 h (covers a long wait, a call and reconnections). A token issued before its
 * kiosk's credentials were revoked is refused too, so a revocation also closes the signalling's door.
 */
export class CallTokens {
  private readonly key: Buffer;

  constructor(
    secret: Buffer,
    private readonly clock: Clock = systemClock,
    private readonly lifetimeMs = 2 * 3600_000,
    private readonly revocations: Pick<KioskRevocations, 'revokedBefore'> = memoryRevocations(),
  ) {
    this.key = createHmac('sha256', secret).update('call-token/1').digest();
  }

  issue(kioskId: string, sessionId: string): { token: string; expiresAt: number } {
    const expiresAt = this.clock.now() + this.lifetimeMs;
    const body = `ct1.${Buffer.from(JSON.stringify({ k: kioskId, s: sessionId, e: expiresAt })).toString('base64url')}`;
    return { token: `${body}.${this.mac(body)}`, expiresAt };
  }

  /** The grant, or null when forged, malformed or expired. */
  async verify(token: string): Promise<CallGrant | null> {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'ct1') return null;
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.mac(body));
    const actual = Buffer.from(parts[2]!);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    let claims: z.infer<typeof Claims>;
    try {
      claims = Claims.parse(JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')));
    } catch {
      return null;
    }
    if (claims.e <= this.clock.now()) return null;
    const revokedBefore = await this.revocations.revokedBefore(claims.k);
    if (revokedBefore !== null && claims.e - this.lifetimeMs <= revokedBefore) return null;
    return { kioskId: claims.k, sessionId: claims.s, expiresAt: claims.e };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
