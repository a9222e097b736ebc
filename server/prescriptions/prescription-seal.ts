import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Prescription } from '../../common/consultation/prescription';

/** Crockford's base 32 (no I, L, O, U): 32 symbols, so every byte maps evenly. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The shortest key the seal accepts: 256 bits, as HMAC-SHA256's own output. */
export const MIN_PRESCRIPTION_KEY_BYTES = 32;

/**
 * What the seal binds: everything a pharmacist compares with the paper, in a fixed order, so a
 * changed line, dosage, form, quantity, "non substituable", date or prescriber gives another token.
 * A line without form, quantity or flag (every line issued before they existed) seals as it always
 * did, so the QR codes already printed still verify.
 */
function sealedContent(prescription: Omit<Prescription, 'qrPayload'>): string {
  const { number, issuedAt, doctor, lines } = prescription;
  return JSON.stringify([
    number,
    issuedAt,
    doctor.name,
    doctor.rpps,
    lines.map((line) => [
      line.item,
      line.dosage,
      line.duration,
      line.notes,
      ...(line.form || line.quantity || line.nonSubstitutable
        ? [line.form ?? '', line.quantity ?? '', line.nonSubstitutable === true]
        : []),
    ]),
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

  /**
   * The code that opens the document from the e-mailed link (shown on the kiosk's screen and printed
   * on the paper, never e-mailed): 8 characters (40 bits) of an HMAC of the number under the same
   * key, in Crockford's base 32, grouped 4-4 to read aloud.
   */
  accessCode(number: string): string {
    const mac = createHmac('sha256', this.key).update(`access-code:${number}`).digest();
    const chars = [...mac.subarray(0, 8)].map((byte) => CODE_ALPHABET[byte % 32]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  }

  /** True when `code` is the number's access code (case, spaces, dash ignored; O read 0, I and L read 1). */
  checkAccessCode(number: string, code: string): boolean {
    const normal = (text: string) =>
      Buffer.from(text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1'));
    const expected = normal(this.accessCode(number));
    const given = normal(code);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** True when `token` is this prescription's, as issued (constant time). */
  check(prescription: Prescription, token: string): boolean {
    const expected = Buffer.from(this.token(prescription));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
