import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { PaperFormat } from '../../common/printing/print-state';
import type { AppointmentTicket } from '../../common/routing/appointments';
import { slotTime } from '../../common/routing/slot-time';

const MM = 72 / 25.4;

/** The code as said at the counter: two groups of three. */
export const spokenCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/**
 * The booking's paper ticket (issue 17 item 2), in French like the other papers of the pharmacy:
 * when, with whom, the QR code to show at the camera and the short code to type, and how the
 * check-in works. No reason, no name of the patient: a ticket left on a counter tells nothing more.
 * A4 or the 80 mm receipt roll, as the printer's paper is configured.
 */
export async function ticketPdf(ticket: AppointmentTicket, paper: PaperFormat): Promise<Buffer> {
  const receipt = paper === 'receipt-80mm';
  const qrSize = receipt ? 150 : 220;
  const qr = await QRCode.toBuffer(ticket.token, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 480 });
  const doc = new PDFDocument({
    size: receipt ? [80 * MM, 125 * MM] : 'A4',
    margin: receipt ? 4 * MM : 60,
    info: { Title: 'Rendez-vous de téléconsultation' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const big = receipt ? 14 : 22;
  const body = receipt ? 9 : 13;
  doc.font('Helvetica-Bold').fontSize(big).text('Rendez-vous de téléconsultation', { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(big).text(slotTime(ticket.startsAt, 'fr-FR'), { align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(body + 2)
    .text(`avec ${ticket.doctorName}`, { align: 'center' });
  doc.moveDown(0.5);
  doc.image(qr, doc.page.margins.left + (width - qrSize) / 2, doc.y, { width: qrSize, height: qrSize });
  doc.y += qrSize + 8;
  doc.font('Helvetica').fontSize(body).text('Code du rendez-vous', { align: 'center' });
  doc
    .font('Courier-Bold')
    .fontSize(big + 4)
    .text(spokenCode(ticket.code), { align: 'center' });
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(body);
  doc.text(
    "À la borne de la cabine, touchez « J'ai un rendez-vous », puis montrez ce QR code à la caméra ou tapez le code.",
  );
  doc.moveDown(0.3);
  doc.text('Venez quelques minutes avant. Au-delà de 10 minutes de retard, le créneau est perdu.');
  doc.end();
  return done;
}
