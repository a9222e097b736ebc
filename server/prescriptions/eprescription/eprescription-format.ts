import type { Prescription } from '../../../common/consultation/prescription';
import { medicationRequests, PRESCRIPTION_NUMBER_SYSTEM } from '../../../common/fhir/medication-request';
import { stableUuid } from '../../../common/fhir/stable-uuid';

/**
 * The one home of what we send to the "ordonnance numérique" service and print in its QR code.
 *
 * PUBLIC (Assurance Maladie and professional bodies' published descriptions of the service): every
 * prescription has a unique prescription identifier; a QR code printed on the paper ordonnance
 * (bottom left) carries that identifier; the prescriber's software sends the prescription to the
 * Assurance Maladie's "base ordonnance numérique" with technical data: the QR code, the unique
 * identifier, the type of prescription, a timestamp and the name and version of the prescribing
 * software, besides what a paper ordonnance holds (patient, prescriber, lines).
 *
 * ASSUMED (the specification for prescribing software is given to CNDA-approved publishers only and
 * is not public; none of this is the national format and none of it is presented as such):
 * 1. The identifier is the platform's own number `RX-<year>-<6-digit sequence>-<Luhn digit>`
 *    (server/calls/prescription-issuer.ts), in our namespace `urn:kiosk:prescription-number`, not
 *    the national one. Until the platform is approved by the CNDA, it is unique per platform only.
 * 2. The QR content is that identifier, a space, then our signed verification link; the national
 *    QR encoding (and any signature in it) is not known to us.
 * 3. The service is reached over HTTPS by POST of JSON (below) and answers 2xx with
 *    `{ "receipt": "<its id>" }`; the real téléservice's protocol, authentication (CPS / e-CPS) and
 *    payload are not known. The JSON carries the prescription as FHIR R4 MedicationRequests.
 * 4. The prescription type is always "produits-de-sante" (the console prescribes medicines only).
 */
export const EPRESCRIPTION_FORMAT = 'kiosk-eprescription/1 (not the national format)';

/** The text of the QR code printed on the ordonnance (assumption 2). */
export function ePrescriptionQrContent(identifier: string, verifyLink: string): string {
  return `${identifier} ${verifyLink}`;
}

/** The identifier a QR code's text starts with (what a pharmacy's reader would look up). */
export function identifierOfQrContent(content: string): string | null {
  const first = content.split(' ', 1)[0] ?? '';
  return /^RX-\d{4}-\d{6}-\d$/.test(first) ? first : null;
}

export interface PrescribingSoftware {
  name: string;
  version: string;
}

/** What the service receives for one prescription (assumption 3); health data, never logged. */
export interface EPrescriptionSubmission {
  format: typeof EPRESCRIPTION_FORMAT;
  identifier: { system: string; value: string };
  type: 'produits-de-sante';
  issuedAt: string;
  software: PrescribingSoftware;
  qrContent: string;
  prescriberRpps: string;
  /** A FHIR R4 collection Bundle: the Patient as the ordonnance names them and one MedicationRequest per line. */
  bundle: {
    resourceType: 'Bundle';
    type: 'collection';
    entry: { fullUrl: string; resource: object }[];
  };
}

/**
 * The submission of an issued prescription. Throws for one without the patient's identity (issued
 * before it was recorded): a prescription the service cannot attach to a patient is not sent.
 */
export function ePrescriptionSubmission(rx: Prescription, software: PrescribingSoftware): EPrescriptionSubmission {
  if (!rx.patient)
    throw new Error(`prescription ${rx.number} names no patient: not sent to the e-prescription service`);
  const patientId = stableUuid(`eprescription-patient:${rx.number}`);
  const patient = {
    resourceType: 'Patient',
    id: patientId,
    name: [{ family: rx.patient.lastName, given: rx.patient.firstNames.split(/\s+/) }],
    ...(rx.patient.sex && { gender: rx.patient.sex === 'F' ? 'female' : 'male' }),
    ...(!rx.patient.birthDate.includes('-00') && { birthDate: rx.patient.birthDate }),
  };
  const resources = [patient, ...medicationRequests(rx, { reference: `urn:uuid:${patientId}` })];
  return {
    format: EPRESCRIPTION_FORMAT,
    identifier: { system: PRESCRIPTION_NUMBER_SYSTEM, value: rx.number },
    type: 'produits-de-sante',
    issuedAt: rx.issuedAt,
    software,
    qrContent: rx.qrPayload,
    prescriberRpps: rx.doctor.rpps,
    bundle: {
      resourceType: 'Bundle',
      type: 'collection',
      entry: resources.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: r })),
    },
  };
}
