import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationRecord } from '../records/consultation';
import { SAMPLE_PRESCRIPTION } from '../records/testing/samples';
import { ConsultationReport } from '../signaling/messages';
import { consultationBundle } from './consultation-bundle';
import type { Bundle, Composition } from './r4-types';

/** The official FHIR R4 JSON schema through ajv: an independent check of the Composition's shape. */
let validator: JSONSchemaValidator;
beforeAll(() => {
  validator = new JSONSchemaValidator();
});

const AT = '2026-12-06T10:00:00.000Z';
const consultation: ConsultationRecord = {
  sessionId: '0f6c4c1e-3d35-4c1b-9a0a-5e2b7c9d8e12',
  kioskId: 'dev-kiosk-1',
  startedAt: AT,
  endedAt: AT,
  outcome: 'completed',
  identity: { lastName: 'TEST', firstName: 'ANNE', birthDate: '1980-01-01', nir: '280017512345678', source: 'card' },
  measurements: [],
};
/** A report as stored: `note` by section, or (older reports) `notes` text, read through the schema. */
const report = (note: Record<string, unknown>): ConsultationReport =>
  ConsultationReport.parse({
    consultationId: '5d1f9a3c-0000-4000-8000-000000000001',
    kioskId: 'dev-kiosk-1',
    sessionId: consultation.sessionId,
    doctor: { id: 'dr-martin', ...SAMPLE_PRESCRIPTION.doctor },
    specialty: 'general-practice',
    reason: 'Fièvre',
    acceptedAt: AT,
    endedAt: '2026-12-06T10:12:00.000Z',
    durationSeconds: 720,
    identityVerified: true,
    measurements: [],
    prescription: null,
    ...note,
  });
const compositions = (bundle: Bundle) =>
  (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Composition => r.resourceType === 'Composition');

describe("the doctor's note in the FHIR export", () => {
  it('is a consult-note Composition, one coded section per written part, for the patient, by the RPPS', () => {
    const note = {
      reason: 'Fièvre <39 °C> & toux',
      history: '',
      examination: 'Gorge rouge\nSpO2 97 %',
      conclusion: 'Angine',
    };
    const bundle = consultationBundle(consultation, AT, {}, { report: report({ note }) });
    expect(validator.validate(bundle)).toEqual([]);
    const [composition] = compositions(bundle);
    expect(validator.validate(composition)).toEqual([]);
    expect(composition).toMatchObject({
      status: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '11488-4' }] },
      subject: { reference: bundle.entry!.find((e) => e.resource.resourceType === 'Patient')!.fullUrl },
      date: '2026-12-06T10:12:00.000Z',
      author: [{ identifier: { system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810101010101' } }],
    });
    expect(composition!.section.map((s) => [s.title, s.code?.coding[0]?.code])).toEqual([
      ['Motif', '29299-5'],
      ['Examen', '29545-1'],
      ['Conclusion', '51848-0'],
    ]);
    expect(composition!.section[0]!.text.div).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>Fièvre &lt;39 °C&gt; &amp; toux</p></div>',
    );
    expect(composition!.section[1]!.text.div).toContain('<p>Gorge rouge<br/>SpO2 97 %</p>');
  });

  it('reads a report stored before the typed note: its headed text by section, a free text as one section', () => {
    const headed = report({ notes: '[Motif]\nFièvre\n\n[Examen]\nRAS' });
    expect(headed.note).toEqual({ reason: 'Fièvre', history: '', examination: 'RAS', conclusion: '' });
    expect(headed.legacyNotes).toBeUndefined();
    const free = report({ notes: 'Examen à distance, pas de signe de gravité.' });
    expect(free.note).toEqual({ reason: '', history: '', examination: '', conclusion: '' });
    expect(free.legacyNotes).toBe('Examen à distance, pas de signe de gravité.');
    const bundle = consultationBundle(consultation, AT, {}, { report: free });
    expect(validator.validate(bundle)).toEqual([]);
    expect(compositions(bundle)[0]!.section).toEqual([
      {
        title: 'Notes',
        text: { status: 'generated', div: expect.stringContaining('Examen à distance') as unknown },
      },
    ]);
  });

  it('adds no Composition when the doctor wrote nothing', () => {
    const empty = report({ notes: '' });
    expect(compositions(consultationBundle(consultation, AT, {}, { report: empty }))).toEqual([]);
  });
});
