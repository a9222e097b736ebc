import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Prescription } from '../../common/consultation/prescription';

/** The shortest key the seal accepts: 256 bits, as HMAC-SHA256's own output. */
export const MIN_PRESCRIPTION_KEY_BYTES = 32;

/**
 * What the seal binds: everything a pharmacist compares with the paper, in a fixed order, so a
 * changed line, dosage, date or prescriber gives another token.
 */
function sealedContent(prescription: Omit<Prescription, 'qrPayload'>): string {
  const { number, issuedAt, doctor, lines } = prescription;
  return JSON.stringify([
    number,
    issuedAt,
    doctor.name,
    doctor.rpps,
    lines.map((line) => [line.item, line.dosage, line.duration, line.notes]),
  ]);
}

/**
 * The token in a prescription's QR code: an HMAC-SHA256 of its content under the platform's
 * prescription key, cut to 128 bits (base64url, 22 characters) to keep the code small. Numbers are
 * sequential; without the token `/verify` says nothing, so they cannot be enumerated.
 */
export class PrescriptionSeal {
  constructor(private readonly key: Buffer) {
    if (key.length < MIN_PRESCRIPTION_KEY_BYTES)
      throw new Error(`prescription key: expected at least ${MIN_PRESCRIPTION_KEY_BYTES} bytes, got ${key.length}`);
  }

  token(prescription: Omit<Prescription, 'qrPayload'>): string {
    return createHmac('sha256', this.key)
      .update(sealedContent(prescription))
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  /** True when `token` is this prescription's, as issued (constant time). */
  check(prescription: Prescription, token: string): boolean {
    const expected = Buffer.from(this.token(prescription));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
