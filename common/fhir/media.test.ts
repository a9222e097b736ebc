import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationRecord } from '../records/consultation';
import { consultationBundle } from './consultation-bundle';
import type { ClipForExport, StillForExport } from './media';
import type { Media } from './r4-types';

let validator: JSONSchemaValidator;
beforeAll(() => {
  validator = new JSONSchemaValidator();
});

const consultation: ConsultationRecord = {
  sessionId: '0f6c4c1e-3d35-4c1b-9a0a-5e2b7c9d8e10',
  kioskId: 'dev-kiosk-1',
  startedAt: '2026-03-02T09:00:00.000Z',
  endedAt: null,
  outcome: null,
  identity: {
    lastName: 'ZYGOMATIQUE',
    firstName: 'Philibertine',
    birthDate: '1984-07-21',
    nir: '284077512345678',
    source: 'card',
  },
  measurements: [],
};
const still: StillForExport = {
  id: '5d1c1a9e-2f0b-4c3e-8e1a-0a6f6c2b9d11',
  capturedAt: '2026-03-02T09:10:00.000Z',
  width: 1280,
  height: 720,
  contentType: 'image/png',
  imageBase64: Buffer.from('not really a png').toString('base64'),
};

const clip: ClipForExport = {
  id: '8a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d',
  site: 'mitral',
  recordedAt: '2026-03-02T09:12:00.000Z',
  durationMs: 15000,
  sampleRateHz: 8000,
  wavBase64: Buffer.from('RIFF not really a wav').toString('base64'),
};

describe('examination stills in the FHIR export', () => {
  it('gives each still as a valid Media of the patient, at its size, with its image inline', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z', { stills: [still] });
    expect(validator.validate(bundle)).toEqual([]);
    const [patient, media] = (bundle.entry ?? []).map((e) => e.resource);
    expect(media).toMatchObject({
      resourceType: 'Media',
      status: 'completed',
      subject: { reference: `urn:uuid:${patient!.id}` },
      createdDateTime: still.capturedAt,
      width: 1280,
      height: 720,
      content: { contentType: 'image/png', data: still.imageBase64 },
    } satisfies Partial<Media>);
    expect(validator.validate(media)).toEqual([]);
  });

  it('the validator checks a Media: one without its content, or with a width that is no number, fails', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z', { stills: [still] });
    const media = bundle.entry![1]!.resource as Media;
    expect(validator.validate({ ...media, width: '1280' }).length).toBeGreaterThan(0);
    const { content: _content, ...withoutContent } = media;
    expect(validator.validate(withoutContent).length).toBeGreaterThan(0);
  });
});

describe('auscultation clips in the FHIR export', () => {
  it('gives each clip as a valid audio Media of the patient: its site, length and sound inline, after the stills', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z', { stills: [still], clips: [clip] });
    expect(validator.validate(bundle)).toEqual([]);
    const [patient, stillMedia, clipMedia] = (bundle.entry ?? []).map((e) => e.resource);
    expect(stillMedia).toMatchObject({ resourceType: 'Media', width: 1280 });
    expect(clipMedia).toMatchObject({
      resourceType: 'Media',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/media-type', code: 'audio' }] },
      subject: { reference: `urn:uuid:${patient!.id}` },
      createdDateTime: clip.recordedAt,
      bodySite: { coding: [{ system: 'http://snomed.info/sct', code: '80891009' }], text: 'auscultation site: mitral' },
      duration: 15,
      content: { contentType: 'audio/wav', data: clip.wavBase64 },
    } satisfies Partial<Media>);
    expect(clipMedia).not.toHaveProperty('width');
  });

  it('names the lungs for a lung site', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z', {
      clips: [{ ...clip, site: 'lung-back-lower-left' }],
    });
    expect((bundle.entry![1]!.resource as Media).bodySite?.coding[0]?.code).toBe('39607008');
  });
});
