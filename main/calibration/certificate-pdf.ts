import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CalibrationRecord } from '../../common/calibration/calibration-record';
import { methodText } from './certificate-method';

/** Who keeps the device: printed at the top of the certificate. */
export interface CertificateSite {
  pharmacyName: string;
  pharmacyId: string;
}

/** The platform page that confirms the certificate (common/calibration/verify-url.ts); null: not printed. */
export type VerifyUrl = string | null;

/** What the certificate says, in reading order (what certificatePdf lays out). */
export interface CertificateContent {
  title: string;
  number: string;
  /** Label and value lines, by section. */
  sections: { heading: string; lines: [string, string][] }[];
  table: { header: string[]; rows: string[][] };
  verdict: string;
  footer: string[];
}

const PARIS = { timeZone: 'Europe/Paris' } as const;
const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { ...PARIS, dateStyle: 'long', timeStyle: 'short' });
const date = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { ...PARIS, dateStyle: 'long' });
/**
 * The certificate of one calibration check, in French (the register is kept under French law,
 * CSP R5212-25 to 28): the site, the device (model and serial), the reference and its own
 * certificate, every point with its error and the tolerance, the leak test, the verdict, the
 * technician, the date and the next due date.
 */
export function certificateContent(record: CalibrationRecord, site: CertificateSite): CertificateContent {
  const text = methodText(record);
  return {
    title: text.title,
    number: `N° ${record.certificateNumber}`,
    sections: sections(record, site, text.method),
    table: { header: text.header, rows: text.rows },
    verdict: `Résultat : ${record.result === 'passed' ? 'CONFORME' : 'NON CONFORME'}`,
    footer: [
      `Technicien : ${record.technician}`,
      `Vérifié le ${dateTime(record.performedAt)}`,
      record.validUntil === null
        ? "Prochaine vérification : l'appareil est hors service jusqu'à une vérification conforme."
        : `Prochaine vérification avant le ${date(record.validUntil)}`,
    ],
  };
}

/** Where, what, how and against what: the lines above the table. */
function sections(
  record: CalibrationRecord,
  site: CertificateSite,
  method: [string, string][],
): CertificateContent['sections'] {
  const { reference } = record;
  return [
    {
      heading: 'Lieu',
      lines: [
        ['Pharmacie', `${site.pharmacyName} (${site.pharmacyId})`],
        ['Borne', record.kioskId],
      ],
    },
    {
      heading: 'Appareil',
      lines: [
        ['Modèle', `${record.modelName} (${record.model})`],
        ['Numéro de série', record.serialNumber ?? 'non renseigné'],
        ['Repère sur la borne', record.deviceId],
      ],
    },
    {
      heading: 'Méthode',
      lines: method,
    },
    {
      heading: 'Référence',
      lines: [
        ['Instrument', reference.instrument],
        ['Numéro de série', reference.serialNumber],
        [
          "Certificat d'étalonnage",
          `${reference.certificateNumber}, valable jusqu'au ${date(reference.certificateValidUntil)}`,
        ],
      ],
    },
  ];
}

/** The certificate as an A4 PDF (built-in Helvetica covers French). */
export async function certificatePdf(
  record: CalibrationRecord,
  site: CertificateSite,
  verifyUrl: VerifyUrl = null,
): Promise<Buffer> {
  const content = certificateContent(record, site);
  const qr = verifyUrl
    ? await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 })
    : null;
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: content.number } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // The QR at the top right, the title beside it: whoever holds the paper checks it on the platform.
  if (qr) doc.image(qr, doc.page.width - 50 - 90, 40, { width: 90 });
  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(content.title, 50, 50, { width: qr ? 350 : undefined });
  doc.font('Helvetica').fontSize(11).text(content.number).moveDown(0.8);
  for (const section of content.sections) {
    doc.font('Helvetica-Bold').fontSize(11).text(section.heading);
    for (const [label, value] of section.lines) doc.font('Helvetica').fontSize(10).text(`${label} : ${value}`);
    doc.moveDown(0.5);
  }
  drawTable(doc, content.table);
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(content.verdict, 50).moveDown(0.5);
  doc.font('Helvetica').fontSize(10);
  for (const line of content.footer) doc.text(line);
  if (verifyUrl) doc.moveDown(0.5).text(`Vérifiable sur la plateforme (QR code ci-dessus) : ${verifyUrl}`);
  doc.moveDown(2).text('Signature du technicien :');
  doc.end();
  return done;
}

/** A plain grid: one row per point and the leak test, each cell on its own column. */
function drawTable(doc: PDFKit.PDFDocument, table: CertificateContent['table']): void {
  const widths = [120, 70, 70, 55, 65, 85];
  const row = (cells: string[], bold: boolean) => {
    const y = doc.y;
    let x = 50;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: widths[i]!, lineBreak: false });
      x += widths[i]!;
    });
    doc.moveDown(0.4);
  };
  row(table.header, true);
  for (const cells of table.rows) row(cells, false);
}
