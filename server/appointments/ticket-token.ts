import { createHmac, timingSafeEqual } from 'node:crypto';
import { bookingCodeOf } from './booking-code';

/** How long after its slot starts a ticket is still read as one (then: expired). */
export const TICKET_VALID_AFTER_START_MS = 24 * 3600_000;

export interface TicketClaims {
  appointmentId: string;
  kioskId: string;
  /** Epoch ms after which the ticket is expired. */
  expiresAt: number;
}

/**
 * The token an appointment ticket's QR code carries: the appointment, the pharmacy's kiosk and an
 * expiry, HMAC-SHA256 under a key derived from the platform's secret. Only the platform signs and
 * verifies: a kiosk cannot make one, and a changed character breaks the signature. It carries no
 * name or health data (a ticket left on a counter tells nothing).
 */
export class TicketTokens {
  private readonly key: Buffer;
  private readonly codeKey: Buffer;

  constructor(platformSecret: Buffer) {
    this.key = createHmac('sha256', platformSecret).update('appointment-tickets/v1').digest();
    this.codeKey = createHmac('sha256', platformSecret).update('appointment-booking-codes/v1').digest();
  }

  /** The booking's short code, typed at the kiosk when the QR code is not at hand (a phone booking). */
  codeOf(appointmentId: string): string {
    return bookingCodeOf(this.codeKey, appointmentId);
  }

  sign(claims: TicketClaims): string {
    const body = Buffer.from(JSON.stringify([claims.appointmentId, claims.kioskId, claims.expiresAt])).toString(
      'base64url',
    );
    return `${body}.${this.mac(body)}`;
  }

  /** The claims of a token this platform signed, or null (forged, damaged, not a ticket). Expiry is the caller's. */
  verify(token: string): TicketClaims | null {
    const [body, mac, extra] = token.trim().split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const [appointmentId, kioskId, expiresAt] = JSON.parse(Buffer.from(body, 'base64url').toString()) as unknown[];
      if (typeof appointmentId !== 'string' || typeof kioskId !== 'string' || typeof expiresAt !== 'number')
        return null;
      return { appointmentId, kioskId, expiresAt };
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
