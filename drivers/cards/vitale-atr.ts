/** What the ATR says the card is (PROTOCOLS.md §4.1, from pcsc-tools' smartcard_list.txt). */
export type CardKind = 'vitale-1' | 'vitale-2' | 'cps' | 'unknown';

// Patterns over the upper-case hex ATR; the bracketed digits are those smartcard_list.txt lists.
const PATTERNS: readonly [RegExp, CardKind][] = [
  // Vitale 1 (inverse convention, TS = 3F): no identity readable over PC/SC without the SESAM-Vitale API.
  [/^3F652500(22|2C)09(F9|69)9000$/, 'vitale-1'],
  [/^3F652500(52|A3|A4)096A9000$/, 'vitale-1'],
  // Vitale 2, issues 43–49 (44 is the photo card); §4.1 also lists a 45 … FA variant.
  [/^3B75130000(4[3-9])09EA9000$/, 'vitale-2'],
  [/^3B751300004509FA9000$/, 'vitale-2'],
  // CPS (the pharmacist's professional card, contact and contactless v3): never a patient's.
  [/^3BAC00402A0012250064(8000031000|8082021200)9000$/, 'cps'],
  [/^3B8F80010031B86404B0ECC1739401808290000E$/, 'cps'],
];

export function atrHex(atr: Uint8Array): string {
  return Array.from(atr, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

export function classifyAtr(atr: Uint8Array): CardKind {
  const hex = atrHex(atr);
  return PATTERNS.find(([pattern]) => pattern.test(hex))?.[1] ?? 'unknown';
}
