import { createHmac } from 'node:crypto';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH } from '../../common/routing/appointments';

/**
 * The short code of a booking (issue 17: a phone booking carries no identity, so the patient types
 * this at the kiosk): derived from the appointment's id under a key of the platform's, so nothing
 * more is stored and a code says nothing about the patient. 19^6 ≈ 47 million codes for the few
 * dozen bookings a cabin holds around a day; guessing is rate-limited (CodeAttempts).
 */
export function bookingCodeOf(key: Buffer, appointmentId: string): string {
  const mac = createHmac('sha256', key).update(appointmentId).digest();
  let code = '';
  for (let i = 0; i < BOOKING_CODE_LENGTH; i++) code += BOOKING_CODE_ALPHABET[mac[i]! % BOOKING_CODE_ALPHABET.length];
  return code;
}

/**
 * Wrong codes typed at a kiosk: after `limit` wrong ones in `windowMs`, the kiosk is refused for
 * the rest of the window (a guesser at the screen gets a few tries an hour, not millions). Kept per
 * kiosk in the worker's memory: a platform restart forgives, which costs a guesser a restart of
 * ours they cannot cause.
 */
export class CodeAttempts {
  private readonly wrong = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  blocked(kioskId: string, now: number): boolean {
    return this.recent(kioskId, now).length >= this.limit;
  }

  failed(kioskId: string, now: number): void {
    this.wrong.set(kioskId, [...this.recent(kioskId, now), now]);
  }

  private recent(kioskId: string, now: number): number[] {
    return (this.wrong.get(kioskId) ?? []).filter((t) => t > now - this.windowMs && t <= now);
  }
}
