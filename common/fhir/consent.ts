import type { ConsentRecord, ConsentUse } from '../consent/consent-record';
import { ACT_REASON_SYSTEM, CONSENT_SCOPE_SYSTEM, CONSENT_TEXT_SHA256_URL, LOINC } from './codes';
import type { Coding, Consent, Reference } from './r4-types';
import { stableUuid } from './stable-uuid';

const SCOPE: Record<ConsentUse, string> = {
  teleconsultation: 'treatment',
  research: 'research',
  'quality-improvement': 'patient-privacy',
  'gp-report': 'patient-privacy',
  reminders: 'patient-privacy',
};
const PURPOSE: Record<ConsentUse, Coding> = {
  teleconsultation: { system: ACT_REASON_SYSTEM, code: 'TREAT', display: 'treatment' },
  research: { system: ACT_REASON_SYSTEM, code: 'HRESCH', display: 'healthcare research' },
  'quality-improvement': { system: ACT_REASON_SYSTEM, code: 'HQUALIMP', display: 'health quality improvement' },
  'gp-report': { system: ACT_REASON_SYSTEM, code: 'COC', display: 'coordination of care' },
  reminders: { system: ACT_REASON_SYSTEM, code: 'HOPERAT', display: 'healthcare operations' },
};

/**
 * One answer as a FHIR R4 Consent: granted → active permit; refused → active deny (the patient's
 * standing decision); withdrawn → inactive, the permit's period closed at the withdrawal. The text
 * shown is named by use, version and language (policy and sourceAttachment) and its SHA-256 rides
 * in our extension: R4's Attachment.hash is SHA-1 by definition, so it is not reused for it.
 */
export function consentResource(sessionId: string, record: ConsentRecord, patient: Reference | undefined): Consent {
  const textId = `urn:kiosk:consent-text:${record.use}:${record.textVersion}:${record.language}`;
  const status = record.withdrawnAt !== null ? 'inactive' : 'active';
  return {
    resourceType: 'Consent',
    id: stableUuid(`consent:${sessionId}:${record.use}`),
    extension: [{ url: CONSENT_TEXT_SHA256_URL, valueString: record.textSha256 }],
    status,
    scope: { coding: [{ system: CONSENT_SCOPE_SYSTEM, code: SCOPE[record.use] }], text: record.use },
    category: [{ coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }] }],
    ...(patient ? { patient } : {}),
    dateTime: record.givenAt,
    policy: [{ uri: textId }],
    sourceAttachment: {
      contentType: 'text/plain; charset=utf-8',
      language: record.language,
      title: `${record.use} ${record.textVersion} (${record.language})`,
    },
    provision: {
      type: record.granted ? 'permit' : 'deny',
      ...(record.granted
        ? { period: { start: record.givenAt, ...(record.withdrawnAt ? { end: record.withdrawnAt } : {}) } }
        : {}),
      purpose: [PURPOSE[record.use]],
    },
  };
}
