import type { BillingEntry } from './billing-entry';

/** French spreadsheets split on `;` and read UTF-8 only after a byte-order mark. */
const SEPARATOR = ';';
const BOM = '\uFEFF';

const HEADER = [
  'Date',
  'Heure',
  'Pharmacie',
  'Kiosque',
  'RPPS prescripteur',
  'NIR',
  'Couverture',
  'Acte téléconsultation',
  'Tarif téléconsultation (€)',
  'Code acte',
  'Montant (€)',
  'Consultation',
];

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** RFC 4180 quoting: a field with the separator, a quote or a line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Euros with a decimal comma, as a French spreadsheet reads a number. */
function euros(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

/** The monthly billing export: BOM, header row, one line per assisted teleconsultation, CRLF. */
export function billingCsv(entries: readonly BillingEntry[], pharmacyName: (id: string) => string): string {
  const lines = entries.map((e) =>
    [
      e.day,
      PARIS_TIME.format(new Date(e.endedAt)),
      e.pharmacyId === null ? '(aucune pharmacie)' : pharmacyName(e.pharmacyId),
      e.kioskId,
      e.doctorRpps,
      e.nir ?? '(pas de NIR)',
      e.coverage,
      e.teleconsultationAct,
      e.teleconsultationFeeCents === null ? 'tarif du spécialiste' : euros(e.teleconsultationFeeCents),
      e.actCode,
      euros(e.amountCents),
      e.consultationId,
    ]
      .map(csvField)
      .join(SEPARATOR),
  );
  return BOM + [HEADER.map(csvField).join(SEPARATOR), ...lines].map((l) => `${l}\r\n`).join('');
}
