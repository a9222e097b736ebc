import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PrescriptionSeal } from '../prescriptions/prescription-seal';
import { PrescriptionStore } from '../prescriptions/prescription-store';
import { memorySequence } from '../records/prescription-sequence';
import { IN_MEMORY_RECORDS, openRecordsDatabase } from '../records/records-database';
import { PrescriptionIssuer } from './prescription-issuer';
import { ageOn, prescriptionPatient } from './prescription-patient';

const identity = {
  lastName: 'DUPONT',
  firstName: 'Jeanne',
  birthDate: '1980-11-23',
  nir: '280117512345678',
  source: 'card' as const,
};

describe('the patient on the ordonnance', () => {
  it('takes the name, first names and birth date, and the sex from the NIR (1/7 male, 2/8 female, else unknown)', () => {
    expect(prescriptionPatient(identity)).toEqual({
      lastName: 'DUPONT',
      firstNames: 'Jeanne',
      sex: 'F',
      birthDate: '1980-11-23',
    });
    expect(prescriptionPatient({ ...identity, nir: '180117512345678' }).sex).toBe('M');
    expect(prescriptionPatient({ ...identity, nir: '780117512345678' }).sex).toBe('M');
    expect(prescriptionPatient({ ...identity, nir: '380117512345678' }).sex).toBeNull();
  });

  it('counts the age in whole years on the day of issue, none for a lunar date', () => {
    expect(ageOn('1980-11-23', '2026-11-22T10:00:00Z')).toBe(45);
    expect(ageOn('1980-11-23', '2026-11-23T10:00:00Z')).toBe(46);
    expect(ageOn('1980-00-00', '2026-11-23T10:00:00Z')).toBeNull();
  });

  it('is stored with the prescription, its specialty and practice address, outside the sealed part the verify page shows', async () => {
    const store = new PrescriptionStore(openRecordsDatabase(IN_MEMORY_RECORDS));
    const seal = new PrescriptionSeal(randomBytes(32));
    const issuer = new PrescriptionIssuer({
      sequence: memorySequence(),
      store,
      verifyBaseUrl: 'https://p/verify',
      seal,
      practiceAddressOf: (id) => (id === 'd1' ? '12 rue de la Paix, 75002 Paris' : null),
    });
    const draft = { lines: [{ item: 'Paracétamol 1 g', dosage: '1 cp', duration: '5 jours', notes: '' }] };
    const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };
    const rx = await issuer.issue(draft, doctor, {
      consultationId: 'c1',
      kioskId: 'k1',
      patient: prescriptionPatient(identity),
      specialty: 'general-practice',
    });
    expect((await store.get(rx.number))?.prescription).toMatchObject({
      patient: { lastName: 'DUPONT', sex: 'F' },
      doctor: { rpps: '10000000001', specialty: 'general-practice', practiceAddress: '12 rue de la Paix, 75002 Paris' },
    });
    // A doctor with no address recorded: none printed.
    const other = await issuer.issue(draft, { ...doctor, id: 'd2' }, { consultationId: 'c2', kioskId: 'k1' });
    expect(other.doctor).not.toHaveProperty('practiceAddress');
    const token = new URL(rx.qrPayload.split(' ')[1]!).searchParams.get('t')!;
    expect(await issuer.verified(rx.number, token)).not.toBeNull();
  });
});
