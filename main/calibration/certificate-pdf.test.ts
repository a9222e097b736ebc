import { describe, expect, it } from 'vitest';
import { sampleCalibration } from '../../common/records/testing/samples';
import { calibrationVerifyUrl } from '../../common/calibration/verify-url';
import { certificateContent, certificatePdf } from './certificate-pdf';

const SITE = { pharmacyName: 'Pharmacie du Port', pharmacyId: 'FINESS-1' };

describe('the calibration certificate', () => {
  it('states the device, the reference and its certificate, every point, the verdict, the technician and the dates', () => {
    const record = sampleCalibration();
    const content = certificateContent(record, SITE);
    const text = JSON.stringify(content);
    expect(content.number).toBe(`N° ${record.certificateNumber}`);
    for (const needle of [
      'Omron HEM-7322U (M500 IT)',
      'SN-BP-0001',
      'Pharmacie du Port (FINESS-1)',
      'REF-42',
      'COFRAC-2026-0042',
      'Technicien : Camille Técheur (tech.camille)',
      '5 novembre 2026',
      'Prochaine vérification avant le 5 novembre 2027',
    ])
      expect(text).toContain(needle);
    expect(content.table.rows).toHaveLength(7);
    expect(content.table.rows[2]).toEqual(['100', '100', '101', '+1', '±3', 'Conforme']);
    expect(content.table.rows[6]).toEqual(['Fuite 250', '250 puis 249', 'en 60 s', '-1', 'max 6', 'Conforme']);
    const shortHold = certificateContent(
      sampleCalibration({
        leakTest: { startMmHg: 250, endMmHg: 250, heldSeconds: 6, dropMmHg: 0, maxDropMmHg: 0.6, passed: true },
      }),
      SITE,
    );
    expect(shortHold.table.rows[6]).toEqual(['Fuite 250', '250 puis 250', 'en 6 s', '0', 'max 0,6', 'Conforme']);
    expect(content.verdict).toBe('Résultat : CONFORME');
  });

  it('says a failed device is out of service, with the failing points', () => {
    const passed = sampleCalibration();
    const record = sampleCalibration({
      result: 'failed',
      validUntil: null,
      points: passed.points.map((p) => ({ ...p, deviceMmHg: p.referenceMmHg + 5, errorMmHg: 5, passed: false })),
    });
    const content = certificateContent(record, SITE);
    expect(content.verdict).toBe('Résultat : NON CONFORME');
    expect(content.table.rows[0]).toEqual(['0', '0', '5', '+5', '±3', 'Non conforme']);
    expect(content.footer.at(-1)).toMatch(/hors service/);
  });

  it('a thermometer’s and an oximeter’s check: every quantity at every setting, read through the protocol', () => {
    const base = sampleCalibration();
    const { points: _p, leakTest: _l, ...common } = base;
    const row = (
      setting: number,
      quantity: 'temperature' | 'spo2' | 'pulse-rate',
      nominal: number,
      device: number,
    ) => ({
      setting,
      quantity,
      nominal,
      reference: nominal,
      device,
      error: Math.round((device - nominal) * 10) / 10,
      tolerance: quantity === 'temperature' ? 0.3 : quantity === 'spo2' ? 2 : 3,
      passed: Math.abs(device - nominal) <= (quantity === 'temperature' ? 0.3 : quantity === 'spo2' ? 2 : 3),
    });
    const thermo = certificateContent(
      {
        ...common,
        method: 'reference-temperature',
        deviceReading: 'device-protocol',
        points: [row(0, 'temperature', 35, 35.5), row(1, 'temperature', 37, 37.1)],
        result: 'failed',
        validUntil: null,
      },
      SITE,
    );
    expect(thermo.title).toMatch(/thermomètre/);
    expect(thermo.table.rows).toEqual([
      ['Température 35 °C', '35', '35,5', '+0,5', '±0,3', 'Non conforme'],
      ['Température 37 °C', '37', '37,1', '+0,1', '±0,3', 'Conforme'],
    ]);
    expect(JSON.stringify(thermo.sections)).toContain('bain de référence');
    const oxi = certificateContent(
      {
        ...common,
        method: 'simulator-points',
        deviceReading: 'device-protocol',
        points: [row(0, 'spo2', 90, 91), row(0, 'pulse-rate', 120, 119)],
      },
      SITE,
    );
    expect(oxi.title).toMatch(/oxymètre/);
    expect(oxi.table.rows).toEqual([
      ['SpO2 90 %', '90', '91', '+1', '±2', 'Conforme'],
      ['Pouls 120 bpm', '120', '119', '-1', '±3', 'Conforme'],
    ]);
  });

  it('lays it out as a one-page PDF (its text is read back in the calibration e2e)', async () => {
    const pdf = await certificatePdf(sampleCalibration(), SITE);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it('carries a QR code of the platform page that verifies it', async () => {
    const record = sampleCalibration();
    const link = calibrationVerifyUrl('wss://platform.example:8443', record);
    expect(link).toBe(`https://platform.example:8443/verify/calibration/${record.certificateNumber}?t=${record.id}`);
    const pdf = await certificatePdf(record, SITE, link);
    // The QR is an image on the page (decoded back to the link in the calibration e2e); none without a link.
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect((await certificatePdf(record, SITE)).toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });
});
