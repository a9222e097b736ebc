import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Prescription, PrescriptionPatient } from '../../common/consultation/prescription';
import type { PaperFormat } from '../../common/printing/print-state';
import { ageOn } from '../calls/prescription-patient';

/** The page formats a prescription is laid out for: A4 sheets, or an 80 mm receipt roll. */

const MM = 72 / 25.4;

/** Per format: page width, margins, type sizes, QR size; the receipt's height follows its content. */
const LAYOUTS = {
  a4: { size: 'A4' as const, margin: 56, title: 16, body: 10.5, small: 8.5, qr: 100 },
  'receipt-80mm': { size: null, margin: 4 * MM, title: 12, body: 8.5, small: 7, qr: 120 },
};
type Layout = (typeof LAYOUTS)[PaperFormat];

const SPECIALTY_FR: Record<string, string> = {
  'general-practice': 'Médecine générale',
  paediatrics: 'Pédiatrie',
  gynaecology: 'Gynécologie',
  ophthalmology: 'Ophtalmologie',
  psychiatry: 'Psychiatrie',
  stomatology: 'Stomatologie',
  dermatology: 'Dermatologie',
};

const parisDate = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
const parisTime = (iso: string) =>
  new Date(iso).toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/**
 * The ordonnance as a PDF, in the French layout: the prescriber (name, specialty, RPPS, practice
 * address) at the top, the date, the patient (name, birth name, first names, sex, date of birth and
 * age, weight when measured), the lines, the prescriber's visible signature, then the unique number
 * and the QR code of the verification link. Built-in Helvetica covers French. A4, or an 80 mm roll
 * (one long page, for a receipt printer).
 */
