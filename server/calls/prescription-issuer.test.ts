import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prescription } from '../../common/consultation/prescription';
import { SqlitePrescriptionSequence } from '../records/prescription-sequence';
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
    const dir = mkdtempSync(join(tmpdir(), 'rx-'));
    const open = () =>
      new PrescriptionIssuer({
        sequence: new SqlitePrescriptionSequence(join(dir, 'records.sqlite')),
        logFile: join(dir, 'issued.jsonl'),
        verifyBaseUrl: 'https://platform.test/verify',
      });
    const issuer = open();
    const a = issuer.issue(draft, doctor);
    const b = issuer.issue(draft, doctor);
    expect(Prescription.parse(a)).toEqual(a);
    expect(a.number).toMatch(/^RX-\d{4}-000001-\d$/);
    expect(isValidPrescriptionNumber(a.number)).toBe(true);
    expect(isValidPrescriptionNumber(a.number.replace('000001', '000002'))).toBe(false);
    expect(a.qrPayload).toContain(`https://platform.test/verify/${a.number}`);
    expect(issuer.get(b.number)).toEqual(b);
    const restarted = open();
    expect(restarted.get(a.number)).toEqual(a);
    const third = restarted.issue(draft, doctor, 'kiosk-a');
    expect(third.number).toMatch(/-000003-/);
    expect(open().kioskOf(third.number)).toBe('kiosk-a');
    expect(open().kioskOf(a.number)).toBeNull();
  });
});
