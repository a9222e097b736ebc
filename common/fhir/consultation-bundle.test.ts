import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Measurement } from '../devices/measurement';
import type { ConsultationRecord } from '../records/consultation';
import { LOINC, NIR_UNQUALIFIED_SYSTEM, UCUM } from './codes';
import { consultationBundle, fhirBirthDate } from './consultation-bundle';
import type { Bundle, Observation } from './r4-types';

/** The official FHIR R4 JSON schema (fhir.schema.json 4.0) through ajv: offline R4 shape validation. */
let validator: JSONSchemaValidator;
beforeAll(() => {
  validator = new JSONSchemaValidator();
});

const base = { serialNumber: 'SN-1', flags: [], valid: true, calibration: 'valid' as const };
const measurements: Measurement[] = [
  {
    ...base,
    id: '7b0c3a2e-51d8-4e7e-9a51-0d5b6f0e1a01',
    deviceId: 'thermometer-1',
    model: 'welch-allyn-suretemp',
    modelName: 'Welch Allyn SureTemp Plus',
    takenAt: '2026-03-02T09:06:00.000Z',
    kind: 'temperature',
    celsius: 37.8,
    site: 'oral',
  },
  {
    ...base,
    id: '7b0c3a2e-51d8-4e7e-9a51-0d5b6f0e1a02',
    deviceId: 'bp-1',
    model: 'omron-hem7322u',
    modelName: 'Omron HEM-7322U (M500 IT)',
    takenAt: '2026-03-02T09:07:00.000Z',
    kind: 'blood-pressure',
    systolic: 128,
    diastolic: 82,
    mean: 97,
    pulseRate: 70,
  },
  {
    ...base,
    id: '7b0c3a2e-51d8-4e7e-9a51-0d5b6f0e1a03',
    deviceId: 'oximeter-1',
    model: 'contec-cms50-v7',
    modelName: 'Contec CMS50D+/E/F (protocole V7)',
    takenAt: '2026-03-02T09:08:00.000Z',
    kind: 'oximetry',
    spo2: 97,
    pulseRate: 72,
    perfusionIndex: 4,
  },
  {
    ...base,
    id: '7b0c3a2e-51d8-4e7e-9a51-0d5b6f0e1a04',
    deviceId: 'oximeter-1',
    model: 'contec-cms50-v7',
    modelName: 'Contec CMS50D+/E/F (protocole V7)',
    takenAt: '2026-03-02T09:09:00.000Z',
    kind: 'oximetry',
    spo2: null,
    pulseRate: null,
    perfusionIndex: null,
    valid: false,
    flags: ['finger-out'],
  },
];
const consultation: ConsultationRecord = {
  sessionId: '0f6c4c1e-3d35-4c1b-9a0a-5e2b7c9d8e10',
  kioskId: 'dev-kiosk-1',
  startedAt: '2026-03-02T09:00:00.000Z',
  endedAt: '2026-03-02T09:20:00.000Z',
  outcome: 'completed',
  identity: {
    lastName: 'ZYGOMATIQUE',
    firstName: 'Philibertine',
    birthDate: '1984-07-21',
    nir: '284077512345678',
    source: 'card',
  },
  measurements,
};

const entries = (bundle: Bundle) => bundle.entry ?? [];
const observations = (bundle: Bundle) =>
  entries(bundle)
    .map((e) => e.resource)
    .filter((r): r is Observation => r.resourceType === 'Observation');

