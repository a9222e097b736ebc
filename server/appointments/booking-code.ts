import { createHmac } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { LimiterFactory } from '../auth/sign-in-throttle';
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

/** Counts the wrong codes typed at each kiosk (CodeAttempts in memory, sharedCodeAttempts on a cluster). */
export interface CodeAttemptCounter {
  blocked(kioskId: string, now: number): Promise<boolean>;
  failed(kioskId: string, now: number): Promise<void>;
}

const CODE_LIMIT = 5;
const CODE_WINDOW_MS = 15 * 60_000;

/**
 * Wrong codes typed at a kiosk: after `limit` wrong ones in `windowMs`, the kiosk is refused for
 * the rest of the window (a guesser at the screen gets a few tries an hour, not millions). Kept per
 * kiosk in the worker's memory: a platform restart forgives, which costs a guesser a restart of
 * ours they cannot cause. One node only: a cluster counts in Redis (sharedCodeAttempts), or a kiosk
 * whose requests reach N nodes would get N× the tries.
 */
export class CodeAttempts implements CodeAttemptCounter {
  private readonly wrong = new Map<string, number[]>();

  constructor(
    private readonly limit = CODE_LIMIT,
    private readonly windowMs = CODE_WINDOW_MS,
  ) {}

  blocked(kioskId: string, now: number): Promise<boolean> {
    return Promise.resolve(this.recent(kioskId, now).length >= this.limit);
  }

  failed(kioskId: string, now: number): Promise<void> {
    this.wrong.set(kioskId, [...this.recent(kioskId, now), now]);
    return Promise.resolve();
  }

  private recent(kioskId: string, now: number): number[] {
    return (this.wrong.get(kioskId) ?? []).filter((t) => t > now - this.windowMs && t <= now);
  }
}

/**
 * The same count shared by the nodes (the sign-in throttle's store, server/auth/shared-auth-state.ts):
 * `limit` wrong codes per kiosk in a fixed window of `windowMs`, then refused until it ends.
 */
export function sharedCodeAttempts(
  limiter: LimiterFactory,
  limit = CODE_LIMIT,
  windowMs = CODE_WINDOW_MS,
): CodeAttemptCounter {
  const wrong = limiter({ keyPrefix: 'booking-code-kiosk', points: limit, duration: Math.ceil(windowMs / 1000) });
  return {
    blocked: async (kioskId) => ((await wrong.get(kioskId))?.consumedPoints ?? 0) >= limit,
    failed: async (kioskId) => {
      await wrong.consume(kioskId).catch((refusal: unknown) => {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
      });
    },
  };
}
