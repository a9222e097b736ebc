import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { Prescription } from '../../common/consultation/prescription';
import { prescriptionPdf } from '../api/prescription-pdf';
import { isValidPrescriptionNumber, luhnDigit } from '../calls/prescription-issuer';
import { pdfFirstRgbImage, pdfTexts } from './pdf-reader';

/**
 * The printed ordonnance (server/api/prescription-pdf.ts, the platform's) as the console prints
 * it: the PDF bytes are read back for the number and the lines, and the QR code image inside the
 * PDF is decoded with jsQR to the exact payload.
 */
const number = `RX-2026-000123-${luhnDigit('2026000123')}`;
const prescription: Prescription = {
  number,
  issuedAt: '2026-11-22T10:00:00.000Z',
  doctor: { name: 'Dr Claire Martin', rpps: '10000000001' },
  lines: [
    { item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours', notes: 'si fièvre' },
    { item: 'Ibuprofène 400 mg', dosage: '1 comprimé le soir', duration: '3 jours', notes: '' },
  ],
  qrPayload: `${number} https://platform.example/verify/${number}`,
};

describe('prescription PDF', () => {
  it('prints the number, the doctor and every line (French accents included)', async () => {
    const pdf = await prescriptionPdf(prescription);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfTexts(pdf).join('\n');
    expect(text).toContain(number);
    expect(text).toContain('RPPS 10000000001');
    expect(text).toContain('Paracétamol 1 g');
    expect(text).toContain('Ibuprofène 400 mg');
    expect(text).toContain('si fièvre');
    expect(text).toContain('Vérifiable avec son numéro et le QR code');
  });

  it('embeds a QR code that decodes to the number and the verification URL', async () => {
    const image = pdfFirstRgbImage(await prescriptionPdf(prescription));
    expect(image).not.toBeNull();
    const decoded = jsQR(image!.rgba, image!.width, image!.height);
    expect(decoded?.data).toBe(prescription.qrPayload);
    // The symbol is the one qrcode's own model gives for this payload at error correction M.
    expect(QRCode.create(prescription.qrPayload, { errorCorrectionLevel: 'M' }).version).toBe(decoded!.version);
  });
});

const withPatient: Prescription = {
  ...prescription,
  doctor: { ...prescription.doctor, specialty: 'general-practice', practiceAddress: '12 rue de la Paix, 75002 Paris' },
  patient: {
    lastName: 'DUPONT',
    birthName: 'MARTIN',
    firstNames: 'Jeanne Marie',
    sex: 'F',
    birthDate: '1980-11-23',
    weightKg: 62.5,
  },
};

/** The page sizes (MediaBox) of a PDF, in points. */
const mediaBoxes = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);

describe('prescription PDF: the French layout', () => {
  it('names the patient (name, birth name, first names, sex, birth date and age, weight) and the prescriber', async () => {
    const text = pdfTexts(await prescriptionPdf(withPatient)).join('\n');
    for (const expected of [
      'Nom : DUPONT',
      'Nom de naissance : MARTIN',
      'Prénom(s) : Jeanne Marie',
      'Sexe : Féminin',
      'Date de naissance : 23/11/1980 (45 ans)', // the day before her 46th birthday
      'Poids : 62,5 kg',
      'Médecine générale',
      '12 rue de la Paix, 75002 Paris',
      'Signé électroniquement par Dr Claire Martin',
      'ORDONNANCE',
      'Le 22/11/2026 à 11:00',
    ])
      expect(text).toContain(expected);
  });

  it('says the identity was not transmitted rather than leave the patient blank', async () => {
    expect(pdfTexts(await prescriptionPdf(prescription)).join('\n')).toContain('Patient : identité non transmise');
  });

  it('lays out A4 and an 80 mm receipt roll, the QR code readable on both', async () => {
    const a4 = await prescriptionPdf(withPatient, 'a4');
    const roll = await prescriptionPdf(withPatient, 'receipt-80mm');
    expect(mediaBoxes(a4)).toEqual([[595.28, 841.89]]);
    expect(mediaBoxes(roll)).toHaveLength(1);
    const [[width, height]] = mediaBoxes(roll) as [[number, number]];
    expect(width).toBeCloseTo(226.77, 1);
    expect(height).toBeGreaterThan(width);
    expect(pdfTexts(roll).join('\n')).toContain('Nom : DUPONT');
    const image = pdfFirstRgbImage(roll);
    expect(jsQR(image!.rgba, image!.width, image!.height)?.data).toBe(withPatient.qrPayload);
  });
});

describe('prescription number check digit', () => {
  it('accepts issued numbers and catches any single wrong digit and adjacent swaps', () => {
    expect(isValidPrescriptionNumber(number)).toBe(true);
    const digits = number.replace(/\D/g, '');
    for (let i = 0; i < digits.length - 1; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === digits[i]) continue;
        const typo = digits.slice(0, i) + d + digits.slice(i + 1);
        expect(isValidPrescriptionNumber(`RX-${typo.slice(0, 4)}-${typo.slice(4, 10)}-${digits.at(-1)}`)).toBe(false);
      }
    }
    // Luhn misses only the 0↔9 swap; this number has none, so every adjacent swap is caught.
    for (let i = 0; i < 9; i++) {
      if (digits[i] === digits[i + 1]) continue;
      const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2, 10);
      expect(isValidPrescriptionNumber(`RX-${swapped.slice(0, 4)}-${swapped.slice(4, 10)}-${digits.at(-1)}`)).toBe(
        false,
      );
    }
    expect(isValidPrescriptionNumber('RX-2026-00123-7')).toBe(false);
    expect(isValidPrescriptionNumber('rx-2026-000123-7')).toBe(false);
  });
});

describe('the structured line and the preview before signing', () => {
  const structured: Prescription = {
    ...prescription,
    lines: [
      {
        item: 'Amoxicilline 1 g',
        form: 'comprimé dispersible',
        dosage: '1 comprimé matin et soir',
        duration: '6 jours',
        quantity: '1 boîte de 12',
        nonSubstitutable: true,
        notes: '',
      },
    ],
  };

  it('prints the form, the quantity and "Non substituable" on the line', async () => {
    const text = pdfTexts(await prescriptionPdf(structured)).join('\n');
    expect(text).toContain('Amoxicilline 1 g, comprimé dispersible');
    expect(text).toContain('Quantité : 1 boîte de 12');
    expect(text).toContain('Non substituable');
  });

  it('marks the preview as such: the same lines, "APERÇU", not signed, no QR code', async () => {
    const pdf = await prescriptionPdf({ ...structured, number: 'APERÇU', qrPayload: 'APERÇU' }, 'a4', {
      preview: true,
    });
    const text = pdfTexts(pdf).join('\n');
    expect(text).toContain('Amoxicilline 1 g, comprimé dispersible');
    expect(text).toContain('APERÇU');
    expect(text).toContain('Aperçu : pas encore signé.');
    expect(text).not.toContain('Signé électroniquement');
    expect(text).not.toContain('Vérifiable avec son numéro');
    expect(pdfFirstRgbImage(pdf)).toBeNull();
  });
});
