import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prescription } from '../../common/consultation/prescription';
import { isValidPrescriptionNumber, luhnDigit, PrescriptionIssuer } from './prescription-issuer';

const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };
const draft = {
  lines: [{ item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours', notes: '' }],
};

describe('prescription numbers', () => {
  it('computes the Luhn digit', () => {
    expect(luhnDigit('7992739871')).toBe(3);
  });

  it('issues unique, checkable numbers that survive a restart', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rx-')), 'seq');
    const issuer = new PrescriptionIssuer(file, 'https://platform.test/verify');
    const a = issuer.issue(draft, doctor);
    const b = issuer.issue(draft, doctor);
    expect(Prescription.parse(a)).toEqual(a);
    expect(a.number).toMatch(/^RX-\d{4}-000001-\d$/);
    expect(isValidPrescriptionNumber(a.number)).toBe(true);
    expect(isValidPrescriptionNumber(a.number.replace('000001', '000002'))).toBe(false);
    expect(a.qrPayload).toContain(`https://platform.test/verify/${a.number}`);
    expect(issuer.get(b.number)).toEqual(b);
    const restarted = new PrescriptionIssuer(file, 'https://platform.test/verify');
    expect(restarted.get(a.number)).toEqual(a);
    const third = restarted.issue(draft, doctor, 'kiosk-a');
    expect(third.number).toMatch(/-000003-/);
    expect(new PrescriptionIssuer(file, 'x').kioskOf(third.number)).toBe('kiosk-a');
    expect(new PrescriptionIssuer(file, 'x').kioskOf(a.number)).toBeNull();
  });
});
