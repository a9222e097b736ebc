/**
 * A French phone number as a patient types it ("06 12 34 56 78", "0612345678", "+33 6 12 34 56 78",
 * dots or dashes between pairs): the ten digits a French number has (ARCEP numbering plan: a 0 and
 * nine digits, the first of them 1 to 9), written back in pairs for the pharmacist to read out.
 */
export function frenchPhone(input: string): string | null {
  const compact = input.replace(/[\s.-]/g, '');
  const national = compact.startsWith('+33')
    ? `0${compact.slice(3)}`
    : compact.startsWith('0033')
      ? `0${compact.slice(4)}`
      : compact;
  if (!/^0[1-9]\d{8}$/.test(national)) return null;
  return national.replace(/(\d{2})(?=\d)/g, '$1 ');
}
