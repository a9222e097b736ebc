import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Prescription } from '../../common/consultation/prescription';

/**
 * The prescription as an A4 PDF: number, date, doctor (name, RPPS), the lines, and a QR code of
 * `qrPayload` (the number and the platform's verification URL). Built-in Helvetica covers French.
 */
export async function prescriptionPdf(prescription: Prescription): Promise<Buffer> {
  const qr = await QRCode.toBuffer(prescription.qrPayload, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Ordonnance ${prescription.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const issued = new Date(prescription.issuedAt);
  doc.font('Helvetica-Bold').fontSize(18).text('Ordonnance (téléconsultation)');
  doc.moveDown(0.5).font('Helvetica').fontSize(11);
  doc.text(`${prescription.doctor.name} — RPPS ${prescription.doctor.rpps}`);
  doc.text(
    `Le ${issued.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })} à ${issued.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })}`,
  );
  doc.text(`N° ${prescription.number}`);
  doc.image(qr, doc.page.width - 56 - 110, 56, { width: 110 });
  doc.moveDown(2);
  prescription.lines.forEach((line, index) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(`${index + 1}. ${line.item}`);
    doc.font('Helvetica').fontSize(11).text([line.dosage, line.duration].filter(Boolean).join(' — '), { indent: 16 });
    if (line.notes) doc.fontSize(10).fillColor('#444444').text(line.notes, { indent: 16 }).fillColor('#000000');
    doc.moveDown(0.6);
  });
  doc
    .moveDown(2)
    .fontSize(9)
    .fillColor('#444444')
    .text(`Vérifiable avec son numéro et le QR code : ${prescription.qrPayload}`);
  doc.end();
  return done;
}
