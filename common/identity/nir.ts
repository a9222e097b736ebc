/**
 * NIR (numéro d'inscription au répertoire, the French social security number) checks, PROTOCOLS.md
 * §4.3: 15 characters = sex (1) · year (2) · month (2) · department (2; 2A/2B for Corsica) ·
 * commune (3) · order (3) · key (2), with key = 97 − (first 13 digits mod 97) after 2A → 19 and
 * 2B → 18 (python-stdnum `fr/nir.py`).
 */

/** Why a NIR is refused; short stable strings (screens and `kioskctl nir` map them to messages). */
export type NirReason = 'length' | 'format' | 'sex' | 'month' | 'department' | 'key';

export interface NirCheck {
  valid: boolean;
  /** The key the first 13 characters call for ("01"–"97"); null when they are not 13 digits/2A/2B. */
  key: string | null;
  /** Null when valid. */
  reason: NirReason | null;
}

/** Spaces are how the number is printed on the card ("2 69 05 49 588 157 80"); they carry nothing. */
export function normaliseNir(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The control key of a 13-character NIR body, as 2 digits; null when the body is malformed. */
export function nirKey(body: string): string | null {
  if (!/^\d{5}(\d{2}|2A|2B)\d{6}$/.test(body)) return null;
  const digits = `${body.slice(0, 5)}${body.slice(5, 7).replace('2A', '19').replace('2B', '18')}${body.slice(7)}`;
  // The body is < 10^13, far below 2^53: Number arithmetic is exact.
  return String(97 - (Number(digits) % 97)).padStart(2, '0');
}

/**
 * Checks a NIR typed or read from a card. Format checks, in order: length, characters, sex
 * (1/2; 3 for people born abroad awaiting registration; 7/8 for temporary numbers), month (01–12,
 * or 20–99 which civil registers use when the month is unknown), department (not 00), then the key.
 */
export function validateNir(value: string): NirCheck {
  const nir = normaliseNir(value);
  if (nir.length !== 15) return { valid: false, key: null, reason: 'length' };
  const key = nirKey(nir.slice(0, 13));
  if (key === null || !/^\d{2}$/.test(nir.slice(13))) return { valid: false, key, reason: 'format' };
  const fail = (reason: NirReason): NirCheck => ({ valid: false, key, reason });
  if (!'12378'.includes(nir[0] ?? '')) return fail('sex');
  const month = Number(nir.slice(3, 5));
  if (month === 0 || (month > 12 && month < 20)) return fail('month');
  if (nir.slice(5, 7) === '00') return fail('department');
  return nir.slice(13) === key ? { valid: true, key, reason: null } : fail('key');
}