describe('consultation as a FHIR R4 Bundle', () => {
  it('validates against the FHIR R4 JSON schema, bundle and every resource', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z');
    expect(validator.validate(bundle)).toEqual([]);
    for (const entry of entries(bundle))
      expect(validator.validate(entry.resource), entry.resource.resourceType).toEqual([]);
  });

  it('the validator really checks: a bundle missing a required element fails', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z') as unknown as {
      entry: { resource: Record<string, unknown> }[];
    };
    const broken = structuredClone(bundle);
    broken.entry.find((e) => e.resource.resourceType === 'Observation')!.resource.status = 'done';
    expect(validator.validate(broken).length).toBeGreaterThan(0);
    expect(validator.validate({ resourceType: 'Observation', status: 'final' }).length).toBeGreaterThan(0);
  });

  it('codes each vital with LOINC and UCUM, on the device and at the time it was taken', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z');
    const obs = observations(bundle);
    const byCode = (code: string) => obs.filter((o) => o.code.coding[0]!.code === code);
    expect(obs.every((o) => o.code.coding[0]!.system === LOINC)).toBe(true);
    expect(byCode('8310-5')[0]!.valueQuantity).toEqual({ value: 37.8, unit: 'Cel', system: UCUM, code: 'Cel' });
    const panel = byCode('85354-9')[0]!;
    expect(panel.valueQuantity).toBeUndefined();
    expect(panel.component!.map((c) => [c.code.coding[0]!.code, c.valueQuantity])).toEqual([
      ['8480-6', { value: 128, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' }],
      ['8462-4', { value: 82, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' }],
    ]);
    expect(byCode('8867-4').map((o) => o.valueQuantity?.value ?? null)).toEqual([70, 72, null]);
    expect(byCode('2708-6').map((o) => o.valueQuantity?.code ?? o.dataAbsentReason!.coding[0]!.code)).toEqual([
      '%',
      'error',
    ]);
    expect(byCode('2708-6')[1]!.note).toEqual([{ text: 'quality flags: finger-out' }]);
    expect(
      obs.every((o) => (o.valueQuantity === undefined) !== (o.dataAbsentReason === undefined) || o.component),
    ).toBe(true);
    expect(obs.map((o) => o.effectiveDateTime)).toEqual([
      '2026-03-02T09:06:00.000Z',
      '2026-03-02T09:07:00.000Z',
      '2026-03-02T09:07:00.000Z',
      '2026-03-02T09:08:00.000Z',
      '2026-03-02T09:08:00.000Z',
      '2026-03-02T09:09:00.000Z',
      '2026-03-02T09:09:00.000Z',
    ]);
  });

  it('references a Patient with the NIR (not as an INS: the identity is not qualified) and a Device with model and serial, all inside the bundle', () => {
    const bundle = consultationBundle(consultation, '2026-03-02T10:00:00.000Z');
    const urls = new Set(entries(bundle).map((e) => e.fullUrl));
    expect(urls.size).toBe(entries(bundle).length);
    const patient = entries(bundle).find((e) => e.resource.resourceType === 'Patient')!;
    expect(patient.resource).toMatchObject({
      identifier: [expect.objectContaining({ system: NIR_UNQUALIFIED_SYSTEM, value: '284077512345678' })],
      name: [{ family: 'ZYGOMATIQUE', given: ['Philibertine'] }],
    });
    const devices = entries(bundle).filter((e) => e.resource.resourceType === 'Device');
    expect(devices.map((d) => d.resource)).toContainEqual(
      expect.objectContaining({ modelNumber: 'omron-hem7322u', serialNumber: 'SN-1' }),
    );
    expect(devices).toHaveLength(3);
    for (const o of observations(bundle)) {
      expect(o.subject!.reference).toBe(patient.fullUrl);
      expect(urls.has(o.device.reference)).toBe(true);
    }
    expect(consultationBundle(consultation, '2026-03-02T10:00:00.000Z')).toEqual(bundle);
  });

  it('exports without a Patient once the identity is gone, still valid', () => {
    const bundle = consultationBundle({ ...consultation, identity: null }, '2026-03-02T10:00:00.000Z');
    expect(entries(bundle).some((e) => e.resource.resourceType === 'Patient')).toBe(false);
    expect(validator.validate(bundle)).toEqual([]);
  });

  it('leaves out the entry array of an empty consultation (FHIR JSON has no empty arrays)', () => {
    const bundle = consultationBundle(
      { ...consultation, identity: null, measurements: [] },
      '2026-03-02T10:00:00.000Z',
    );
    expect('entry' in bundle).toBe(false);
    expect(validator.validate(bundle)).toEqual([]);
  });

  it('keeps only the known part of a lunar birth date', () => {
    expect(fhirBirthDate('1984-07-21')).toBe('1984-07-21');
    expect(fhirBirthDate('1984-07-00')).toBe('1984-07');
    expect(fhirBirthDate('1984-00-00')).toBe('1984');
  });
});
