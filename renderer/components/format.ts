/** "2,00 €" in French, "€2.00" in English: amounts read the way the patient is used to. */
export function formatEuros(amount: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(amount);
}

/** A number with the language's decimal separator (37,2 in French). */
export function formatNumber(value: number, language: string, digits = 0): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
}
