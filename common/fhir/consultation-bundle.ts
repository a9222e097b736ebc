import type { Measurement } from '../devices/measurement';
import type { ConsentRecord } from '../consent/consent-record';
import type { Prescription } from '../consultation/prescription';
import type { ConsultationReport } from '../signaling/messages/consultation';
import type { InsIdentity } from '../identity/ins';
import type { ConsultationRecord } from '../records/consultation';
import {
  DATA_ABSENT_REASON,
  KIOSK_DEVICE_SYSTEM,
  LOINC,
  OBSERVATION_CATEGORY,
  UCUM,
  URI_SYSTEM,
  VITALS,
} from './codes';
import type {
  Bundle,
  BundleResource,
  CodeableConcept,
  Device,
  Observation,
  ObservationComponent,
  Quantity,
  Reference,
} from './r4-types';
import { assertUnreachable } from '../util/assert-unreachable';
import { stableUuid } from './stable-uuid';
import { consultationMedia, type ConsultationMedia } from './media';
import { consentResource } from './consent';
import { medicationRequests } from './medication-request';
import { noteComposition } from './composition';
import { insPatient } from './patient-ins';

/**
 * What identity vigilance, consent and prescribing add to a consultation's export: the INS identity
 * the platform holds (status and traits), the consents given per use, the doctor's prescription.
 */
export interface ConsultationCompliance {
  ins?: InsIdentity | null;
  consents?: readonly ConsentRecord[];
  prescription?: Prescription | null;
  /** The doctor's report, for its note (a Composition). */
  report?: ConsultationReport | null;
}

type Vital = { code: string; display: string; unit?: string };

const concept = (v: Vital): CodeableConcept => ({
  coding: [{ system: LOINC, code: v.code, display: v.display }],
  text: v.display,
});
const quantity = (value: number, unit: string): Quantity => ({ value, unit, system: UCUM, code: unit });
const VITAL_SIGNS: CodeableConcept = {
  coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }],
};
/** A reading the device flagged as unusable: the value is absent because of an error. */
const ABSENT: CodeableConcept = { coding: [{ system: DATA_ABSENT_REASON, code: 'error', display: 'Error' }] };

/** FHIR dates allow YYYY or YYYY-MM: lunar dates from the Carte Vitale (month or day 00) lose the unknown part. */
export function fhirBirthDate(birthDate: string): string | undefined {
  const [year, month, day] = birthDate.split('-');
  if (!year || year === '0000') return undefined;
  if (!month || month === '00') return year;
  if (!day || day === '00') return `${year}-${month}`;
  return birthDate;
}

function deviceResource(kioskId: string, m: Measurement): Device {
  return {
    resourceType: 'Device',
    id: stableUuid(`device:${kioskId}:${m.deviceId}:${m.serialNumber ?? ''}`),
    identifier: [{ system: KIOSK_DEVICE_SYSTEM, value: `${kioskId}/${m.deviceId}` }],
    deviceName: [{ name: m.modelName, type: 'model-name' }],
    modelNumber: m.model,
    ...(m.serialNumber ? { serialNumber: m.serialNumber } : {}),
  };
}

/** valueQuantity when the reading has a value, else dataAbsentReason (never both: R4 obs-6). */
function value(v: number | null, unit: string): { valueQuantity: Quantity } | { dataAbsentReason: CodeableConcept } {
  return v === null ? { dataAbsentReason: ABSENT } : { valueQuantity: quantity(v, unit) };
}

function observation(
  m: Measurement,
  part: string,
  code: Vital,
  refs: { subject?: Reference; device: Reference },
  body: Partial<Observation>,
): Observation {
  return {
    resourceType: 'Observation',
    id: stableUuid(`observation:${m.id}:${part}`),
    status: 'final',
    category: [VITAL_SIGNS],
    code: concept(code),
    ...(refs.subject ? { subject: refs.subject } : {}),
    effectiveDateTime: m.takenAt,
    device: refs.device,
    ...(m.flags.length > 0 ? { note: [{ text: `quality flags: ${m.flags.join(', ')}` }] } : {}),
    ...body,
  };
}

