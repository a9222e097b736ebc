import type { Prescription } from '../consultation/prescription';
import { RPPS_SYSTEM } from './codes';
import type { MedicationRequest, Reference } from './r4-types';
import { stableUuid } from './stable-uuid';

/**
 * The platform's prescription numbers (common/consultation/prescription.ts). The national
 * e-prescription identifier's format is set by the Assurance Maladie's specifications for
 * prescribing software, which are not public: until the platform is registered with the service,
 * the group identifier is ours, in our own namespace, never passed off as the national one.
 */
export const PRESCRIPTION_NUMBER_SYSTEM = 'urn:kiosk:prescription-number';

/**
 * The doctor's prescription as structured FHIR R4 MedicationRequests, one per line, grouped by the
 * prescription's number. R4 requires a subject: without a Patient in the bundle there are none.
 */
export function medicationRequests(prescription: Prescription, subject: Reference | undefined): MedicationRequest[] {
  if (!subject) return [];
  const group = { system: PRESCRIPTION_NUMBER_SYSTEM, value: prescription.number };
  return prescription.lines.map((line, index) => {
    const instruction = [line.dosage, line.duration].filter((part) => part.trim() !== '').join(', ');
    return {
      resourceType: 'MedicationRequest',
      id: stableUuid(`medication-request:${prescription.number}:${index}`),
      identifier: [{ system: PRESCRIPTION_NUMBER_SYSTEM, value: `${prescription.number}/${index + 1}` }],
      status: 'active',
      intent: 'order',
      groupIdentifier: group,
      medicationCodeableConcept: { text: line.item },
      subject,
      authoredOn: prescription.issuedAt,
      requester: {
        identifier: { system: RPPS_SYSTEM, value: `8${prescription.doctor.rpps}` },
        display: prescription.doctor.name,
      },
      ...(instruction ? { dosageInstruction: [{ text: instruction }] } : {}),
      ...(line.notes.trim() !== '' ? { note: [{ text: line.notes }] } : {}),
    };
  });
}