export async function prescriptionPdf(
  prescription: Prescription,
  format: PaperFormat = 'a4',
  /**
   * `preview`: the draft the doctor reads before signing (prescription-preview-route.ts): the same
   * pages, marked "APERÇU" across each, saying it is not signed yet, with no QR code.
   */
  options: { signed?: boolean; preview?: boolean } = {},
): Promise<Buffer> {
  const layout = LAYOUTS[format];
  const qr = await QRCode.toBuffer(prescription.qrPayload, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  const receiptHeight = 230 + layout.qr + prescription.lines.length * 60 + (prescription.patient ? 70 : 0);
  const doc = new PDFDocument({
    size: layout.size ?? [80 * MM, receiptHeight],
    margin: layout.margin,
    info: { Title: `Ordonnance ${prescription.number}`, Author: prescription.doctor.name },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (options.preview) {
    previewMark(doc);
    doc.on('pageAdded', () => previewMark(doc));
  }
  prescriberBlock(doc, prescription, layout);
  patientBlock(doc, prescription, layout);
  linesBlock(doc, prescription, layout);
  if (options.preview) previewFooter(doc, layout);
  else {
    signatureBlock(doc, prescription, layout, options.signed === true);
    verificationBlock(doc, prescription, layout, qr);
  }
  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

function prescriberBlock(doc: Doc, rx: Prescription, layout: Layout): void {
  const { doctor } = rx;
  doc
    .font('Helvetica-Bold')
    .fontSize(layout.body + 1.5)
    .text(doctor.name);
  doc.font('Helvetica').fontSize(layout.body);
  if (doctor.specialty) doc.text(SPECIALTY_FR[doctor.specialty] ?? doctor.specialty);
  doc.text(`RPPS ${doctor.rpps}`);
  if (doctor.practiceAddress) doc.text(doctor.practiceAddress);
  doc.text('Téléconsultation assistée en pharmacie');
  doc.moveDown(0.6).text(`Le ${parisDate(rx.issuedAt)} à ${parisTime(rx.issuedAt)}`, { align: 'right' });
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(layout.title).text('ORDONNANCE', { align: 'center' });
  doc.moveDown(0.5);
}

function patientLines(patient: PrescriptionPatient, issuedAt: string): string[] {
  const [y, m, d] = patient.birthDate.split('-');
  const age = ageOn(patient.birthDate, issuedAt);
  const sex = patient.sex === 'F' ? 'Féminin' : patient.sex === 'M' ? 'Masculin' : 'Non renseigné';
  return [
    `Nom : ${patient.lastName}`,
    ...(patient.birthName ? [`Nom de naissance : ${patient.birthName}`] : []),
    `Prénom(s) : ${patient.firstNames}`,
    `Sexe : ${sex}`,
    `Date de naissance : ${d}/${m}/${y}${age === null ? '' : ` (${age} ans)`}`,
    ...(patient.weightKg !== undefined ? [`Poids : ${patient.weightKg.toLocaleString('fr-FR')} kg`] : []),
  ];
}

function patientBlock(doc: Doc, rx: Prescription, layout: Layout): void {
  doc.font('Helvetica').fontSize(layout.body);
  if (!rx.patient) {
    doc.text('Patient : identité non transmise').moveDown(0.8);
    return;
  }
  for (const line of patientLines(rx.patient, rx.issuedAt)) doc.text(line);
  doc.moveDown(0.8);
}

function linesBlock(doc: Doc, rx: Prescription, layout: Layout): void {
  rx.lines.forEach((line, index) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(layout.body + 1)
      .text(`${index + 1}. ${line.item}${line.form ? `, ${line.form}` : ''}`);
    doc.font('Helvetica').fontSize(layout.body).text([line.dosage, line.duration].filter(Boolean).join(' — '), {
      indent: 12,
    });
    if (line.quantity) doc.text(`Quantité : ${line.quantity}`, { indent: 12 });
    if (line.nonSubstitutable) doc.font('Helvetica-Bold').text('Non substituable', { indent: 12 }).font('Helvetica');
    if (line.notes)
      doc.fontSize(layout.small).fillColor('#444444').text(line.notes, { indent: 12 }).fillColor('#000000');
    doc.moveDown(0.5);
  });
}

/** The visible signature: who signed and when, and whether the PDF carries the platform's digital signature. */
function signatureBlock(doc: Doc, rx: Prescription, layout: Layout, signed: boolean): void {
  doc.moveDown(0.8).font('Helvetica-Oblique').fontSize(layout.body);
  doc.text(`Signé électroniquement par ${rx.doctor.name}`, { align: 'right' });
  doc.text(`RPPS ${rx.doctor.rpps}, le ${parisDate(rx.issuedAt)}`, { align: 'right' });
  if (signed)
    doc
      .font('Helvetica')
      .fontSize(layout.small)
      .fillColor('#444444')
      .text('Document signé numériquement par la plateforme de téléconsultation.', { align: 'right' })
      .fillColor('#000000');
  doc.moveDown(0.8);
}

function verificationBlock(doc: Doc, rx: Prescription, layout: Layout, qr: Buffer): void {
  // Bottom left on a sheet, where the ordonnance numérique puts its QR code; centred on a receipt roll.
  const x = layout.size ? layout.margin : (doc.page.width - layout.qr) / 2;
  if (doc.y + layout.qr + 40 > doc.page.height - layout.margin) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(layout.body).text(`N° ${rx.number}`);
  doc.image(qr, x, doc.y + 4, { width: layout.qr });
  doc.y += layout.qr + 8;
  doc.font('Helvetica').fontSize(layout.small).fillColor('#444444');
  doc.text(`Vérifiable avec son numéro et le QR code : ${rx.qrPayload}`);
  if (rx.accessCode) doc.text(`Code d'accès au document envoyé par e-mail : ${rx.accessCode}`);
  doc.fillColor('#000000');
}

/** Across the page, light enough to read through: this paper is not a prescription. */
function previewMark(doc: Doc): void {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-35, { origin: [width / 2, height / 2] });
  doc.font('Helvetica-Bold').fontSize(72).fillColor('#c0c0c0').fillOpacity(0.35);
  doc.text('APERÇU', 0, height / 2 - 36, { width, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillOpacity(1).fillColor('#000000');
  doc.x = doc.page.margins.left;
  doc.y = doc.page.margins.top;
}

/** Where the issued paper has the signature, number and QR code: what happens when it is signed. */
function previewFooter(doc: Doc, layout: Layout): void {
  const { left, right } = doc.page.margins;
  // Within the margins, as the signature it stands for (the mark drawn before moved the cursor).
  const box = { align: 'right' as const, width: doc.page.width - left - right };
  doc.x = left;
  doc.moveDown(0.8).font('Helvetica-Oblique').fontSize(layout.body);
  doc.text('Aperçu : pas encore signé.', box);
  doc.font('Helvetica').fontSize(layout.small).fillColor('#444444');
  doc.text(
    'À la signature, la plateforme numérote l’ordonnance et y ajoute la signature, le QR code de vérification et le code d’accès.',
    box,
  );
  doc.fillColor('#000000');
}
