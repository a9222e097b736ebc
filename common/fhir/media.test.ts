import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationRecord } from '../records/consultation';
import { consultationBundle } from './consultation-bundle';
import type { StillForExport } from './media';
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

describe('examination stills in the FHIR export', () => {
  it('gives each still as a valid Media of the patient, at its size, with its image inline', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z', [still]);
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
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z', [still]);
    const media = bundle.entry![1]!.resource as Media;
    expect(validator.validate({ ...media, width: '1280' }).length).toBeGreaterThan(0);
    const { content: _content, ...withoutContent } = media;
    expect(validator.validate(withoutContent).length).toBeGreaterThan(0);
  });
});