/** The Observations of one measurement: oximetry gives SpO2 and heart rate; the cuff its panel and heart rate. */
export function measurementObservations(
  m: Measurement,
  refs: { subject?: Reference; device: Reference },
): Observation[] {
  switch (m.kind) {
    case 'temperature':
      return [
        observation(m, 'temperature', VITALS.bodyTemperature, refs, value(m.celsius, VITALS.bodyTemperature.unit)),
      ];
    case 'oximetry':
      return [
        observation(m, 'spo2', VITALS.oxygenSaturation, refs, value(m.spo2, VITALS.oxygenSaturation.unit)),
        observation(m, 'heart-rate', VITALS.heartRate, refs, value(m.pulseRate, VITALS.heartRate.unit)),
      ];
    case 'blood-pressure': {
      const component = (code: Vital & { unit: string }, v: number | null): ObservationComponent => ({
        code: concept(code),
        ...value(v, code.unit),
      });
      return [
        observation(m, 'bp', VITALS.bloodPressurePanel, refs, {
          component: [component(VITALS.systolic, m.systolic), component(VITALS.diastolic, m.diastolic)],
        }),
        observation(m, 'heart-rate', VITALS.heartRate, refs, value(m.pulseRate, VITALS.heartRate.unit)),
      ];
    }
    default:
      return assertUnreachable(m, 'measurement kind');
  }
}

/**
 * A consultation as a FHIR R4 Bundle of type "collection": the Patient (NIR identifier), one Device
 * per device used (model, serial) and the Observations (LOINC codes, UCUM units), each referencing
 * the patient and its device, with the time the reading was taken; then the doctor's stills from the
 * examination camera (each at its full size) and auscultation clips as Media; then the consents
 * (one Consent per use), the prescription's MedicationRequests and the doctor's note as a
 * Composition. The Patient carries the INS only
 * when the identity is qualified, and always its identity-reliability status. Deterministic for a
 * given input.
 */
export function consultationBundle(
  consultation: ConsultationRecord,
  generatedAt: string,
  media: ConsultationMedia = {},
  compliance: ConsultationCompliance = {},
): Bundle {
  const entries: BundleResource[] = [];
  const urn = (resource: BundleResource) => `urn:uuid:${resource.id}`;
  let subject: Reference | undefined;
  const ins = compliance.ins ?? null;
  if (consultation.identity || ins) {
    const id = stableUuid(`patient:${consultation.sessionId}`);
    const patient = insPatient(id, consultation.identity, ins, fhirBirthDate);
    entries.push(patient);
    subject = { reference: urn(patient) };
  }
  const devices = new Map<string, Device>();
  for (const m of consultation.measurements) {
    const device = deviceResource(consultation.kioskId, m);
    if (!devices.has(device.id)) {
      devices.set(device.id, device);
      entries.push(device);
    }
    entries.push(
      ...measurementObservations(m, {
        subject,
        device: { reference: urn(device), display: device.deviceName[0]!.name },
      }),
    );
  }
  entries.push(...consultationMedia(media, subject));
  for (const consent of compliance.consents ?? [])
    entries.push(consentResource(consultation.sessionId, consent, subject));
  if (compliance.prescription) entries.push(...medicationRequests(compliance.prescription, subject));
  if (compliance.report) entries.push(...noteComposition(compliance.report, subject));
  const bundleId = stableUuid(`bundle:${consultation.sessionId}`);
  return {
    resourceType: 'Bundle',
    id: bundleId,
    identifier: { system: URI_SYSTEM, value: `urn:uuid:${bundleId}` },
    type: 'collection',
    timestamp: generatedAt,
    ...(entries.length > 0 ? { entry: entries.map((resource) => ({ fullUrl: urn(resource), resource })) } : {}),
  };
}
